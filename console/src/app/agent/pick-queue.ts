import { signal } from '@angular/core';
import type { Realtime } from '../core/realtime';
import { INTERACTION_UPDATED, QUEUE, type InteractionSummary, type InteractionUpdatedEvent, type WorkspaceData } from './agent.operations';
import type { ChatApi } from './chat-api';

/**
 * The chats waiting in the agent's AGENT_PICKS campaigns, oldest first, for the agent to take. Each
 * is followed until it leaves the queue, so one that someone else takes drops off the list.
 */
export class PickQueue {
  /** Whether any of the agent's campaigns lets agents pick: the inbox shows the queue only then. */
  readonly shown = signal(false);
  readonly waiting = signal<InteractionSummary[]>([]);
  private readonly watches = new Map<string, () => void>();

  constructor(
    private readonly api: ChatApi,
    private readonly realtime: Realtime,
  ) {}

  /** Reads (again) what waits in those of the agent's campaigns where agents pick. */
  async load(campaigns: WorkspaceData['campaigns']): Promise<void> {
    const picking = campaigns.filter((campaign) => campaign.distribution === 'AGENT_PICKS');
    this.shown.set(picking.length > 0);
    const waiting = await Promise.all(picking.map((campaign) => this.api.query<{ interactions: { edges: { node: InteractionSummary }[] } }>(QUEUE, { campaignId: campaign.id })));
    this.waiting.set([]);
    for (const page of waiting) for (const edge of page.interactions.edges) this.add(edge.node);
  }

  /** Adds a waiting chat and follows it until someone takes it; false when already listed. */
  add(interaction: InteractionSummary): boolean {
    if (this.waiting().some((item) => item.id === interaction.id)) return false;
    this.waiting.update((list) => [...list, interaction].sort((a, b) => Date.parse(a.queuedAt) - Date.parse(b.queuedAt)));
    if (!this.watches.has(interaction.id)) {
      const end = this.realtime.subscribe<InteractionUpdatedEvent>(
        INTERACTION_UPDATED,
        { interactionId: interaction.id },
        {
          next: ({ interactionUpdated }) => {
            if (interactionUpdated.state !== 'QUEUED') this.drop(interaction.id);
          },
          // No longer readable: taken by someone else.
          error: () => this.drop(interaction.id),
        },
      );
      this.watches.set(interaction.id, end);
    }
    return true;
  }

  drop(id: string): void {
    this.watches.get(id)?.();
    this.watches.delete(id);
    if (this.waiting().some((item) => item.id === id)) this.waiting.update((list) => list.filter((item) => item.id !== id));
  }

  /** Stops following every waiting chat and empties the list, as the agent signs out. */
  clear(): void {
    this.watches.forEach((end) => end());
    this.watches.clear();
    this.waiting.set([]);
  }
}
