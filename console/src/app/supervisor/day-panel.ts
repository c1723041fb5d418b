import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { ChatApi } from '../agent/chat-api';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore } from '../core/session.store';
import { datedFileName, downloadFile } from '../shared/download';
import { dayOf, knownTimezone } from './campaign-day';
import { busyBuckets, dayChartData, visibleBuckets, volumeSignature, type HistoryBucket } from './chart-data';
import { DayChart } from './day-chart';
import { formatPercent } from './live-figures';
import { STATS_HISTORY, type CampaignStats, type DashboardCampaign, type StatsHistoryData } from './supervisor.operations';

const EVERY_MINUTE = 60_000;
/** After a change in the figures, wait this long for more before asking again. */
const SETTLE_MS = 2_000;

/** The campaign's day by quarter hour: loaded from statsHistory, again every minute and soon after the figures change. */
@Component({
  selector: 'parley-day-panel',
  imports: [DayChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" aria-labelledby="day-title">
      <header class="section-head">
        <div>
          <h2 id="day-title">{{ t('chart.title') }}</h2>
          <p class="sub">{{ t('chart.subtitle', { timezone: timezone() }) }}</p>
        </div>
        <div class="tools">
          <ul class="legend" [attr.aria-label]="t('chart.legend')">
            <li><span class="key offered" aria-hidden="true"></span>{{ t('chart.offered') }}</li>
            <li><span class="key abandoned" aria-hidden="true"></span>{{ t('chart.abandoned') }}</li>
            <li><span class="key level" aria-hidden="true"></span>{{ t('chart.serviceLevel') }}</li>
            <li><span class="key target" aria-hidden="true"></span>{{ t('chart.targetOf', { target: percent(campaign().serviceLevelTarget) }) }}</li>
          </ul>
          <button type="button" class="button small" (click)="download()" [disabled]="downloading()" data-testid="stats-csv">
            <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v3h16v-3"/></svg>
            {{ t('chart.download') }}
          </button>
        </div>
      </header>
      @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
      <div class="chart" role="img" [attr.aria-label]="summary()">
        @if (buckets()) {
          <parley-day-chart [data]="chartData()" [timezone]="timezone()" />
        } @else {
          <p class="loading">{{ t('inbox.loading') }}</p>
        }
      </div>
      <details>
        <summary>{{ t('chart.asTable') }}</summary>
        <table>
          <caption class="visually-hidden">{{ t('chart.title') }}</caption>
          <thead><tr><th scope="col">{{ t('chart.quarter') }}</th><th scope="col" class="num">{{ t('chart.offered') }}</th><th scope="col" class="num">{{ t('chart.answered') }}</th><th scope="col" class="num">{{ t('chart.abandoned') }}</th><th scope="col" class="num">{{ t('chart.serviceLevel') }}</th></tr></thead>
          <tbody>
            @for (bucket of busy(); track bucket.from) {
              <tr><td>{{ quarter(bucket) }}</td><td class="num">{{ bucket.offered }}</td><td class="num">{{ bucket.answered }}</td><td class="num">{{ bucket.abandoned }}</td><td class="num">{{ percent(bucket.serviceLevel) }}</td></tr>
            } @empty {
              <tr><td colspan="5" class="empty">{{ t('chart.noChats') }}</td></tr>
            }
          </tbody>
        </table>
      </details>
    </section>
  `,
  styles: `
    :host { display: block; min-width: 0; }
    .panel { padding-bottom: 8px; }
    .section-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 12px; padding: 14px 18px 6px; flex-wrap: wrap; }
    h2 { font-size: 15px; }
    .sub { margin: 2px 0 0; color: #475569; font-size: 12px; }
    .tools { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
    .legend { list-style: none; display: flex; gap: 12px; margin: 0; padding: 0; font-size: 12px; color: #334155; flex-wrap: wrap; }
    .legend li { display: inline-flex; align-items: center; gap: 5px; }
    .key { width: 12px; height: 10px; border-radius: 2px; display: inline-block; }
    .key.offered { background: #93c5fd; } .key.abandoned { background: #f97316; }
    .key.level { height: 3px; background: #15803d; } .key.target { height: 0; border-top: 2px dashed #475569; }
    .button.small { padding: 5px 10px; font-size: 12.5px; }
    .chart { padding: 0 14px; min-height: 264px; }
    .loading { color: #475569; padding: 40px; text-align: center; }
    .alert { margin: 0 18px 8px; }
    details { margin: 4px 18px 6px; font-size: 13px; }
    summary { cursor: pointer; color: #1d4ed8; font-weight: 600; font-size: 12.5px; }
    table { width: 100%; border-collapse: collapse; margin-top: 8px; }
    th, td { padding: 5px 8px; border-top: 1px solid #eef2f7; text-align: left; }
    th { font-size: 11.5px; color: #475569; text-transform: uppercase; letter-spacing: .04em; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .empty { color: #475569; text-align: center; }
  `,
})
export class DayPanel {
  private readonly api = inject(ChatApi);
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  readonly campaign = input.required<DashboardCampaign>();
  readonly stats = input<CampaignStats | undefined>(undefined);

  protected readonly buckets = signal<HistoryBucket[] | null>(null);
  protected readonly error = signal('');
  protected readonly downloading = signal(false);
  private readonly loadedAt = signal(Date.now());
  protected readonly timezone = computed(() => knownTimezone(this.campaign().schedule.timezone));
  protected readonly chartData = computed(() => dayChartData(visibleBuckets(this.buckets() ?? [], this.loadedAt()), this.campaign().serviceLevelTarget, this.loadedAt()));
  protected readonly busy = computed(() => busyBuckets(this.buckets() ?? []));
  protected readonly summary = computed(() => {
    const stats = this.stats();
    return stats
      ? this.t('chart.summary', { offered: stats.offered, answered: stats.answered, abandoned: stats.abandoned, level: this.percent(stats.serviceLevel), target: this.percent(this.campaign().serviceLevelTarget) })
      : this.t('chart.title');
  });
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  constructor() {
    const timer = setInterval(() => void this.load(), EVERY_MINUTE);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      clearTimeout(this.settleTimer);
    });
    effect(() => {
      this.campaign().id;
      untracked(() => {
        this.buckets.set(null);
        void this.load();
      });
    });
    let signature = '';
    effect(() => {
      const next = volumeSignature(this.stats());
      untracked(() => {
        const changed = signature !== '' && next !== signature;
        signature = next;
        if (!changed) return;
        clearTimeout(this.settleTimer);
        this.settleTimer = setTimeout(() => void this.load(), SETTLE_MS);
      });
    });
  }

  protected percent(ratio: number): string {
    return formatPercent(ratio, this.i18n.locale());
  }

  protected quarter(bucket: HistoryBucket): string {
    const format = new Intl.DateTimeFormat(this.i18n.locale(), { timeZone: this.timezone(), hour: '2-digit', minute: '2-digit' });
    return `${format.format(new Date(bucket.from))}–${format.format(new Date(bucket.to))}`;
  }

  protected async download(): Promise<void> {
    const campaign = this.campaign();
    const day = dayOf(new Date(), this.timezone());
    const query = new URLSearchParams({ campaignId: campaign.id, from: day.from.toISOString(), to: day.to.toISOString(), interval: 'QUARTER_HOUR' });
    this.downloading.set(true);
    this.error.set('');
    try {
      await downloadFile(`/exports/stats.csv?${query}`, this.session.token(), datedFileName('parley-statistics'));
    } catch {
      this.error.set(this.t('chart.downloadFailed'));
    } finally {
      this.downloading.set(false);
    }
  }

  private async load(): Promise<void> {
    const campaign = this.campaign();
    const now = new Date();
    const day = dayOf(now, this.timezone());
    const request = ++this.request;
    try {
      const data = await this.api.query<StatsHistoryData>(STATS_HISTORY, { campaignId: campaign.id, from: day.from.toISOString(), to: day.to.toISOString() });
      if (request !== this.request) return;
      this.loadedAt.set(now.getTime());
      this.buckets.set(data.statsHistory);
      this.error.set('');
    } catch {
      if (request === this.request) this.error.set(this.t('chart.loadFailed'));
    }
  }
}
