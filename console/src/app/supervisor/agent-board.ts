import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { ChatTimer } from '../agent/chat-timer';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/i18n';
import { formatDuration, type ChatTimeLimits } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import { StaffChat } from '../shared/staff-chat.store';
import type { BoardAgent, BoardChat } from './campaign-board.store';
import { secondsSince } from './live-figures';

/** What a supervisor asked to do with an agent on the board. */
export type AgentAction =
  | { kind: 'spy'; agent: BoardAgent; chat: BoardChat }
  | { kind: 'info' | 'chat' | 'pause' | 'logout' | 'screen'; agent: BoardAgent };

const STATE_KEYS: Record<BoardAgent['state'], MessageKey> = { AVAILABLE: 'board.available', PAUSED: 'board.paused', OFFLINE: 'board.offline' };

/** The campaign's agents: state and time in it, idle time, each open chat with its ticking timer, and what a supervisor can do. */
@Component({
  selector: 'parley-agent-board',
  imports: [ChatTimer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agent-board.html',
  styleUrl: './agent-board.css',
})
export class AgentBoard {
  private readonly clock = inject(Clock);
  protected readonly staffChat = inject(StaffChat);
  protected readonly t = inject(I18n).t;
  readonly agents = input.required<readonly BoardAgent[]>();
  readonly idleWarnSeconds = input.required<number>();
  readonly limitsOf = input.required<(campaignId: string) => ChatTimeLimits>();
  /** A media server is configured: screens can be monitored. */
  readonly mediaAvailable = input(false);
  readonly act = output<AgentAction>();

  protected readonly summary = computed(() => {
    const agents = this.agents();
    return this.t('board.summary', {
      available: agents.filter((agent) => agent.state === 'AVAILABLE').length,
      paused: agents.filter((agent) => agent.state === 'PAUSED').length,
      chats: agents.reduce((sum, agent) => sum + agent.chats.length, 0),
    });
  });

  protected stateLabel(agent: BoardAgent): string {
    return this.t(STATE_KEYS[agent.state]);
  }

  /** How long the agent has been in their state, counted here each second; empty when the API does not know. */
  protected stateTime(agent: BoardAgent): string {
    return agent.stateSince === null ? '' : formatDuration(secondsSince(agent.stateSince, this.clock.now()));
  }

  protected idleSeconds(agent: BoardAgent): number | null {
    return agent.idleSince === null ? null : secondsSince(agent.idleSince, this.clock.now());
  }

  protected idleText(agent: BoardAgent): string {
    const seconds = this.idleSeconds(agent);
    return seconds === null ? '' : formatDuration(seconds);
  }

  /** The API's word, or this campaign's threshold reached since the last push. */
  protected idleWarning(agent: BoardAgent): boolean {
    const seconds = this.idleSeconds(agent);
    return seconds !== null && (agent.apiIdleWarning || seconds >= this.idleWarnSeconds());
  }

  /** Why the agent's screen cannot be watched now, or null when it can. */
  protected screenUnavailable(agent: BoardAgent): MessageKey | null {
    if (!this.mediaAvailable()) return 'board.screenNeedsMedia';
    return agent.state === 'OFFLINE' ? 'board.screenOffline' : null;
  }

  protected watchScreen(agent: BoardAgent): void {
    if (!this.screenUnavailable(agent)) this.act.emit({ kind: 'screen', agent });
  }

  protected answeredAt(chat: BoardChat): string {
    return new Date(chat.startedAt).toISOString();
  }

  protected initial(name: string): string {
    return name.trim().charAt(0).toUpperCase();
  }
}
