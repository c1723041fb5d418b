/** The agent's routing state, as the API names it. */
export type AgentStateName = 'AVAILABLE' | 'PAUSED' | 'OFFLINE';

/** What the state control offers: available, a pause with one of the installation's reasons, or logged out of the queues. */
export type StateChoice = { state: 'AVAILABLE' } | { state: 'PAUSED'; reason: string } | { state: 'OFFLINE' };

/** The select's value for a state, and back: "AVAILABLE", "PAUSED:Lunch", "OFFLINE". */
export function choiceValue(state: AgentStateName, reason: string | null): string {
  return state === 'PAUSED' ? `PAUSED:${reason ?? ''}` : state;
}

export function parseChoice(value: string): StateChoice | null {
  if (value === 'AVAILABLE' || value === 'OFFLINE') return { state: value };
  if (value.startsWith('PAUSED:')) return { state: 'PAUSED', reason: value.slice('PAUSED:'.length) };
  return null;
}
