import { afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, effect, ElementRef, inject, Injector, input, output, signal, untracked, viewChild } from '@angular/core';
import { AttachmentView } from '../agent/attachment-view';
import { ChatApi } from '../agent/chat-api';
import { ChatTimer } from '../agent/chat-timer';
import { linkify } from '../agent/linkify';
import { contiguousSeq, mergeMessages, type ChatMessage } from '../agent/message-log';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { Realtime } from '../core/realtime';
import type { ChatTimeLimits } from '../shared/chat-time';
import { SidePanel } from '../shared/side-panel';
import { SPY_CHAT, SPY_MESSAGES, SPY_UPDATES, type SpyChatData } from './supervisor.operations';

/**
 * A read-only live transcript of an agent's chat (spy). The API records the session from the moment
 * the messages are followed until this panel closes; the customer and the agent are told nothing.
 */
@Component({
  selector: 'parley-spy-panel',
  imports: [SidePanel, AttachmentView, ChatTimer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <parley-side-panel [heading]="t('spy.title', { contact: contactName() })" [subheading]="t('spy.subtitle', { agent: agentName() })" testId="spy-panel" (closed)="closed.emit()">
      <p class="private" role="note" data-testid="spy-notice">
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><rect x="3" y="11" width="18" height="11" rx="2"/><path d="M7 11V7a5 5 0 0 1 10 0v4"/></svg>
        {{ t('spy.private') }}
      </p>
      <div class="facts">
        @if (chat(); as c) {
          <span>{{ c.campaign.name }}</span>
          @if (c.contact.email) { <span>{{ c.contact.email }}</span> }
        }
        @if (active()) {
          <parley-chat-timer [answeredAt]="answeredAt()" [limits]="limits()" />
        } @else if (endedText()) {
          <span class="ended" role="status" data-testid="spy-ended">{{ endedText() }}</span>
        }
      </div>
      <div class="transcript" #log role="log" [attr.aria-label]="t('spy.transcript')" aria-live="polite" tabindex="0" data-testid="spy-transcript">
        @for (message of messages(); track message.seq) {
          @if (message.sender.kind === 'SYSTEM') {
            <div class="system">{{ message.text }}</div>
          } @else {
            <div class="message" [class.agent]="message.sender.kind !== 'CONTACT'" data-testid="spy-message">
              <span class="sender"><bdi>{{ senderName(message) }}</bdi> · {{ i18n.time(message.createdAt) }}</span>
              @if (message.text) {
                <p dir="auto">@for (part of linkify(message.text); track $index) {@if (part.kind === 'link') {<a [href]="part.href" target="_blank" rel="noopener noreferrer">{{ part.text }}</a>} @else {<span>{{ part.text }}</span>}}</p>
              }
              @if (message.attachment; as attachment) { <parley-attachment [attachment]="attachment" /> }
            </div>
          }
        } @empty {
          <div class="system">{{ failed() ? t('spy.failed') : t('inbox.loading') }}</div>
        }
      </div>
      <div class="foot">
        <span class="readonly">{{ t('spy.readOnly') }}</span>
        <button type="button" class="button" (click)="closed.emit()">{{ t('spy.stop') }}</button>
      </div>
    </parley-side-panel>
  `,
  styles: `
    .private { margin: 12px 16px 0; display: flex; gap: 8px; align-items: center; background: #fffbeb; border: 1px solid #fcd34d; color: #78350f; border-radius: 10px; padding: 9px 12px; font-size: 13px; font-weight: 600; }
    .facts { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 10px 16px; font-size: 12.5px; color: #475569; border-bottom: 1px solid var(--border); }
    .ended { background: #f1f5f9; color: #334155; border-radius: 999px; padding: 1px 10px; font-weight: 600; }
    .transcript { margin: 0; padding: 12px 16px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; background: #f8fafc; }
    .transcript:focus-visible { outline: 2px solid #bfdbfe; outline-offset: -2px; }
    .message { align-self: flex-start; max-width: 88%; background: #fff; border: 1px solid var(--border); border-radius: 12px 12px 12px 4px; padding: 6px 10px; }
    .message.agent { align-self: flex-end; background: #eff6ff; border-color: #bfdbfe; border-radius: 12px 12px 4px 12px; }
    .message p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13.5px; }
    .message a { color: #1d4ed8; }
    .sender { font-size: 11.5px; font-weight: 600; color: #475569; }
    .system { align-self: center; text-align: center; font-size: 12px; color: #475569; max-width: 90%; }
    .foot { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 10px 16px; border-top: 1px solid var(--border); }
    .readonly { font-size: 12px; color: #475569; }
  `,
})
export class SpyPanel {
  private readonly api = inject(ChatApi);
  private readonly realtime = inject(Realtime);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly linkify = linkify;
  readonly interactionId = input.required<string>();
  readonly agentName = input.required<string>();
  readonly contactName = input.required<string>();
  readonly limits = input.required<ChatTimeLimits>();
  readonly closed = output<void>();

  protected readonly chat = signal<SpyChatData['interaction']>(null);
  protected readonly messages = signal<ChatMessage[]>([]);
  protected readonly state = signal<{ state: string; closeReason: string | null } | null>(null);
  protected readonly failed = signal(false);
  protected readonly active = computed(() => (this.state()?.state ?? this.chat()?.state ?? 'ACTIVE') === 'ACTIVE');
  protected readonly answeredAt = computed(() => this.chat()?.answeredAt ?? null);
  protected readonly endedText = computed(() => {
    const now = this.state() ?? this.chat();
    if (!now || now.state === 'ACTIVE') return '';
    if (now.state === 'QUEUED') return this.t('spy.backInQueue');
    return `${this.t('conversation.ended')} ${this.t(`closeReason.${now.closeReason ?? 'UNKNOWN'}` as MessageKey)}`;
  });
  private readonly log = viewChild<ElementRef<HTMLElement>>('log');

  constructor() {
    const destroyRef = inject(DestroyRef);
    let stops: (() => void)[] = [];
    destroyRef.onDestroy(() => stops.forEach((stop) => stop()));
    effect(() => {
      const id = this.interactionId();
      untracked(() => {
        stops.forEach((stop) => stop());
        this.messages.set([]);
        this.state.set(null);
        this.failed.set(false);
        stops = this.watch(id);
      });
    });
    effect(() => {
      if (this.messages().length === 0) return;
      untracked(() => afterNextRender(() => this.log()?.nativeElement.scrollTo({ top: 1e9 }), { injector: this.injector }));
    });
  }

  protected senderName(message: ChatMessage): string {
    if (message.sender.kind === 'CONTACT') return message.sender.name ?? this.contactName();
    return message.sender.name ?? this.agentName();
  }

  private watch(id: string): (() => void)[] {
    this.api
      .query<SpyChatData>(SPY_CHAT, { id })
      .then(({ interaction }) => {
        if (this.interactionId() === id) this.chat.set(interaction);
      })
      .catch(() => undefined);
    const messages = this;
    return [
      // Resumes after the last message held when the socket comes back: nothing lost, nothing twice.
      this.realtime.subscribe<{ messageAdded: ChatMessage }>(
        SPY_MESSAGES,
        {
          interactionId: id,
          get afterSeq() {
            return contiguousSeq(messages.messages());
          },
        },
        { next: ({ messageAdded }) => this.messages.update((list) => mergeMessages(list, [messageAdded])), error: () => this.failed.set(true) },
      ),
      this.realtime.subscribe<{ interactionUpdated: { state: string; closeReason: string | null } }>(SPY_UPDATES, { interactionId: id }, { next: ({ interactionUpdated }) => this.state.set(interactionUpdated) }),
    ];
  }
}
