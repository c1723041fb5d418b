import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import { Realtime } from '../core/realtime';
import type { ChatTimeLimits } from '../shared/chat-time';
import { AgentBoard, type AgentAction } from './agent-board';
import { AgentChatPanel } from './agent-chat-panel';
import { LogoutDialog, PauseDialog } from './agent-dialogs';
import { AgentInfoPanel } from './agent-info-panel';
import { CampaignBoard } from './campaign-board.store';
import { CampaignCard } from './campaign-card';
import { knownTimezone } from './campaign-day';
import { DayPanel } from './day-panel';
import { ScreenMonitorPanel } from './screen-monitor-panel';
import { SpyPanel } from './spy-panel';
import { WaitingTable } from './waiting-table';

/** What is open beside or over the board; panels keep ids and names, and read the live figures by id. */
type Overlay =
  | { kind: 'spy'; agentId: string; agentName: string; interactionId: string; campaignId: string; contactName: string }
  | { kind: 'info' | 'chat' | 'pause' | 'logout' | 'screen'; agentId: string; agentName: string };

const SELECTED_KEY = 'parley.dashboard.campaign';
const DEFAULT_LIMITS: ChatTimeLimits = { chatTimeWarnSeconds: 300, chatTimeLimitSeconds: 600 };

/** The supervisors' and admins' landing page: every campaign's day, live, and one campaign's agents, queue and chart. */
@Component({
  selector: 'parley-dashboard',
  imports: [CampaignCard, AgentBoard, WaitingTable, DayPanel, SpyPanel, AgentInfoPanel, AgentChatPanel, PauseDialog, LogoutDialog, ScreenMonitorPanel],
  providers: [CampaignBoard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.css',
})
export class DashboardPage {
  /** `?campaign=` in the address. */
  readonly campaign = input<string | undefined>(undefined);
  protected readonly board = inject(CampaignBoard);
  protected readonly realtime = inject(Realtime);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly overlay = signal<Overlay | null>(null);

  protected readonly selected = computed(() => {
    const campaigns = this.board.campaigns();
    const wanted = this.campaign() ?? readSelected();
    return campaigns.find((campaign) => campaign.id === wanted) ?? campaigns.find((campaign) => campaign.enabled) ?? campaigns[0];
  });
  protected readonly selectedLive = computed(() => {
    const campaign = this.selected();
    return campaign ? this.board.liveOf(campaign.id) : undefined;
  });
  protected readonly timezone = computed(() => knownTimezone(this.selected()?.schedule.timezone ?? 'UTC'));
  protected readonly today = computed(() => new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'full', timeZone: this.timezone() }).format(new Date()));
  /** A chat's limits: its own campaign's, or the viewed campaign's when this viewer may not see that one. */
  protected readonly limitsOf = computed(() => {
    const fallback = this.selected()?.thresholds ?? DEFAULT_LIMITS;
    return (campaignId: string): ChatTimeLimits => this.board.limitsOf(campaignId) ?? fallback;
  });
  /** The agent an overlay is about, as the latest figures show them. */
  protected readonly overlayAgent = computed(() => {
    const open = this.overlay();
    return open ? this.selectedLive()?.agents.find((agent) => agent.id === open.agentId) : undefined;
  });

  constructor() {
    // A campaign change closes what was open about the previous one's agents.
    effect(() => {
      this.selected()?.id;
      untracked(() => this.overlay.set(null));
    });
  }

  protected choose(campaignId: string): void {
    try {
      localStorage.setItem(SELECTED_KEY, campaignId);
    } catch {
      // Storage refused: the choice lasts while the address keeps it.
    }
    void this.router.navigate([], { queryParams: { campaign: campaignId }, replaceUrl: true });
  }

  protected onAction(action: AgentAction): void {
    const base = { agentId: action.agent.id, agentName: action.agent.name };
    if (action.kind === 'spy') this.overlay.set({ kind: 'spy', ...base, interactionId: action.chat.interactionId, campaignId: action.chat.campaignId, contactName: action.chat.contactName });
    else this.overlay.set({ kind: action.kind, ...base });
  }

  protected close(): void {
    this.overlay.set(null);
  }
}

function readSelected(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY);
  } catch {
    return null;
  }
}
