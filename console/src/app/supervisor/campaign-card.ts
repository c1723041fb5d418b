import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import { formatDuration } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import type { LiveCampaign } from './campaign-board.store';
import { formatPercent, secondsSince, serviceLevelHealth } from './live-figures';
import type { DashboardCampaign } from './supervisor.operations';

/** One campaign's day at a glance: service level against its target, abandonment, the queue and the ACD alert. */
@Component({
  selector: 'parley-campaign-card',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = campaign();
    <article class="card" [class.selected]="selected()" [class.disabled]="!c.enabled" [style.--swatch]="c.colour" data-testid="campaign-card" [attr.data-campaign]="c.name">
      <header>
        <h2><button type="button" class="pick" [attr.aria-pressed]="selected()" (click)="choose.emit()">{{ c.name }}</button></h2>
        <span class="badges">
          @if (live()?.stats?.acdAlert) { <span class="badge alert" data-testid="acd-alert">{{ t('dashboard.acdAlert') }}</span> }
          <span class="badge" [class.open]="c.openNow">{{ c.enabled ? (c.openNow ? t('campaigns.openNow') : t('campaigns.closedNow')) : t('common.disabled') }}</span>
          <a class="settings" [routerLink]="['/campaigns', c.id]" [attr.aria-label]="t('dashboard.settingsOf', { name: c.name })" [title]="t('dashboard.settingsOf', { name: c.name })">
            <svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/></svg>
          </a>
        </span>
      </header>
      @if (live(); as l) {
        <div class="level" [class]="'level ' + health()">
          <span class="big" data-testid="service-level">{{ percent(l.stats.serviceLevel) }}</span>
          <span class="caption">{{ t('dashboard.serviceLevel') }}<br /><small>{{ t('dashboard.target', { target: percent(c.serviceLevelTarget) }) }}</small></span>
        </div>
        <div class="bar" aria-hidden="true"><span class="fill" [style.width.%]="l.stats.serviceLevel * 100"></span><span class="target" [style.left.%]="c.serviceLevelTarget * 100"></span></div>
        <dl class="figures">
          <div><dt>{{ t('dashboard.waiting') }}</dt><dd data-testid="card-waiting">{{ l.stats.waiting }}</dd></div>
          <div><dt>{{ t('dashboard.longestWait') }}</dt><dd>{{ longestWait() }}</dd></div>
          <div><dt>{{ t('dashboard.abandoned') }}</dt><dd>{{ percent(l.stats.abandonRate) }}</dd></div>
          <div><dt>{{ t('dashboard.activeChats') }}</dt><dd>{{ l.stats.active }}</dd></div>
          <div><dt>{{ t('dashboard.offered') }}</dt><dd>{{ l.stats.offered }}</dd></div>
          <div><dt>{{ t('dashboard.agentsAvailable') }}</dt><dd>{{ available() }}</dd></div>
        </dl>
      } @else if (unavailable()) {
        <p class="note">{{ t('dashboard.statsUnavailable') }}</p>
      } @else {
        <p class="note">{{ t('inbox.loading') }}</p>
      }
    </article>
  `,
  styles: `
    .card { position: relative; background: #fff; border: 1px solid var(--border); border-radius: 12px; padding: 14px 16px 12px; display: flex; flex-direction: column; gap: 10px; box-shadow: inset 4px 0 0 var(--swatch); transition: border-color .12s, box-shadow .12s; }
    .card:hover { border-color: #cbd5e1; }
    .card.selected { border-color: var(--accent); box-shadow: inset 4px 0 0 var(--swatch), 0 0 0 3px #dbeafe; }
    .card.disabled { opacity: .75; }
    header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
    h2 { font-size: 15px; min-width: 0; }
    .pick { border: 0; background: none; padding: 0; font: inherit; font-weight: 700; color: var(--text); cursor: pointer; text-align: left; overflow-wrap: anywhere; }
    /* The whole card picks the campaign; the button keeps its name for assistive technology. */
    .pick::after { content: ''; position: absolute; inset: 0; border-radius: 12px; }
    .pick:focus-visible { outline: none; }
    .pick:focus-visible::after { outline: 2px solid var(--accent); outline-offset: 2px; }
    .badges { display: flex; gap: 4px; flex-wrap: wrap; justify-content: flex-end; align-items: center; }
    /* Above the card-wide pick area. */
    .settings { position: relative; z-index: 1; display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 6px; color: #475569; }
    .settings:hover { background: #f1f5f9; color: var(--text); }
    .settings:focus-visible { outline: 2px solid var(--accent); }
    .badge { border-radius: 999px; padding: 1px 8px; font-size: 11.5px; font-weight: 600; background: #f1f5f9; color: #475569; white-space: nowrap; }
    .badge.open { background: #dbeafe; color: #1e40af; }
    .badge.alert { background: #fee2e2; color: #991b1b; }
    .level { display: flex; align-items: center; gap: 10px; }
    .big { font-size: 30px; font-weight: 700; line-height: 1; font-variant-numeric: tabular-nums; }
    .caption { font-size: 12px; color: #475569; line-height: 1.3; }
    .level.met .big { color: #15803d; } .level.near .big { color: #b45309; } .level.missed .big { color: #b91c1c; }
    .bar { position: relative; height: 6px; border-radius: 999px; background: #f1f5f9; }
    .fill { position: absolute; inset: 0 auto 0 0; border-radius: 999px; background: #22c55e; max-width: 100%; }
    .level.near + .bar .fill { background: #f59e0b; } .level.missed + .bar .fill { background: #ef4444; }
    .target { position: absolute; top: -3px; width: 2px; height: 12px; background: #0f172a; border-radius: 1px; }
    .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px 10px; margin: 0; }
    .figures div { display: flex; flex-direction: column; }
    dt { font-size: 11px; color: #475569; text-transform: uppercase; letter-spacing: .04em; }
    dd { margin: 0; font-size: 15px; font-weight: 700; font-variant-numeric: tabular-nums; }
    .note { margin: 8px 0; color: #475569; font-size: 13px; }
  `,
})
export class CampaignCard {
  private readonly clock = inject(Clock);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  readonly campaign = input.required<DashboardCampaign>();
  readonly live = input<LiveCampaign | undefined>(undefined);
  readonly selected = input(false);
  readonly unavailable = input(false);
  readonly choose = output<void>();

  protected readonly health = computed(() => serviceLevelHealth(this.live()?.stats.serviceLevel ?? 1, this.campaign().serviceLevelTarget));
  protected readonly available = computed(() => {
    const agents = this.live()?.agents ?? [];
    return `${agents.filter((agent) => agent.state === 'AVAILABLE').length}/${agents.length}`;
  });
  protected readonly longestWait = computed(() => {
    const first = this.live()?.waiting[0];
    return first ? formatDuration(secondsSince(first.since, this.clock.now())) : '—';
  });

  protected percent(ratio: number): string {
    return formatPercent(ratio, this.i18n.locale());
  }
}
