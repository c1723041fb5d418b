import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createParleyPubSub } from '../graphql/pubsub';
import { createLogger } from '../logger';
import { startPrivateRedis } from '../testing/private-services';
import { waitFor } from '../testing/wait-for';

const CHANNEL_ID = 'crash-load';

/**
 * Redis crashing (SIGKILL) while an instance publishes at full speed: ioredis
 * then rejects the unanswered rest of each auto-pipelined batch. The API's
 * pub/sub is driven here in-process, as under a burst of chat traffic, so a
 * rejection nobody handles shows as one.
 */
describe('Redis crashing under publishing load', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('loses only the events in flight, never the process, and publishes again once Redis is back', async () => {
    const unhandled: unknown[] = [];
    const collect = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', collect);
    cleanups.push(async () => void process.off('unhandledRejection', collect));
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.cleanup());
    const handle = createParleyPubSub(redis.url, createLogger('silent'), 'redis-crash');
    cleanups.push(() => handle.close());

    // A plain Redis subscriber counts what arrives, however fast.
    const listener = new Redis(redis.url, { maxRetriesPerRequest: null });
    listener.on('error', () => undefined);
    cleanups.push(async () => listener.disconnect());
    let received = 0;
    listener.on('message', () => (received += 1));
    await listener.subscribe(`MESSAGE_ADDED:${CHANNEL_ID}`);

    let publishing = true;
    let published = 0;
    const padding = 'x'.repeat(2000);
    const load = (async () => {
      while (publishing) {
        for (let i = 0; i < 200; i += 1) handle.pubSub.publish('MESSAGE_ADDED', CHANNEL_ID, { interactionId: `${CHANNEL_ID} ${padding}`, seq: (published += 1) });
        await nextTurn();
      }
    })();
    cleanups.push(async () => {
      publishing = false;
      await load;
    });

    // Each crash comes while the backlog of the previous outage is still being sent.
    for (let crash = 1; crash <= 3; crash += 1) {
      const before = received;
      await waitFor(`events flowing before crash ${crash}`, () => (received >= before + 200 ? true : undefined));
      await redis.stop('SIGKILL');
      const down = published;
      await waitFor('a backlog of events', () => (published >= down + 10_000 ? true : undefined));
      await redis.start();
    }
    const before = received;
    await waitFor('events flowing after the last crash', () => (received >= before + 2000 ? true : undefined));
    publishing = false;
    await load;
    assert.deepEqual(unhandled.map(String), [], 'no rejection left unhandled');
  });
});
