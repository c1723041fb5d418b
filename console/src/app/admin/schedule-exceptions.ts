import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import type { ScheduleException } from './campaign.operations';
import { exceptionProblem, formatHours, parseHours } from './exception-rules';

interface Row { date: string; closed: boolean; hours: string }

/** Days that differ from the weekly hours: holidays (closed) or special opening hours. */
@Component({
  selector: 'parley-schedule-exceptions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="exceptions" role="group" aria-labelledby="exceptions-title">
      <h3 id="exceptions-title">{{ t('exceptions.title') }}</h3>
      <p class="hint" id="exceptions-hint">{{ t('exceptions.hint') }}</p>
      @for (row of rows(); track $index; let i = $index) {
        <div class="row" role="group" [attr.aria-label]="t('exceptions.row', { n: i + 1 })">
          <input type="date" [value]="row.date" (change)="edit(i, { date: $any($event.target).value })" [disabled]="disabled()" [attr.aria-label]="t('exceptions.date', { n: i + 1 })"
                 [attr.aria-invalid]="problem(i) === 'exceptions.problem.date' ? 'true' : null" [attr.aria-describedby]="problem(i) ? 'exception-' + i + '-error' : null" />
          <label class="check"><input type="checkbox" [checked]="row.closed" (change)="edit(i, { closed: $any($event.target).checked })" [disabled]="disabled()" [attr.aria-label]="t('exceptions.closed', { n: i + 1 })" /> {{ t('exceptions.closedShort') }}</label>
          <input class="hours" [value]="row.hours" (input)="edit(i, { hours: $any($event.target).value })" [disabled]="disabled() || row.closed" placeholder="10:00-14:00"
                 [attr.aria-label]="t('exceptions.hours', { n: i + 1 })" [attr.aria-invalid]="problem(i) === 'exceptions.problem.hours' ? 'true' : null"
                 [attr.aria-describedby]="problem(i) ? 'exception-' + i + '-error' : 'exceptions-hint'" />
          <button type="button" class="button ghost" (click)="remove(i)" [disabled]="disabled()" [attr.aria-label]="t('exceptions.remove', { n: i + 1 })">{{ t('common.remove') }}</button>
        </div>
        @if (problem(i); as key) { <p class="field-error" [id]="'exception-' + i + '-error'">{{ t(key) }}</p> }
      }
      <button type="button" class="button" (click)="add()" [disabled]="disabled()">+ {{ t('exceptions.add') }}</button>
    </div>
  `,
  styleUrl: './admin-screen.css',
  styles: `
    .exceptions { display: flex; flex-direction: column; gap: 8px; align-items: flex-start; margin-top: 18px; padding-top: 16px; border-top: 1px solid var(--border); }
    h3 { font-size: 14px; margin: 0; }
    .row { display: grid; grid-template-columns: 160px auto 200px auto; gap: 10px; align-items: center; }
    .row input { font: inherit; border: 1px solid #cbd5e1; border-radius: 8px; padding: 6px 8px; background: #fff; }
    .row input[aria-invalid='true'] { border-color: var(--danger); }
    .hours:disabled { background: #f8fafc; color: #64748b; }
  `,
})
export class ScheduleExceptions {
  readonly exceptions = input.required<readonly ScheduleException[]>();
  readonly disabled = input(false);
  /** Every edit: the exceptions as CampaignInput wants them, and whether each row is complete. */
  readonly exceptionsChange = output<{ exceptions: ScheduleException[]; valid: boolean }>();
  protected readonly t = inject(I18n).t;
  protected readonly rows = signal<Row[]>([]);
  private readonly shown = signal(false);

  constructor() {
    // Rows come from the campaign as loaded; later edits are the rows' own.
    effect(() => {
      const loaded = this.exceptions();
      untracked(() => this.rows.set(loaded.map((e) => ({ date: e.date, closed: e.closed, hours: formatHours(e.ranges) }))));
    });
  }

  protected problem(index: number): MessageKey | null {
    const row = this.rows()[index];
    return row && this.shown() ? exceptionProblem(row) : null;
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, { date: '', closed: true, hours: '' }]);
    this.emit();
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
    this.emit();
  }

  protected edit(index: number, change: Partial<Row>): void {
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
    this.emit();
  }

  /** Shows every row's problem (the editor calls it when saving). */
  reveal(): void {
    this.shown.set(true);
  }

  private emit(): void {
    const rows = this.rows();
    const valid = rows.every((row) => exceptionProblem(row) === null);
    const exceptions = rows.map((row) => ({ date: row.date, closed: row.closed, ranges: row.closed ? [] : parseHours(row.hours, row.date) ?? [] }));
    this.exceptionsChange.emit({ exceptions, valid });
  }
}
