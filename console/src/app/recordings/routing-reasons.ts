/**
 * The router's explanations are stored in English (api/src/routing/routing-policy.ts); the console
 * says the ones it knows in the reader's language and shows any other as stored. Pure, unit-tested.
 */
import type { MessageKey, MessageParams } from '../core/i18n/i18n';

export interface Phrase {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

type Rule = readonly [RegExp, MessageKey, readonly string[]];

const CANDIDATE_RULES: readonly Rule[] = [
  [/^eligible$/, 'routing.eligible', []],
  [/^offline$/, 'routing.offline', []],
  [/^paused$/, 'routing.paused', []],
  [/^in a media call$/, 'routing.inCall', []],
  [/^at capacity \((\d+)\/(\d+)\)$/, 'routing.atCapacity', ['active', 'capacity']],
];

const DECISION_RULES: readonly Rule[] = [
  [/^first eligible member in member order \(position (\d+)\)$/, 'routing.firstInOrder', ['position']],
  [/^no agent served yet: first in member order$/, 'routing.noneServedYet', []],
  [/^next in member order after position (\d+)$/, 'routing.nextAfter', ['position']],
  [/^has not finished an interaction yet$/, 'routing.notFinishedYet', []],
  [/^idle longest since their last interaction ended$/, 'routing.idleLongest', []],
  [/^fewest interactions handled today \((\d+)\)$/, 'routing.fewest', ['count']],
  [/^drawn at random among (\d+)$/, 'routing.random', ['count']],
  [/^drawn at random weighted by penalty \(weight (\d+) of (\d+)\)$/, 'routing.weighted', ['weight', 'total']],
  [/^first eligible member$/, 'routing.firstEligible', []],
  [/^offered to every eligible agent \((\d+)\); the first to accept wins$/, 'routing.offeredToAll', ['count']],
];

function phrase(rules: readonly Rule[], text: string): Phrase | null {
  for (const [pattern, key, names] of rules) {
    const match = pattern.exec(text.trim());
    if (match) return { key, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) };
  }
  return null;
}

/** Why a member could or could not take the chat; null when the words are new to this console. */
export const candidatePhrase = (reason: string): Phrase | null => phrase(CANDIDATE_RULES, reason);

/** Why the router chose whom it chose; null when the words are new to this console. */
export const decisionPhrase = (reason: string): Phrase | null => phrase(DECISION_RULES, reason);
