import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal, untracked, viewChild } from '@angular/core';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore } from '../core/session.store';
import type { StaffPerson } from './staff-chat';
import { StaffChat } from './staff-chat.store';

/** One supervisor ↔ agent conversation: the messages, oldest first, and a reply box (Enter sends). */
@Component({
  selector: 'parley-staff-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="messages" #list role="log" [attr.aria-label]="t('staff.conversationWith', { name: person().name })" aria-live="polite" tabindex="0" data-testid="staff-thread">
      @for (message of messages(); track message.id) {
        <div class="message" [class.mine]="message.from.id === myId()" data-testid="staff-message">
          <span class="who">{{ message.from.id === myId() ? t('staff.you') : message.from.name }} · {{ i18n.time(message.createdAt) }}</span>
          <p>{{ message.text }}</p>
        </div>
      } @empty {
        <div class="empty">{{ t('staff.noMessages', { name: person().name }) }}</div>
      }
      @for (item of pending(); track item.clientId) {
        <div class="message mine pending" [class.failed]="item.state === 'failed'">
          <p>{{ item.text }}</p>
          @if (item.state === 'failed') {
            <span class="who"><span class="failed-text">{{ t('message.failed') }}</span>
              <button type="button" class="link" (click)="chat.retry(item.clientId)">{{ t('message.retry') }}</button>
              <button type="button" class="link" (click)="chat.discard(item.clientId)">{{ t('message.discard') }}</button></span>
          } @else {
            <span class="who">{{ t('message.sending') }}</span>
          }
        </div>
      }
    </div>
    <form class="reply" (submit)="send($event)">
      <label class="visually-hidden" [attr.for]="inputId()">{{ t('staff.messageTo', { name: person().name }) }}</label>
      <textarea [id]="inputId()" rows="2" maxlength="2000" [value]="draft()" (input)="draft.set($any($event.target).value)" (keydown)="onKey($event)"
        [placeholder]="t('staff.placeholder', { name: person().name })"></textarea>
      <button type="submit" class="button primary" [disabled]="!draft().trim()">{{ t('composer.send') }}</button>
    </form>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 0; flex: 1; }
    .messages { margin: 0; padding: 14px 16px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; background: #f8fafc; }
    .messages:focus-visible { outline: 2px solid #bfdbfe; outline-offset: -2px; }
    .message { align-self: flex-start; max-width: 85%; background: #fff; border: 1px solid var(--border); border-radius: 12px 12px 12px 4px; padding: 6px 10px; }
    .message.mine { align-self: flex-end; background: #eef2ff; border-color: #c7d2fe; border-radius: 12px 12px 4px 12px; }
    .message.pending { opacity: .75; }
    .message.failed { opacity: 1; background: #fef2f2; border-color: #fecaca; }
    .message p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13.5px; }
    .who { display: block; font-size: 11.5px; color: #475569; font-weight: 600; }
    .failed-text { color: var(--danger); }
    .link { border: 0; background: none; padding: 0 0 0 6px; font: inherit; color: #1d4ed8; text-decoration: underline; cursor: pointer; }
    .empty { color: #475569; font-size: 13px; text-align: center; padding: 24px 8px; }
    .reply { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--border); background: #fff; align-items: flex-end; }
    textarea { flex: 1; font: inherit; border: 1px solid #cbd5e1; border-radius: 8px; padding: 7px 10px; resize: none; }
    textarea:focus { outline: 2px solid #bfdbfe; border-color: var(--accent); }
  `,
})
export class StaffThread {
  protected readonly chat = inject(StaffChat);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  private readonly session = inject(SessionStore);
  private readonly injector = inject(Injector);
  readonly person = input.required<StaffPerson>();
  protected readonly draft = signal('');
  protected readonly myId = computed(() => this.session.user()?.id ?? '');
  protected readonly inputId = computed(() => `staff-reply-${this.person().id}`);
  protected readonly messages = computed(() => this.chat.thread(this.person().id));
  protected readonly pending = computed(() => this.chat.pending().filter((item) => item.to.id === this.person().id));
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');

  constructor() {
    // What is on screen is read; keep the newest message in view.
    effect(() => {
      const count = this.messages().length + this.pending().length;
      const id = this.person().id;
      untracked(() => {
        this.chat.markRead(id);
        if (count > 0) afterNextRender(() => this.list()?.nativeElement.scrollTo({ top: 1e9 }), { injector: this.injector });
      });
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send(event);
    }
  }

  protected send(event: Event): void {
    event.preventDefault();
    const text = this.draft();
    if (!text.trim()) return;
    this.draft.set('');
    void this.chat.send(this.person(), text);
  }
}
