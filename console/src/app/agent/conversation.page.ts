import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal, untracked, viewChild, type OnDestroy } from '@angular/core';
import { Router } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { formatDuration } from '../shared/chat-time';
import { CONTACT_HISTORY, type HistoryEntry } from './agent.operations';
import { AttachmentView } from './attachment-view';
import { CallIcon } from './call-icon';
import { CallPanel } from './call-panel';
import type { CallKind } from './call-state';
import { AgentCalls } from './calls.store';
import { ChatApi } from './chat-api';
import { ChatTimer } from './chat-timer';
import { CloseDialog } from './close-dialog';
import { Composer } from './composer';
import type { Conversation } from './conversation';
import { AgentDesk } from './desk.store';
import { HistoryPanel } from './history-panel';
import { linkify } from './linkify';
import { deliveryOf, type ChatMessage } from './message-log';

/** One conversation: who the customer is, the messages, the reply box and the close form. */
@Component({
  selector: 'parley-conversation',
  imports: [ChatTimer, Composer, AttachmentView, HistoryPanel, CloseDialog, CallIcon, CallPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)', '(document:visibilitychange)': 'markSeen()' },
  templateUrl: './conversation.page.html',
  styleUrl: './conversation.page.css',
})
export class ConversationPage implements OnDestroy {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly desk = inject(AgentDesk);
  private readonly api = inject(ChatApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly calls = inject(AgentCalls);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly chat = signal<Conversation | undefined>(undefined);
  protected readonly missing = signal(false);
  protected readonly history = signal<HistoryEntry[] | null>(null);
  protected readonly historyOpen = signal(false);
  protected readonly closing = signal(false);
  protected readonly linkify = linkify;
  protected readonly callKinds: readonly CallKind[] = ['AUDIO', 'VIDEO'];
  private readonly messageList = viewChild<ElementRef<HTMLElement>>('messageList');
  private shownId: string | null = null;
  /** The agent reads the newest messages: keep them in view when the list shrinks (a call opens above it). */
  private pinnedToEnd = true;

  protected readonly detail = computed(() => this.chat()?.detail());
  protected readonly holdTime = computed(() => formatDuration(this.detail()?.holdSeconds ?? 0));
  /** "{name} is typing…" around the name, so the name can sit in its own <bdi> (an override in it stays inside). */
  protected readonly typingLine = computed(() => {
    const [before = '', after = ''] = this.t('conversation.contactTyping', { name: '\u0000' }).split('\u0000');
    return { before, after };
  });
  /** What the conversation shows about calls: the buttons, or the call (see call-state.ts). */
  protected readonly callView = computed(() => {
    const chat = this.chat();
    return chat ? this.calls.viewOf(chat) : null;
  });
  protected readonly callBusy = computed(() => {
    const chat = this.chat();
    return chat ? this.calls.busy().has(chat.id) : false;
  });
  /** A call that could not be started, said under the header while the buttons show. */
  protected readonly callProblem = computed(() => {
    const problem = this.calls.problem();
    return problem && problem.interactionId === this.chat()?.id && this.callView()?.stage === 'ready' ? this.t(problem.key) : '';
  });
  protected readonly closeReason = computed(() => {
    const detail = this.detail();
    if (!detail || detail.state === 'ACTIVE') return null;
    return this.t(`closeReason.${detail.closeReason ?? 'UNKNOWN'}` as MessageKey);
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.show(id));
    });
    effect((onCleanup) => {
      const list = this.messageList()?.nativeElement;
      if (!list) return;
      const observer = new ResizeObserver(() => {
        if (this.pinnedToEnd) this.scrollToEnd();
      });
      observer.observe(list);
      onCleanup(() => observer.disconnect());
    });
    // New messages: keep the view at the bottom and mark what the agent sees as read.
    effect(() => {
      const count = this.chat()?.messages().length ?? 0;
      const pending = this.chat()?.outgoing().length ?? 0;
      if (count + pending === 0) return;
      untracked(() => {
        afterNextRender(() => this.scrollToEnd(), { injector: this.injector });
        this.markSeen();
      });
    });
  }

  ngOnDestroy(): void {
    if (this.shownId) this.desk.forget(this.shownId);
  }

  protected onScroll(): void {
    const list = this.messageList()?.nativeElement;
    if (list) this.pinnedToEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 32;
  }

  protected markSeen(): void {
    if (document.visibilityState === 'visible') this.chat()?.markSeen();
  }

  protected delivery(message: ChatMessage): string {
    return deliveryOf(message, this.detail()?.contactReadSeq ?? 0);
  }

  protected senderLabel(message: ChatMessage): string {
    if (message.sender.kind === 'CONTACT') return message.sender.name ?? this.detail()?.contact.name ?? '';
    return message.sender.name ?? this.t('message.agent');
  }

  protected startCall(kind: CallKind): void {
    const chat = this.chat();
    if (chat) void this.calls.start(chat, kind);
  }

  protected openClose(): void {
    if (this.chat()?.active()) this.closing.set(true);
  }

  protected toggleHistory(): void {
    this.historyOpen.update((open) => !open);
  }

  protected backToInbox(): void {
    const next = this.desk.inbox()[0];
    void this.router.navigate(next ? ['/workspace', next.id] : ['/workspace']);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'c' || event.key === 'C' || event.code === 'KeyC')) {
      event.preventDefault();
      this.openClose();
    }
  }

  private async show(id: string): Promise<void> {
    if (this.shownId && this.shownId !== id) this.desk.forget(this.shownId);
    this.shownId = id;
    this.chat.set(this.desk.conversation(id));
    this.missing.set(false);
    this.history.set(null);
    this.historyOpen.set(false);
    this.closing.set(false);
    try {
      const chat = await this.desk.load(id);
      if (this.shownId !== id) return;
      this.chat.set(chat);
      this.missing.set(!chat);
      const { contactHistory } = await this.api.query<{ contactHistory: HistoryEntry[] }>(CONTACT_HISTORY, { id });
      if (this.shownId === id) this.history.set(contactHistory);
    } catch {
      if (this.shownId === id && !this.chat()) this.missing.set(true);
      if (this.shownId === id) this.history.set(this.history() ?? []);
    }
  }

  private scrollToEnd(): void {
    const list = this.messageList()?.nativeElement;
    if (list) list.scrollTop = list.scrollHeight;
  }
}
