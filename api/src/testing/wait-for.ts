import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './api-process';

/** Polls `read` until it returns a value: tests wait for conditions, never for fixed times. */
export async function waitFor<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until some API instance listens on a pub/sub channel, e.g.
 * `AGENT_INTERACTION:<agent id>`: the subscription behind it is live.
 */
export async function untilListening(channel: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
  try {
    await waitFor(`a listener on ${channel}`, async () => {
      const [, listeners] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      return Number(listeners) > 0 ? true : undefined;
    });
  } finally {
    redis.disconnect();
  }
}
