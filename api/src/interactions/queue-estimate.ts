import { Availability } from '../campaigns/campaign.enums';

/** Handle time assumed for a campaign with no finished chat in its recent history. */
export const DEFAULT_HANDLE_SECONDS = 180;

export interface QueueCapacity {
  /** Members signed in and AVAILABLE. */
  readonly agentsAvailable: number;
  readonly availability: Availability;
  readonly maxInteractionsPerAgent: number;
  /** Mean of the campaign's recent handle times (answer to close); null when there are none. */
  readonly averageHandleSeconds: number | null;
}

/** Chats an available agent can hold at once under the campaign's availability rule. */
export function slotsPerAgent(availability: Availability, maxInteractionsPerAgent: number): number {
  return availability === Availability.NOCALL || availability === Availability.NOPAUSE ? Math.max(1, maxInteractionsPerAgent) : 1;
}

/**
 * Expected wait of the chat at `position` (1 = answered next), in seconds
 * rounded up to whole minutes. A chat waits only while every slot is busy;
 * one of `capacity` slots frees about every `averageHandle / capacity`
 * seconds, so the chat at position p waits about p × averageHandle / capacity.
 * Null when no agent is available: nobody can say when one will be.
 */
export function estimateWaitSeconds(position: number, capacity: QueueCapacity): number | null {
  const slots = capacity.agentsAvailable * slotsPerAgent(capacity.availability, capacity.maxInteractionsPerAgent);
  if (slots <= 0 || position < 1) return null;
  const handle = capacity.averageHandleSeconds ?? DEFAULT_HANDLE_SECONDS;
  return Math.max(60, Math.ceil((position * handle) / slots / 60) * 60);
}
