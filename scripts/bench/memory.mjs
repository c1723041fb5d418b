// Memory per open session: the API process's resident memory once it has
// settled before the sessions open and again once they are all held, the
// difference divided by the sessions held.
import { count, settledRss } from './measure.mjs';

export const memoryMeasures = (config) => [memoryMeasure(config)];
const memoryMeasure = (config) => `memory per open session, ${count(config.heldSessions)} held`;

/**
 * @param {() => Promise<unknown[]>} open opens the sessions and resolves with those held
 * @param {number | undefined} cappedAt fewer sessions than asked, because of the API's open-files limit
 */
export async function weighSessions({ config, report, pid, open, cappedAt }) {
  const before = await settledRss(pid);
  const sessions = await open();
  const after = await settledRss(pid);
  const perSession = (after.kb - before.kb) / sessions.length;
  const held = sessions.length;
  const enough = held >= config.heldSessions || (cappedAt !== undefined && held >= cappedAt * 0.99);
  const notes = [
    cappedAt !== undefined ? `at most ${count(cappedAt)}: the open-files limit of the API process` : '',
    before.settled && after.settled ? '' : 'memory still moving after 60 s',
  ].filter(Boolean);
  report.add({
    measure: memoryMeasure(config),
    figure: `${perSession.toFixed(1)} KB (RSS ${(before.kb / 1024).toFixed(0)} → ${(after.kb / 1024).toFixed(0)} MB with ${count(held)} held${notes.length ? `; ${notes.join('; ')}` : ''})`,
    target: '≤ 40 KB, with 20,000 held',
    met: perSession <= 40 && enough,
  });
  return sessions;
}
