import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** How often an instance that may have company counts the instances listening. */
const COUNT_EVERY_MS = 5_000;
/** How long a starting instance waits for the others to answer its call. */
const ANSWERS_WITHIN_MS = 2_000;

/**
 * Whether other instances of this deployment share its Redis. An instance
 * hands its own events to its own readers itself (redis-event-target.ts);
 * alone, it need not also send them through Redis only to read them back.
 *
 * Every instance listens on the deployment's roll-call channel. A starting
 * instance calls out there before it serves anyone, and waits for every
 * instance that heard the call to answer; an instance answers once it
 * publishes its events, and so before the newcomer has a reader who could
 * miss one. An instance that heard no call since it last asked counts the
 * instances listening (PUBSUB NUMSUB) every few seconds, and stops
 * publishing when it is the only one. It publishes from the moment it
 * hears a call, and after any reconnection to Redis, where it calls out
 * again. Counting an instance that is not there costs only publishing; it
 * never stops publishing while another instance listens.
 *
 * Counts are of one Redis server: on a Redis Cluster (where NUMSUB and
 * PUBLISH answer for one node) this must count sharded channels instead.
 */
export class PeerInstances {
  private alone = false;
  /** Calls heard: a count asked for before the last call is stale. */
  private calls = 0;
  private awaited?: { from: Set<string>; expected: number; done: () => void };
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly channel: string,
    private readonly tag: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) this.heard(message);
    });
  }

  /** False while no other instance listens: events need not go through Redis. */
  get shared(): boolean {
    return !this.alone;
  }

  /**
   * Joins the roll call; resolves once every instance that heard this one
   * answered, or after ANSWERS_WITHIN_MS, or (Redis away) a little later
   * still publishing: it then joins when Redis is back.
   */
  async start(): Promise<void> {
    // After a reconnection, another instance may have counted this one out meanwhile: publish, and say so.
    this.subscriber.on('ready', () => {
      this.alone = false;
      void this.callOut().catch(() => undefined);
    });
    this.timer = setInterval(() => void this.count(), COUNT_EVERY_MS).unref();
    let waited: NodeJS.Timeout | undefined;
    const redisAway = new Promise<void>((resolve) => (waited = setTimeout(resolve, ANSWERS_WITHIN_MS + 1_000)));
    await Promise.race([this.join().catch(() => undefined), redisAway]);
    clearTimeout(waited);
  }

  private async join(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    const answered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ANSWERS_WITHIN_MS);
      this.awaited = { from: new Set(), expected: Infinity, done: () => (clearTimeout(timer), resolve()) };
    });
    const calls = this.calls;
    const others = (await this.callOut()) - 1;
    const awaited = this.awaited as NonNullable<PeerInstances['awaited']>;
    awaited.expected = others;
    if (others <= 0 && calls === this.calls) this.alone = true;
    if (awaited.from.size >= awaited.expected) awaited.done();
    await answered;
    this.awaited = undefined;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Calls out on the roll-call channel; resolves with how many instances heard it (this one included). */
  private async callOut(): Promise<number> {
    return Number(await this.publisher.publish(this.channel, `call ${this.tag}`));
  }

  private heard(message: string): void {
    const [kind, from, to] = message.split(' ');
    if (!from || from === this.tag) return;
    if (kind === 'call') {
      this.calls += 1;
      this.alone = false;
      // Sent after every event published so far on the same connection, and before any later one.
      void this.publisher.publish(this.channel, `answer ${this.tag} ${from}`).catch(() => undefined);
    } else if (kind === 'answer' && to === this.tag && this.awaited) {
      this.awaited.from.add(from);
      if (this.awaited.from.size >= this.awaited.expected) this.awaited.done();
    }
  }

  private async count(): Promise<void> {
    const calls = this.calls;
    try {
      const [, listening] = (await this.publisher.pubsub('NUMSUB', this.channel)) as [string, number | string];
      if (calls !== this.calls) return;
      const alone = Number(listening) <= 1;
      if (alone !== this.alone) this.logger.info({ alone }, alone ? 'no other instance listens: events stay in this one' : 'other instances listen: events go through Redis');
      this.alone = alone;
    } catch {
      this.alone = false;
    }
  }
}
