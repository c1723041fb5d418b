import { computed, inject, Injectable, signal, type OnDestroy } from '@angular/core';
import { ChatApi } from '../agent/chat-api';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import { Realtime } from '../core/realtime';
import type { ChatTimeLimits, ChatTimeStatus } from '../shared/chat-time';
import { Clock } from '../shared/clock';
import { anchorTime, pruneAnchors, secondsBetween } from './live-figures';
import { CAMPAIGN_STATS, DASHBOARD, type AgentStateName, type CampaignStats, type DashboardCampaign } from './supervisor.operations';

export interface BoardChat {
  readonly interactionId: string;
  readonly contactName: string;
  /** The chat's own campaign, which may not be the one on screen. */
  readonly campaignId: string;
  /** When the chat was answered, as far as this screen can tell (see live-figures.ts). */
  readonly startedAt: number;
  readonly apiStatus: ChatTimeStatus;
}

export interface BoardAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly state: AgentStateName;
  /** When the agent entered `state`, on this screen's clock (see live-figures.ts), or null when unknown. */
  readonly stateSince: number | null;
  readonly pauseReason: string | null;
  readonly inMediaCall: boolean;
  /** When the agent became idle (available with no chat), or null when they are not. */
  readonly idleSince: number | null;
  readonly apiIdleWarning: boolean;
  readonly chats: readonly BoardChat[];
}

export interface BoardWaiting {
  readonly interactionId: string;
  readonly name: string;
  readonly email: string | null;
  readonly since: number;
}

export interface LiveCampaign {
  readonly stats: CampaignStats;
  readonly agents: readonly BoardAgent[];
  readonly waiting: readonly BoardWaiting[];
}

/** More would crowd the socket's operations (WS_MAX_SUBSCRIPTIONS) and the page. */
const MAX_WATCHED = 40;

/**
 * What the dashboard watches: every campaign's figures of the day, pushed by `campaignStats` over
 * the console's one socket (which resubscribes by itself after a drop), turned into moments the
 * screen counts from between pushes. One per dashboard page.
 */
@Injectable()
export class CampaignBoard implements OnDestroy {
  private readonly api = inject(ChatApi);
  private readonly clock = inject(Clock);
  private readonly realtime = inject(Realtime);
  private readonly t = inject(I18n).t;

  readonly campaigns = signal<DashboardCampaign[]>([]);
  readonly pauseReasons = signal<string[]>([]);
  /** A media server is configured: screens can be monitored. */
  readonly mediaAvailable = signal(false);
  readonly loading = signal(true);
  readonly error = signal('');
  /** Campaigns whose figures could not be followed (no right, or gone). */
  readonly unavailable = signal<ReadonlySet<string>>(new Set());
  private readonly live = signal<Readonly<Record<string, LiveCampaign>>>({});
  private readonly limits = computed(() => new Map(this.campaigns().map((campaign) => [campaign.id, campaign.thresholds])));
  private readonly anchors = new Map<string, number>();
  private subscriptions: (() => void)[] = [];

  readonly watched = computed(() => this.campaigns().slice(0, MAX_WATCHED));

  constructor() {
    void this.load();
  }

  ngOnDestroy(): void {
    this.subscriptions.forEach((end) => end());
    this.subscriptions = [];
  }

  liveOf(campaignId: string): LiveCampaign | undefined {
    return this.live()[campaignId];
  }

  /** A campaign's chat-time limits, when it is one of the campaigns this viewer may see. */
  limitsOf(campaignId: string): ChatTimeLimits | undefined {
    return this.limits().get(campaignId);
  }

  private async load(): Promise<void> {
    try {
      const data = await this.api.query<{ campaigns: DashboardCampaign[]; pauseReasons: string[]; mediaAvailable: boolean }>(DASHBOARD);
      this.campaigns.set(data.campaigns);
      this.pauseReasons.set(data.pauseReasons);
      this.mediaAvailable.set(data.mediaAvailable);
      for (const campaign of this.watched()) this.follow(campaign);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  private follow(campaign: DashboardCampaign): void {
    this.subscriptions.push(
      this.realtime.subscribe<{ campaignStats: CampaignStats }>(
        CAMPAIGN_STATS,
        { campaignId: campaign.id },
        {
          next: ({ campaignStats }) => this.receive(campaign, campaignStats, this.clock.current()),
          error: () => this.unavailable.update((set) => new Set([...set, campaign.id])),
        },
      ),
    );
  }

  private receive(campaign: DashboardCampaign, stats: CampaignStats, receivedAt: number): void {
    const used = new Set<string>();
    const anchor = (key: string, seconds: number) => {
      const scoped = `${campaign.id}:${key}`;
      used.add(scoped);
      const value = anchorTime(this.anchors.get(scoped), receivedAt, seconds);
      this.anchors.set(scoped, value);
      return value;
    };
    // Keyed by the API's moment too, so a new state starts a new count even within a second.
    const stateSince = (agentId: string, since: string | null) => {
      const seconds = secondsBetween(since, stats.at);
      return seconds === null ? null : anchor(`state:${agentId}:${since}`, seconds);
    };
    const agents = stats.agents.map((activity) => ({
      id: activity.agent.id,
      name: activity.agent.name,
      email: activity.agent.email,
      state: activity.state,
      stateSince: stateSince(activity.agent.id, activity.stateSince),
      pauseReason: activity.pauseReason,
      inMediaCall: activity.inMediaCall,
      idleSince: activity.idleSeconds === null ? null : anchor(`idle:${activity.agent.id}`, activity.idleSeconds),
      apiIdleWarning: activity.idleWarning,
      chats: activity.active.map((chat) => ({
        interactionId: chat.interactionId,
        contactName: chat.contactName,
        campaignId: chat.campaignId,
        startedAt: anchor(`chat:${chat.interactionId}`, chat.chatSeconds),
        apiStatus: chat.status,
      })),
    }));
    const waiting = stats.waitingContacts.map((contact) => ({
      interactionId: contact.interactionId,
      name: contact.name,
      email: contact.email,
      since: anchor(`wait:${contact.interactionId}`, contact.waitingSeconds),
    }));
    const otherCampaigns = [...this.anchors.keys()].filter((key) => !key.startsWith(`${campaign.id}:`));
    pruneAnchors(this.anchors, new Set([...otherCampaigns, ...used]));
    this.live.update((all) => ({ ...all, [campaign.id]: { stats, agents, waiting } }));
  }
}
