import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import { chatSeconds, formatDuration } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import { CallIcon } from './call-icon';
import { ChatTimer } from './chat-timer';
import { AgentDesk } from './desk.store';
import type { Conversation } from './conversation';

/** Offers ringing, open chats (newest activity first) and, where agents pick, the queue. */
@Component({
  selector: 'parley-inbox',
  imports: [RouterLink, ChatTimer, CallIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox.html',
  styleUrl: './inbox.css',
})
export class Inbox {
  private readonly router = inject(Router);
  private readonly clock = inject(Clock);
  private readonly i18n = inject(I18n);
  protected readonly desk = inject(AgentDesk);
  protected readonly t = this.i18n.t;
  readonly selectedId = input<string | null>(null);
  protected readonly notice = signal('');
  protected readonly now = this.clock.now;

  protected readonly offers = computed(() => this.desk.offers().map((offer) => ({ ...offer, secondsLeft: Math.max(0, Math.ceil((offer.expiresAt - this.now()) / 1000)) })));

  protected preview(chat: Conversation): string {
    const message = chat.lastMessage();
    if (!message) return this.t('inbox.noMessages');
    const text = message.text ?? (message.attachment?.kind === 'VOICE_NOTE' ? this.t('message.voiceNote') : (message.attachment?.name ?? ''));
    return message.sender.kind === 'AGENT' ? this.t('inbox.you', { text }) : text;
  }

  protected waited(queuedAt: string): string {
    return formatDuration(chatSeconds(queuedAt, this.now()));
  }

  protected async accept(id: string): Promise<void> {
    this.notice.set('');
    const outcome = await this.desk.accept(id);
    if (outcome === 'accepted') void this.router.navigate(['/workspace', id]);
    else this.notice.set(this.t(outcome === 'gone' ? 'inbox.taken' : 'inbox.acceptFailed'));
  }
}
