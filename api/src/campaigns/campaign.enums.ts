import { registerEnumType } from 'type-graphql';

export enum Distribution {
  RRMEMORY = 'RRMEMORY',
  LEASTRECENT = 'LEASTRECENT',
  FEWEST = 'FEWEST',
  LINEAR = 'LINEAR',
  RANDOM = 'RANDOM',
  WRANDOM = 'WRANDOM',
  RINGALL = 'RINGALL',
  AGENT_PICKS = 'AGENT_PICKS',
}
registerEnumType(Distribution, {
  name: 'Distribution',
  description: 'How the next agent is chosen among eligible members.',
  valuesConfig: {
    RRMEMORY: { description: 'round robin that remembers the last agent served' },
    LEASTRECENT: { description: 'agent idle longest since their last interaction ended' },
    FEWEST: { description: 'agent with fewest interactions handled today' },
    LINEAR: { description: 'member order; always the first eligible' },
    WRANDOM: { description: 'random, weighted against member penalty (0-100)' },
    RINGALL: { description: 'offered to every eligible agent; first to accept wins' },
    AGENT_PICKS: { description: 'agents pick any waiting chat from the queue themselves' },
  },
});

export enum Availability {
  INTERACTION = 'INTERACTION',
  NOCALL = 'NOCALL',
  INCALL = 'INCALL',
  NOPAUSE = 'NOPAUSE',
}
registerEnumType(Availability, { name: 'Availability', description: 'When a member counts as eligible for a new interaction.' });

export enum Language {
  EN = 'EN',
  ES = 'ES',
  PT = 'PT',
}
registerEnumType(Language, { name: 'Language' });
