import { Redis } from 'ioredis';
import { waitFor } from './wait-for';

/** What fault tests check besides answers: whether a process still runs, whether an event channel has listeners. */

/** Waits until `count` connections listen on a pub/sub channel of the Redis at `redisUrl`, e.g. `MESSAGE_ADDED:<chat id>`. */
export async function untilSubscribed(redisUrl: string, channel: string, count = 1): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await waitFor(`${count} listener(s) on ${channel}`, async () => {
      const [, listeners] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      return Number(listeners) >= count ? true : undefined;
    });
  } finally {
    redis.disconnect();
  }
}

/** Whether the operating-system process `pid` still runs. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
