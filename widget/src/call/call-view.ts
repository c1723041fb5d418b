import type { Call, Interaction } from '../model';

/**
 * What the chat shows of calls: the buttons to start one, a call ringing for
 * the customer, or the call itself (the customer's own call while it rings,
 * then either side's once answered). Only while the chat is ACTIVE.
 */
export type CallView = { kind: 'none' } | { kind: 'available' } | { kind: 'incoming'; call: Call } | { kind: 'stage'; call: Call };

export function callView(interaction: Pick<Interaction, 'state' | 'call'> | undefined, callsAvailable: boolean): CallView {
  const call = interaction?.call;
  if (interaction?.state !== 'ACTIVE') return { kind: 'none' };
  if (!call || call.state === 'ENDED') return { kind: callsAvailable ? 'available' : 'none' };
  if (call.state === 'RINGING' && call.startedBy !== 'CONTACT') return { kind: 'incoming', call };
  return { kind: 'stage', call };
}
