import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { Clock } from '../shared/clock';
import { Router } from '@angular/router';
import { I18n } from '../core/i18n/i18n.service';
import { Realtime } from '../core/realtime';
import { SessionStore, type SessionUser } from '../core/session.store';
import { Alerts } from './alerts';
import type { AgentStateName, StateChoice } from './agent-state';
import {
  ACCEPT,
  INTERACTION,
  MY_INTERACTIONS,
  SET_STATE,
  WORKSPACE,
  type CannedResponse,
  type InteractionSummary,
  type MyInteractionsEvent,
  type QualityModel,
  type WorkspaceData,
} from './agent.operations';
import { ChatApi } from './chat-api';
import { ChatTools } from './chat-tools';
import { Conversation } from './conversation';
import { PickQueue } from './pick-queue';

/** A ring-all offer: the first agent to accept takes the chat; it expires after the campaign's offer time. */
export interface Offer {
  readonly interaction: InteractionSummary;
  readonly expiresAt: number;
  readonly accepting: boolean;
}

/**
 * The signed-in agent's desk: their state, their open chats, the offers ringing for them and the
 * queues they may pick from. Everything after the first load is pushed (`myInteractions` and one
 * set of subscriptions per chat); after a reconnection it reloads once to catch what the socket
 * could not deliver while it was down.
 */
@Injectable({ providedIn: 'root' })
export class AgentDesk {
  private readonly api = inject(ChatApi);
  private readonly clock = inject(Clock);
  private readonly realtime = inject(Realtime);
  private readonly session = inject(SessionStore);
  private readonly alerts = inject(Alerts);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);

  readonly state = signal<AgentStateName>('OFFLINE');
  readonly pauseReason = signal<string | null>(null);
  readonly pauseReasons = signal<string[]>([]);
  readonly changingState = signal(false);
  /** Counts the agent's state choices, so a slower load does not undo a newer choice. */
  private stateChoices = 0;
  readonly ready = signal(false);
  readonly error = signal('');
  readonly offers = signal<Offer[]>([]);
  private readonly pickQueue = new PickQueue(this.api, this.realtime);
  readonly queue = this.pickQueue.waiting;
  readonly picksFromQueue = this.pickQueue.shown;
  private readonly tools = new ChatTools(this.api);
  readonly qualityModels = this.tools.qualityModels;
  /** A media server is configured: calls may be offered where a campaign has them on. */
  readonly mediaAvailable = signal(false);

  private readonly chats = signal<Conversation[]>([]);
  private readonly ended = signal<Conversation[]>([]);
  /** Open chats, the one with the newest activity first. */
  readonly inbox = computed(() => [...this.chats()].sort((a, b) => b.lastActivityAt() - a.lastActivityAt()));
  readonly unreadTotal = computed(() => this.chats().reduce((sum, chat) => sum + chat.unread(), 0));

  private user: SessionUser | null = null;
  private stopListening: (() => void)[] = [];
  private readonly acceptedHere = new Set<string>();

  constructor() {
    effect(() => {
      const user = this.session.user();
      untracked(() => (user?.role === 'AGENT' ? this.start(user) : this.stop()));
    });
  }

  conversation(id: string): Conversation | undefined {
    return this.chats().find((chat) => chat.id === id) ?? this.ended().find((chat) => chat.id === id);
  }

  /** A chat that is not open any more (reload on a closed chat's address): read once, kept until left. */
  async load(id: string): Promise<Conversation | undefined> {
    const known = this.conversation(id);
    if (known) return known;
    const { interaction } = await this.api.query<{ interaction: InteractionSummary | null }>(INTERACTION, { id });
    if (!interaction) return undefined;
    const again = this.conversation(id);
    if (again) return again;
    const chat = new Conversation(interaction, this.api, this.realtime);
    chat.connect();
    if (interaction.state === 'ACTIVE') this.chats.update((list) => [...list, chat]);
    else this.ended.update((list) => [...list, chat]);
    return chat;
  }

  /** Drops a finished chat the agent has moved away from. */
  forget(id: string): void {
    const chat = this.ended().find((candidate) => candidate.id === id);
    if (!chat) return;
    chat.disconnect();
    this.ended.update((list) => list.filter((candidate) => candidate !== chat));
  }

  async setState(choice: StateChoice): Promise<void> {
    // Within the person's gesture: browsers allow sound and the permission prompt only then.
    if (choice.state === 'AVAILABLE') this.alerts.prepare();
    this.stateChoices += 1;
    this.changingState.set(true);
    this.error.set('');
    try {
      const { setAgentState } = await this.api.mutate<{ setAgentState: { state: AgentStateName; pauseReason: string | null } }>(SET_STATE, {
        state: choice.state,
        pauseReason: choice.state === 'PAUSED' ? choice.reason : null,
      });
      this.state.set(setAgentState.state);
      this.pauseReason.set(setAgentState.pauseReason);
    } catch {
      this.error.set(this.i18n.t('workspace.stateFailed'));
    } finally {
      this.changingState.set(false);
    }
  }

  async accept(interactionId: string): Promise<'accepted' | 'gone' | 'failed'> {
    this.offers.update((list) => list.map((offer) => (offer.interaction.id === interactionId ? { ...offer, accepting: true } : offer)));
    this.acceptedHere.add(interactionId);
    try {
      const { acceptInteraction } = await this.api.mutate<{ acceptInteraction: InteractionSummary }>(ACCEPT, { id: interactionId });
      this.dropOffer(interactionId);
      this.addChat(acceptInteraction);
      return 'accepted';
    } catch (error) {
      this.acceptedHere.delete(interactionId);
      const code = (error as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      if (code === 'CONFLICT' || code === 'NOT_FOUND') {
        this.dropOffer(interactionId);
        return 'gone';
      }
      this.offers.update((list) => list.map((offer) => (offer.interaction.id === interactionId ? { ...offer, accepting: false } : offer)));
      return 'failed';
    }
  }

  cannedResponses(campaignId: string): Promise<CannedResponse[]> {
    return this.tools.cannedResponses(campaignId);
  }

  loadQualityModels(): Promise<QualityModel[]> {
    return this.tools.loadQualityModels();
  }

  /** After closeInteraction: out of the inbox, kept on screen with its closing reason. */
  closed(summary: InteractionSummary): void {
    const chat = this.conversation(summary.id);
    if (!chat) return;
    chat.update(summary);
    this.retire(chat);
  }

  private start(user: SessionUser): void {
    if (this.user?.id === user.id) return;
    this.stop();
    this.user = user;
    this.stopListening = [
      this.realtime.subscribe<MyInteractionsEvent>(MY_INTERACTIONS, {}, { next: ({ myInteractions }) => this.onEvent(myInteractions.kind, myInteractions.interaction) }),
      this.realtime.onReconnected(() => {
        void this.refresh(true);
        for (const chat of [...this.chats(), ...this.ended()]) {
          void chat.resync();
          chat.retryFailed();
        }
      }),
    ];
    void this.refresh(false);
  }

  private stop(): void {
    this.stopListening.forEach((end) => end());
    this.stopListening = [];
    this.pickQueue.clear();
    [...this.chats(), ...this.ended()].forEach((chat) => chat.disconnect());
    this.chats.set([]);
    this.ended.set([]);
    this.offers.set([]);
    this.tools.clear();
    this.ready.set(false);
    this.state.set('OFFLINE');
    this.pauseReason.set(null);
    this.user = null;
  }

  /** Loads (or, after a reconnection, reloads) the state, the open chats and the queues to pick from. */
  private async refresh(again: boolean): Promise<void> {
    const user = this.user;
    if (!user) return;
    try {
      const choicesBefore = this.stateChoices;
      const data = await this.api.query<WorkspaceData>(WORKSPACE, { agentId: user.id });
      if (this.user !== user) return;
      // A state the agent chose while this was loading is newer than the one loaded.
      if (this.stateChoices === choicesBefore) {
        this.state.set(data.myActivity?.state ?? 'OFFLINE');
        this.pauseReason.set(data.myActivity?.pauseReason ?? null);
      }
      this.pauseReasons.set(data.pauseReasons);
      this.mediaAvailable.set(data.mediaAvailable);
      const open = data.interactions.edges.map((edge) => edge.node);
      for (const summary of open) {
        const known = this.chats().find((chat) => chat.id === summary.id);
        if (known) known.update(summary);
        else this.addChat(summary, again);
      }
      // Chats that ended while the socket was down.
      for (const chat of this.chats().filter((candidate) => !open.some((summary) => summary.id === candidate.id))) void chat.resync().then(() => this.retire(chat));
      await this.pickQueue.load(data.campaigns);
      this.ready.set(true);
    } catch {
      this.error.set(this.i18n.t('workspace.loadFailed'));
    }
  }

  private onEvent(kind: MyInteractionsEvent['myInteractions']['kind'], interaction: InteractionSummary): void {
    const mine = interaction.agent?.id === this.user?.id;
    switch (kind) {
      case 'ASSIGNED':
        this.dropOffer(interaction.id);
        this.pickQueue.drop(interaction.id);
        if (mine) this.addChat(interaction, !this.acceptedHere.has(interaction.id));
        return;
      case 'OFFERED':
        if (interaction.state === 'OFFERED') this.addOffer(interaction);
        else if (interaction.state === 'QUEUED' && this.pickQueue.add(interaction)) this.ring(interaction, 'queued');
        return;
      case 'UPDATED':
        this.dropOffer(interaction.id);
        if (interaction.state !== 'QUEUED') this.pickQueue.drop(interaction.id);
        this.conversation(interaction.id)?.update(interaction);
        return;
      case 'CLOSED': {
        this.dropOffer(interaction.id);
        this.pickQueue.drop(interaction.id);
        const chat = this.conversation(interaction.id);
        if (chat) {
          chat.update(interaction);
          this.retire(chat);
        }
        return;
      }
    }
  }

  private addChat(summary: InteractionSummary, alert = false): void {
    if (this.chats().some((chat) => chat.id === summary.id)) return;
    const ended = this.ended().find((chat) => chat.id === summary.id);
    const chat = ended ?? new Conversation(summary, this.api, this.realtime);
    if (ended) {
      ended.update(summary);
      this.ended.update((list) => list.filter((candidate) => candidate !== ended));
    }
    chat.connect();
    this.chats.update((list) => [...list, chat]);
    if (alert) this.ring(summary, 'assigned');
  }

  /** Out of the inbox; kept (and followed) while it is on screen, for its last messages and closing reason. */
  private retire(chat: Conversation): void {
    if (!this.chats().includes(chat)) return;
    this.chats.update((list) => list.filter((candidate) => candidate !== chat));
    this.ended.update((list) => [...list, chat]);
  }

  private addOffer(interaction: InteractionSummary): void {
    if (this.offers().some((offer) => offer.interaction.id === interaction.id)) return;
    const expiresAt = this.clock.current() + interaction.campaign.offerTimeoutSeconds * 1000;
    this.offers.update((list) => [...list, { interaction, expiresAt, accepting: false }]);
    this.ring(interaction, 'offered');
  }

  private dropOffer(id: string): void {
    if (this.offers().some((offer) => offer.interaction.id === id)) this.offers.update((list) => list.filter((offer) => offer.interaction.id !== id));
  }

  private ring(interaction: InteractionSummary, why: 'assigned' | 'offered' | 'queued'): void {
    this.alerts.beep();
    const title = this.i18n.t(why === 'assigned' ? 'alerts.assigned' : why === 'offered' ? 'alerts.offered' : 'alerts.queued', { name: interaction.contact.name });
    this.alerts.notify(title, interaction.campaign.name, interaction.id, () => {
      if (why === 'assigned') void this.router.navigate(['/workspace', interaction.id]);
      else void this.router.navigate(['/workspace']);
    });
  }
}
