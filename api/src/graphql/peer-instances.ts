import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** How often an instance counts the instances listening. */
const COUNT_EVERY_MS = 5_000;
/** How long a starting instance waits for the others to answer its call. */
const ANSWERS_WITHIN_MS = 2_000;
/** Every instance listens on it from its start (access-cache.ts, socket-registry.ts), those before the roll call too. */
const EVERY_INSTANCE_LISTENS = 'ACCESS_REVOKED';

/**
 * Whether other instances share this one's Redis. An instance hands its
 * own events to its own readers itself (redis-event-target.ts); alone, it
 * need not also send its chat traffic through Redis only to read it back.
 *
 * Every instance listens on the deployment's roll-call channel. A starting
 * instance calls out there before it serves anyone, and waits for every
 * instance that heard the call to answer; an instance answers once it
 * publishes, so before the newcomer has a reader who could miss an event.
 * Every few seconds an instance counts the connections listening on the
 * roll call and on a channel every instance listens on from its start
 * (PUBSUB NUMSUB); it is alone when both counts are its own subscriber's
 * alone. A count is used only when this instance has just heard its own
 * call come back (so its own subscriber is among those counted, even if its
 * connection died unnoticed before), while that subscriber stayed up
 * throughout and nothing was heard meanwhile (a call, a reconnection);
 * an instance publishes again the moment its subscriber reconnects, and
 * calls out again then. Counting others that are not there costs only
 * publishing. On a Redis Cluster (where NUMSUB and PUBLISH answer for one
 * node) an instance never counts itself alone.
 */
export class PeerInstances {
  private alone = false;
  private clustered = false;
  /** Bumped by whatever makes a count in flight stale: a call heard, the subscriber's connection lost or back. */
  private epoch = 0;
  private counting = false;
  /** The nonce of this instance's last check that it hears itself, and what waits for it to come back. */
  private nonce = 0;
  private onSelfHeard?: { nonce: string; heard: () => void };
  private stopped = false;
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
    for (const lost of ['close', 'reconnecting', 'end']) subscriber.on(lost, () => this.mayHaveCompany());
  }

  /** False while no other instance listens: chat traffic need not go through Redis. */
  get shared(): boolean {
    return !this.alone;
  }

  /**
   * Joins the roll call; resolves once every instance that heard this one
   * answered, or after ANSWERS_WITHIN_MS, or (Redis away) a little later
   * still publishing: it then joins when Redis is back.
   */
  async start(): Promise<void> {
    // After a reconnection, another instance may have counted this one out meanwhile: publish, and call out again.
    this.subscriber.on('ready', () => {
      this.mayHaveCompany();
      void this.callOut().catch(() => undefined);
    });
    this.timer = setInterval(() => void this.count(), COUNT_EVERY_MS).unref();
    let waited: NodeJS.Timeout | undefined;
    const redisAway = new Promise<void>((resolve) => (waited = setTimeout(resolve, ANSWERS_WITHIN_MS + 1_000)));
    await Promise.race([this.join().catch(() => undefined), redisAway]);
    clearTimeout(waited);
  }

  /** Publishes everything from now on (an instance shutting down unsubscribes, and would count itself out). */
  stop(): void {
    this.stopped = true;
    this.mayHaveCompany();
    clearInterval(this.timer);
  }

  private async join(): Promise<void> {
    this.clustered = await this.publisher.info('cluster').then(
      (info) => /cluster_enabled:1/.test(info),
      (err: unknown) => {
        // Unknown: counted as a cluster, so this instance never counts itself alone.
        this.logger.warn({ err }, 'Redis did not say whether it is a cluster: events always go through it');
        return true;
      },
    );
    await this.subscriber.subscribe(this.channel);
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), ANSWERS_WITHIN_MS)));
    const answered = new Promise<boolean>((resolve) => (this.awaited = { from: new Set(), expected: Infinity, done: () => resolve(true) }));
    const awaited = this.awaited as NonNullable<PeerInstances['awaited']>;
    awaited.expected = (await this.callOut()) - 1;
    if (awaited.from.size >= awaited.expected) awaited.done();
    if (!(await Promise.race([answered, late]))) {
      this.logger.warn({ expected: awaited.expected, answered: awaited.from.size }, 'not every instance answered within 2 s: serving anyway');
    }
    clearTimeout(deadline);
    this.awaited = undefined;
    await this.count();
  }

  private mayHaveCompany(): void {
    this.epoch += 1;
    this.alone = false;
  }

  /** Calls out on the roll-call channel; resolves with how many instances heard it (this one included). */
  private async callOut(): Promise<number> {
    return Number(await this.publisher.publish(this.channel, `call ${this.tag}`));
  }

  /** Whether this instance's own call comes back to it within ANSWERS_WITHIN_MS: its subscriber is live and counted. */
  private async hearsItself(): Promise<boolean> {
    const nonce = String((this.nonce += 1));
    let deadline: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        new Promise<boolean>((resolve) => (this.onSelfHeard = { nonce, heard: () => resolve(true) })),
        new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), ANSWERS_WITHIN_MS))),
        this.publisher.publish(this.channel, `check ${this.tag} ${nonce}`).then((heardBy) => (heardBy === 0 ? false : new Promise<boolean>(() => undefined))),
      ]);
    } finally {
      clearTimeout(deadline);
      this.onSelfHeard = undefined;
    }
  }

  private heard(message: string): void {
    const [kind, from, to] = message.split(' ');
    // An instance checking that it hears itself: news to no one else.
    if (kind === 'check') {
      if (from === this.tag && this.onSelfHeard && to === this.onSelfHeard.nonce) this.onSelfHeard.heard();
      return;
    }
    if (!from || from === this.tag) return;
    if (kind === 'call') {
      this.mayHaveCompany();
      // Sent after every event published so far on the same connection, and before any later one.
      void this.publisher.publish(this.channel, `answer ${this.tag} ${from}`).catch(() => undefined);
    } else if (kind === 'answer' && to === this.tag && this.awaited) {
      this.awaited.from.add(from);
      if (this.awaited.from.size >= this.awaited.expected) this.awaited.done();
    }
  }

  private async count(): Promise<void> {
    if (this.stopped || this.counting || this.clustered || this.subscriber.status !== 'ready' || this.publisher.status !== 'ready') return;
    this.counting = true;
    const epoch = this.epoch;
    try {
      // Its own call back first: else this instance cannot tell whether its own subscriber is among those counted.
      if (!(await this.hearsItself())) return this.mayHaveCompany();
      const counts = (await this.publisher.pubsub('NUMSUB', this.channel, EVERY_INSTANCE_LISTENS)) as (string | number)[];
      if (epoch !== this.epoch || this.stopped || this.subscriber.status !== 'ready') return;
      const alone = Number(counts[1]) <= 1 && Number(counts[3]) <= 1;
      if (alone !== this.alone) this.logger.info({ alone }, alone ? 'no other instance listens: chat events stay in this one' : 'other instances listen: events go through Redis');
      this.alone = alone;
    } catch {
      this.mayHaveCompany();
    } finally {
      this.counting = false;
    }
  }
}
