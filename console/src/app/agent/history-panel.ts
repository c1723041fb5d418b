import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import type { HistoryEntry } from './agent.operations';
import { AttachmentView } from './attachment-view';
import { linkify } from './linkify';

/** The contact's earlier conversations (linked by email), newest first, each readable in full. */
@Component({
  selector: 'parley-history-panel',
  imports: [AttachmentView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'complementary', '[attr.aria-label]': "t('history.title')" },
  template: `
    <div class="top">
      <h3>{{ t('history.title') }}</h3>
      <button type="button" class="close" (click)="dismiss.emit()" [attr.aria-label]="t('history.hide')">✕</button>
    </div>
    @if (entries(); as list) {
      <ul>
        @for (entry of list; track entry.id) {
          <li>
            <button type="button" class="entry" [attr.aria-expanded]="openId() === entry.id" (click)="openId.set(openId() === entry.id ? null : entry.id)" data-testid="history-entry">
              <span class="when">{{ i18n.dateTime(entry.queuedAt) }}</span>
              <span class="what">{{ entry.campaign.name }} · {{ entry.agent?.name ?? t('history.noAgent') }}</span>
              <span class="state">{{ stateLabel(entry) }} · {{ t('history.messages', { count: entry.messages.length }) }}</span>
            </button>
            @if (openId() === entry.id) {
              <ol class="transcript" data-testid="history-transcript">
                @for (message of entry.messages; track message.seq) {
                  <li [class]="message.sender.kind.toLowerCase()">
                    <span class="sender" dir="auto">{{ message.sender.kind === 'SYSTEM' ? t('history.system') : message.sender.name ?? (message.sender.kind === 'CONTACT' ? entry.contact.name : t('message.agent')) }}</span>
                    <span class="time">{{ i18n.time(message.createdAt) }}</span>
                    @if (message.text) {
                      <p dir="auto">@for (part of linkify(message.text); track $index) {@if (part.kind === 'link') {<a [href]="part.href" target="_blank" rel="noopener noreferrer">{{ part.text }}</a>} @else {<span>{{ part.text }}</span>}}</p>
                    }
                    @if (message.attachment; as attachment) { <parley-attachment [attachment]="attachment" /> }
                  </li>
                } @empty {
                  <li class="system">{{ t('history.noMessages') }}</li>
                }
              </ol>
            }
          </li>
        } @empty {
          <li class="none">{{ t('history.empty') }}</li>
        }
      </ul>
    } @else {
      <p class="none">{{ t('inbox.loading') }}</p>
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 0; border-left: 1px solid var(--border); background: #fff; }
    .top { display: flex; justify-content: space-between; align-items: center; padding: 14px 16px; border-bottom: 1px solid var(--border); }
    h3 { font-size: 15px; }
    .close { border: 0; background: none; font-size: 15px; cursor: pointer; color: #475569; width: 28px; height: 28px; border-radius: 6px; }
    .close:hover { background: #f1f5f9; }
    ul { list-style: none; margin: 0; padding: 8px; overflow-y: auto; display: flex; flex-direction: column; gap: 6px; }
    .entry { width: 100%; text-align: left; border: 1px solid var(--border); background: #f8fafc; border-radius: 10px; padding: 8px 10px; cursor: pointer; font: inherit; display: flex; flex-direction: column; gap: 1px; }
    .entry:hover, .entry[aria-expanded='true'] { border-color: #93c5fd; background: #eff6ff; }
    .when { font-weight: 600; font-size: 13px; }
    .what, .state { font-size: 12px; color: #475569; }
    .transcript { list-style: none; margin: 6px 0 4px; padding: 0 4px; display: flex; flex-direction: column; gap: 8px; }
    .transcript li { font-size: 13px; border-left: 3px solid #cbd5e1; padding-left: 8px; }
    .transcript li.agent { border-color: #93c5fd; }
    .transcript li.system { border-color: transparent; color: #475569; font-size: 12px; }
    .transcript p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .sender { font-weight: 600; font-size: 12px; margin-right: 6px; }
    .time { font-size: 11px; color: #64748b; }
    .none { color: #64748b; font-size: 13px; padding: 12px 16px; }
  `,
})
export class HistoryPanel {
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly linkify = linkify;
  readonly entries = input<HistoryEntry[] | null>(null);
  readonly dismiss = output<void>();
  protected readonly openId = signal<string | null>(null);

  protected stateLabel(entry: HistoryEntry): string {
    if (entry.state === 'CLOSED' && entry.closeReason) {
      const reason = this.t(`closeReason.${entry.closeReason}` as MessageKey).replace(/\.$/, '');
      return reason.charAt(0).toUpperCase() + reason.slice(1);
    }
    return this.t(`state.${entry.state}` as MessageKey);
  }
}
