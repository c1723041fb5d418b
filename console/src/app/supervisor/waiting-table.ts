import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { formatDuration } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import type { BoardWaiting } from './campaign-board.store';
import { secondsSince } from './live-figures';

/** Who is waiting in the campaign's queue, the longest first, each wait ticking. */
@Component({
  selector: 'parley-waiting-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" aria-labelledby="waiting-title">
      <header class="section-head">
        <h2 id="waiting-title">{{ t('waiting.title') }} <span class="count">{{ waiting().length }}</span></h2>
        @if (acdAlert()) { <span class="alert-badge" role="status">{{ t('dashboard.acdAlert') }}</span> }
      </header>
      <table data-testid="waiting-table">
        <caption class="visually-hidden">{{ t('waiting.title') }}</caption>
        <thead>
          <tr><th scope="col" class="pos">#</th><th scope="col">{{ t('waiting.name') }}</th><th scope="col">{{ t('waiting.email') }}</th><th scope="col" class="num">{{ t('waiting.time') }}</th></tr>
        </thead>
        <tbody>
          @for (contact of waiting(); track contact.interactionId; let i = $index) {
            <tr data-testid="waiting-row" [attr.data-name]="contact.name">
              <td class="pos">{{ i + 1 }}</td>
              <td class="name">{{ contact.name }}</td>
              <td class="email">{{ contact.email || t('conversation.none') }}</td>
              <td class="num"><span class="wait" [class]="'wait ' + level(contact)" data-testid="waiting-time">{{ waited(contact) }}</span></td>
            </tr>
          } @empty {
            <tr><td colspan="4" class="empty">{{ t('waiting.empty') }}</td></tr>
          }
        </tbody>
      </table>
    </section>
  `,
  styles: `
    :host { display: block; min-width: 0; }
    .panel { overflow: hidden; height: 100%; }
    .section-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 14px 18px 10px; }
    h2 { font-size: 15px; display: flex; align-items: center; gap: 8px; }
    .count { background: #e2e8f0; color: #334155; border-radius: 999px; padding: 0 8px; font-size: 12px; }
    .alert-badge { background: #fee2e2; color: #991b1b; border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 700; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 9px 12px; border-top: 1px solid #eef2f7; font-size: 13px; }
    thead th { font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: #475569; font-weight: 600; background: #f8fafc; border-top-color: var(--border); }
    .pos { width: 32px; color: #475569; }
    .name { font-weight: 600; }
    .email { color: #475569; max-width: 180px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .num { text-align: right; }
    .wait { font-variant-numeric: tabular-nums; font-weight: 600; border-radius: 999px; padding: 1px 8px; background: #f1f5f9; color: #334155; }
    .wait.late { background: #fef3c7; color: #92400e; }
    .wait.very-late { background: #fee2e2; color: #991b1b; }
    .empty { text-align: center; color: #475569; padding: 24px; }
  `,
})
export class WaitingTable {
  private readonly clock = inject(Clock);
  protected readonly t = inject(I18n).t;
  readonly waiting = input.required<readonly BoardWaiting[]>();
  readonly acdAlert = input(false);
  /** Waits longer than this miss the service level. */
  readonly serviceLevelSeconds = input.required<number>();

  protected waited(contact: BoardWaiting): string {
    return formatDuration(secondsSince(contact.since, this.clock.now()));
  }

  protected level(contact: BoardWaiting): string {
    const seconds = secondsSince(contact.since, this.clock.now());
    const limit = this.serviceLevelSeconds();
    return seconds >= limit * 2 ? 'very-late' : seconds >= limit ? 'late' : 'ok';
  }
}
