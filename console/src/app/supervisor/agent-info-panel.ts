import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { ChatApi } from '../agent/chat-api';
import { ChatTimer } from '../agent/chat-timer';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { formatDuration, type ChatTimeLimits } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import { SidePanel } from '../shared/side-panel';
import type { BoardAgent, BoardChat } from './campaign-board.store';
import { dayStart } from './campaign-day';
import { secondsSince } from './live-figures';
import { AGENT_TODAY, type AgentTodayData } from './supervisor.operations';

const STATE_KEYS: Record<BoardAgent['state'], MessageKey> = { AVAILABLE: 'board.available', PAUSED: 'board.paused', OFFLINE: 'board.offline' };

/** An agent's profile and today so far: state, idle time, open chats, and the chats they took today. */
@Component({
  selector: 'parley-agent-info-panel',
  imports: [SidePanel, ChatTimer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = agent();
    <parley-side-panel [heading]="a.name" [subheading]="a.email" testId="info-panel" (closed)="closed.emit()">
      <div class="body">
        <div class="profile">
          <span class="avatar" aria-hidden="true">{{ a.name.charAt(0).toUpperCase() }}</span>
          <dl>
            <div><dt>{{ t('info.role') }}</dt><dd>{{ t('role.agent') }}</dd></div>
            <div><dt>{{ t('board.state') }}</dt><dd data-testid="info-state">{{ t(stateKey()) }}@if (a.pauseReason) { · {{ a.pauseReason }} }</dd></div>
            <div><dt>{{ t('info.idle') }}</dt><dd>{{ idle() }}</dd></div>
            <div><dt>{{ t('info.mediaCall') }}</dt><dd>{{ a.inMediaCall ? t('close.yes') : t('close.no') }}</dd></div>
          </dl>
        </div>
        <h3>{{ t('info.today') }}</h3>
        <dl class="figures">
          <div><dt>{{ t('info.openChats') }}</dt><dd>{{ a.chats.length }}</dd></div>
          <div><dt>{{ t('info.takenToday') }}</dt><dd data-testid="info-taken">{{ today()?.taken?.totalCount ?? '…' }}</dd></div>
          <div><dt>{{ t('info.closedToday') }}</dt><dd>{{ today()?.closed?.totalCount ?? '…' }}</dd></div>
        </dl>
        @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
        <h3>{{ t('info.openChatsTitle') }}</h3>
        <ul class="chats">
          @for (chat of a.chats; track chat.interactionId) {
            <li><span>{{ chat.contactName }}</span><parley-chat-timer [answeredAt]="answeredAt(chat)" [limits]="limitsOf()(chat.campaignId)" /></li>
          } @empty {
            <li class="muted">{{ t('board.noChats') }}</li>
          }
        </ul>
      </div>
    </parley-side-panel>
  `,
  styles: `
    .body { padding: 16px 18px; overflow-y: auto; display: flex; flex-direction: column; gap: 12px; }
    .profile { display: flex; gap: 14px; align-items: flex-start; }
    .avatar { flex: none; width: 48px; height: 48px; border-radius: 50%; background: #e0e7ff; color: #3730a3; display: grid; place-items: center; font-weight: 700; font-size: 20px; }
    dl { margin: 0; display: grid; gap: 6px; }
    .profile dl { grid-template-columns: 1fr 1fr; flex: 1; }
    dt { font-size: 11.5px; color: #475569; text-transform: uppercase; letter-spacing: .04em; }
    dd { margin: 0; font-weight: 600; font-size: 13.5px; }
    h3 { font-size: 13px; margin-top: 6px; color: #1e293b; }
    .figures { grid-template-columns: repeat(3, 1fr); background: #f8fafc; border: 1px solid var(--border); border-radius: 10px; padding: 10px 12px; }
    .figures dd { font-size: 20px; }
    .chats { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
    .chats li { display: flex; justify-content: space-between; align-items: center; font-size: 13.5px; }
    .muted { color: #475569; }
  `,
})
export class AgentInfoPanel {
  private readonly api = inject(ChatApi);
  private readonly clock = inject(Clock);
  protected readonly t = inject(I18n).t;
  readonly agent = input.required<BoardAgent>();
  readonly timezone = input.required<string>();
  readonly limitsOf = input.required<(campaignId: string) => ChatTimeLimits>();
  readonly closed = output<void>();
  protected readonly today = signal<AgentTodayData | null>(null);
  protected readonly error = signal('');
  protected readonly stateKey = computed(() => STATE_KEYS[this.agent().state]);
  protected readonly idle = computed(() => {
    const since = this.agent().idleSince;
    return since === null ? '—' : formatDuration(secondsSince(since, this.clock.now()));
  });

  constructor() {
    // Again when the agent's chats change: one was taken or closed.
    const loadKey = computed(() => `${this.agent().id}:${this.agent().chats.length}`);
    effect(() => {
      loadKey();
      untracked(() => void this.load(this.agent().id));
    });
  }

  protected answeredAt(chat: BoardChat): string {
    return new Date(chat.startedAt).toISOString();
  }

  private async load(agentId: string): Promise<void> {
    try {
      const from = dayStart(new Date(), this.timezone()).toISOString();
      const data = await this.api.query<AgentTodayData>(AGENT_TODAY, { agentId, from });
      if (this.agent().id === agentId) this.today.set(data);
      this.error.set('');
    } catch {
      this.error.set(this.t('info.loadFailed'));
    }
  }
}
