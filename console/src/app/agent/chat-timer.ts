import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { chatSeconds, chatTimeStatus, formatDuration, type ChatTimeLimits } from '../shared/chat-time';
import { Clock } from '../shared/clock';

/** How long a chat has run, coloured by the campaign's chat-time limits. */
@Component({
  selector: 'parley-chat-timer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="timer" [class]="'timer ' + status().toLowerCase()" [attr.data-status]="status()" [attr.title]="label()" [attr.aria-label]="label()" role="timer">
    <span class="dot" aria-hidden="true"></span>{{ text() }}</span>`,
  styles: `
    .timer { display: inline-flex; align-items: center; gap: 5px; font-variant-numeric: tabular-nums; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px; background: #ecfdf5; color: #166534; }
    .dot { width: 6px; height: 6px; border-radius: 50%; background: currentColor; }
    .timer.warning { background: #fef3c7; color: #92400e; }
    .timer.over_limit { background: #fee2e2; color: #991b1b; }
  `,
})
export class ChatTimer {
  private readonly clock = inject(Clock);
  private readonly i18n = inject(I18n);
  readonly answeredAt = input<string | null>(null);
  readonly limits = input.required<ChatTimeLimits>();

  private readonly seconds = computed(() => chatSeconds(this.answeredAt(), this.clock.now()));
  protected readonly status = computed(() => chatTimeStatus(this.seconds(), this.limits()));
  protected readonly text = computed(() => formatDuration(this.seconds()));
  protected readonly label = computed(() =>
    this.i18n.t(this.status() === 'OVER_LIMIT' ? 'timer.over' : this.status() === 'WARNING' ? 'timer.warning' : 'timer.normal', { time: this.text() }),
  );
}
