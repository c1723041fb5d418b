import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../db/sql';
import { RateLimited, slide } from '../graphql/rate-limit';

/**
 * A chat accepts at most `limit` customer messages in any minute
 * (RATE_LIMIT_VISITOR_MESSAGE), counted on the chat's own row by the
 * statement that stores the message: the row lock that hands out seqs makes
 * the count exact for every instance together, and the count costs no round
 * trip of its own. The arithmetic is `slide` of rate-limit.ts (a sliding
 * window from the current minute's count and the previous one's), written
 * over the row's columns; a refused message is not counted.
 */
export const BUDGET_WINDOW_MS = 60_000;

/** The placeholders of a statement's budget parameters, from `budgetParameters`. */
export interface BudgetPlaceholders {
  /** The minute's number. */
  readonly window: string;
  /** Milliseconds into that minute. */
  readonly into: string;
  /** The budget. */
  readonly limit: string;
}

export const budgetParameters = (now: Date, limit: number): [window: number, into: number, limit: number] => {
  const window = Math.floor(now.getTime() / BUDGET_WINDOW_MS);
  return [window, now.getTime() - window * BUDGET_WINDOW_MS, limit];
};

const before = (p: BudgetPlaceholders) =>
  `(case when contact_messages_window = ${p.window} then contact_messages_before when contact_messages_window = ${p.window} - 1 then contact_messages_now else 0 end)`;
const current = (p: BudgetPlaceholders) => `(case when contact_messages_window = ${p.window} then contact_messages_now else 0 end)`;

/** `set` assignments counting one message (they read the row as it was). */
export const countOne = (p: BudgetPlaceholders) =>
  `contact_messages_before = ${before(p)}, contact_messages_now = ${current(p)} + 1, contact_messages_window = ${p.window}`;

/** A `where` condition: one more message fits the budget. */
export const roomForOne = (p: BudgetPlaceholders) =>
  `${before(p)}::bigint * (${BUDGET_WINDOW_MS} - ${p.into}) + ${current(p)}::bigint * ${BUDGET_WINDOW_MS} <= (${p.limit} - 1)::bigint * ${BUDGET_WINDOW_MS}`;

const P = { window: '$3::int', into: '$4::int', limit: '$5::int' };
const TAKE = `update interactions set ${countOne(P)} where id = $1::uuid and contact_id = $2::uuid and ${roomForOne(P)} returning id`;
const READ = `select contact_messages_window as window, contact_messages_now as now, contact_messages_before as before from interactions where id = $1::uuid and contact_id = $2::uuid`;

/**
 * Counts one message of the chat's contact, for the sends that do not go
 * through the one statement of a text (files, resends, refusals). RATE_LIMITED
 * with the wait when the budget is spent; nothing happens for a chat that is
 * not the contact's (the caller refuses it).
 */
export async function takeFromBudget(em: EntityManager, interactionId: string, contactId: string, now: Date, limit: number): Promise<void> {
  if ((await sql(em, TAKE, [interactionId, contactId, ...budgetParameters(now, limit)])).length > 0) return;
  const [row] = await sql<{ window: number; now: number; before: number }>(em, READ, [interactionId, contactId]);
  if (!row) return;
  const { decision } = slide({ window: row.window, current: row.now, previous: row.before }, 1, limit, BUDGET_WINDOW_MS, now.getTime());
  if (!decision.allowed) throw new RateLimited(decision.retryAfterMs);
}
