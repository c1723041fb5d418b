import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, input, signal, untracked, viewChild, ViewEncapsulation } from '@angular/core';
import uPlot from 'uplot';
import { I18n } from '../core/i18n/i18n.service';
import type { DayChartData } from './chart-data';

const VOLUME = '#93c5fd';
const ABANDONED = '#f97316';
const LEVEL = '#15803d';
const TARGET = '#475569';
const HALF_QUARTER = 450;

/**
 * The day by quarter hour on a canvas drawn by uPlot: chats offered and abandoned as bars (left
 * axis), the service level as a line against its dashed target (right axis, %). Times are on the
 * campaign's clock. A screen reader gets the same figures from the table beside it.
 */
@Component({
  selector: 'parley-day-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  styleUrl: './day-chart.css',
  template: `
    <p class="readout" aria-hidden="true">{{ readout() }}</p>
    <div class="chart-host" #host aria-hidden="true"></div>
  `,
})
export class DayChart {
  private readonly i18n = inject(I18n);
  readonly data = input.required<DayChartData>();
  readonly timezone = input.required<string>();
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  protected readonly readout = signal('');
  private plot: uPlot | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.host().nativeElement;
      const observer = new ResizeObserver(() => this.plot?.setSize({ width: element.clientWidth, height: 240 }));
      observer.observe(element);
      destroyRef.onDestroy(() => {
        observer.disconnect();
        this.plot?.destroy();
        this.plot = null;
      });
      this.draw();
    });
    // New figures redraw; a new language or timezone rebuilds (axis labels and series names).
    effect(() => {
      const data = this.data();
      untracked(() => this.plot?.setData(columns(data)));
    });
    effect(() => {
      this.i18n.language();
      this.timezone();
      untracked(() => {
        if (!this.plot) return;
        this.plot.destroy();
        this.plot = null;
        this.draw();
      });
    });
  }

  private draw(): void {
    const element = this.host().nativeElement;
    const t = this.i18n.t;
    const timezone = this.timezone();
    const clock = new Intl.DateTimeFormat(this.i18n.locale(), { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
    const time = (seconds: number) => clock.format(new Date(seconds * 1000));
    const bars = uPlot.paths.bars;
    const options: uPlot.Options = {
      width: Math.max(320, element.clientWidth),
      height: 240,
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timezone),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      padding: [8, 4, 0, 4],
      // Half a quarter hour either side of the first and last middles: every bar whole, the axis on whole hours.
      scales: { x: { time: true, range: (_u, min, max) => [min - HALF_QUARTER, max + HALF_QUARTER] }, n: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max || 0) * 1.15))] }, pct: { range: [0, 100] } },
      axes: [
        { stroke: '#475569', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, values: (_u, splits) => splits.map(time), font: '11px system-ui' },
        { scale: 'n', stroke: '#475569', grid: { stroke: '#eef2f7' }, ticks: { show: false }, size: 36, font: '11px system-ui', values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { scale: 'pct', side: 1, stroke: '#475569', grid: { show: false }, ticks: { show: false }, size: 44, font: '11px system-ui', values: (_u, splits) => splits.map((v) => `${v}%`) },
      ],
      series: [
        {},
        { label: t('chart.offered'), scale: 'n', fill: VOLUME, stroke: VOLUME, width: 0, paths: bars?.({ size: [0.42, 18], align: -1, gap: 1 }), points: { show: false } },
        { label: t('chart.abandoned'), scale: 'n', fill: ABANDONED, stroke: ABANDONED, width: 0, paths: bars?.({ size: [0.42, 18], align: 1, gap: 1 }), points: { show: false } },
        { label: t('chart.serviceLevel'), scale: 'pct', stroke: LEVEL, width: 2, spanGaps: false, points: { show: true, size: 5, fill: LEVEL } },
        { label: t('chart.target'), scale: 'pct', stroke: TARGET, width: 1, dash: [6, 4], points: { show: false } },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const index = u.cursor.idx;
            if (index === null || index === undefined) return this.readout.set('');
            const [x, offered, abandoned, level] = [u.data[0][index], u.data[1]?.[index], u.data[2]?.[index], u.data[3]?.[index]];
            if (x === undefined) return this.readout.set('');
            const quarter = `${time(x - HALF_QUARTER)}–${time(x + HALF_QUARTER)}`;
            if (offered === null || offered === undefined) return this.readout.set(quarter);
            this.readout.set(t('chart.readout', { time: quarter, offered, abandoned: abandoned ?? 0, level: level === null || level === undefined ? '—' : `${level}%` }));
          },
        ],
      },
    };
    this.plot = new uPlot(options, columns(this.data()), element);
  }
}

function columns(data: DayChartData): uPlot.AlignedData {
  return [data.x, data.offered, data.abandoned, data.serviceLevel, data.target];
}
