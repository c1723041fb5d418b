import type { Orm } from '../db/orm';
import type { AccessRevoked, ParleyPubSub } from '../graphql/pubsub';
import type { Logger } from '../logger';
import { originAllowed } from '../campaigns/allowed-origin';
import { Campaign } from '../campaigns/campaign.entity';
import { sql } from '../db/sql';
import { authenticate, withoutToken } from './authenticate';
import { bearerToken, hashToken } from './token';
import { REJECTED_TOKEN, type Viewer } from './viewer';

const MAX_ENTRIES = 50_000;
/** How often an API key's last use is written: enough for "last used", cheap for busy keys. */
const LAST_USE_EVERY_MS = 60_000;

/** A bearer token with the key it is cached under (its hash). */
export interface KeyedToken {
  readonly token: string;
  readonly key: string;
}

/** The bearer token of a raw `Authorization` value, with its key; undefined when it holds none. */
export function keyedToken(rawAuthorization: unknown): KeyedToken | undefined {
  const token = bearerToken(rawAuthorization);
  return token === undefined ? undefined : { token, key: hashToken(token) };
}

interface CachedViewer {
  readonly viewer: Viewer;
  readonly until: number;
}

const revokes = (viewer: Viewer, revoked: AccessRevoked): boolean =>
  (viewer.kind === 'staff' && (viewer.userId === revoked.userId || viewer.sessionId === revoked.sessionId)) ||
  (viewer.kind === 'visitor' && viewer.sessionId === revoked.sessionId) ||
  (viewer.kind === 'apiKey' && viewer.apiKeyId === revoked.apiKeyId);

/**
 * Who holds a token, which sites a campaign's widget may run on, and the
 * campaign a widget key names, read from storage once and then answered
 * from memory. Every instance drops
 * what a revocation (ACCESS_REVOKED) or a campaign change names the moment
 * it is announced, everything when its pub/sub connection comes back (what
 * was announced meanwhile is unknown), and every entry after a minute. An
 * answer read while a revocation arrived is used once, never kept.
 */
export class AccessCache {
  private readonly viewers = new Map<string, CachedViewer>();
  private readonly domains = new Map<string, { readonly allowed: readonly string[]; readonly until: number }>();
  /** Campaigns by widget key: read-only records, shared by every request that reads them. */
  private readonly widgetCampaigns = new Map<string, { readonly campaign: Readonly<Campaign>; readonly until: number }>();
  private readonly campaignWatches = new Map<string, () => void>();
  private readonly lastUseWritten = new Map<string, number>();
  private readonly stopRevocations: () => void;
  /** Bumped on every revocation or change: a read that started before it is not cached. */
  private generation = 0;

  constructor(
    private readonly orm: Orm,
    private readonly pubSub: ParleyPubSub,
    private readonly logger: Logger,
    private readonly now: () => Date,
    /** A safety net on top of pushed revocations: a cached answer is read again from storage after this long. */
    private readonly ttlMs: number,
  ) {
    this.stopRevocations = this.follow(pubSub.subscribe('ACCESS_REVOKED'), (revoked) => this.revoke(revoked));
  }

  /**
   * The viewer of a raw `Authorization` value (see `authenticate`), costing no statement while cached.
   * A socket, whose value never changes, passes its `keyed` token to spare hashing it for every operation.
   */
  async authenticate(rawAuthorization: unknown, keyed: KeyedToken | undefined = keyedToken(rawAuthorization)): Promise<Viewer> {
    if (keyed === undefined) return withoutToken(rawAuthorization);
    const { token, key } = keyed;
    const at = this.now();
    const cached = this.viewers.get(key);
    if (cached && cached.until > at.getTime() && !expired(cached.viewer, at)) {
      this.noteUse(cached.viewer, at);
      return cached.viewer;
    }
    this.viewers.delete(key);
    const started = this.generation;
    const viewer = await authenticate(this.orm.em, token, at);
    if (viewer !== REJECTED_TOKEN && started === this.generation) this.remember(this.viewers, key, { viewer, until: at.getTime() + this.ttlMs });
    this.noteUse(viewer, at);
    return viewer;
  }

  /** A token this instance just issued and stored: its first uses here cost no statement. */
  rememberIssued(token: string, viewer: Viewer): void {
    this.remember(this.viewers, hashToken(token), { viewer, until: this.now().getTime() + this.ttlMs });
  }

  /** Whether a visitor may use the API from `origin`: staff and API keys may from anywhere. */
  async originAllowed(viewer: Viewer, origin: string | undefined): Promise<boolean> {
    return viewer.kind !== 'visitor' || this.campaignOriginAllowed(viewer.campaignId, origin);
  }

  /** Whether a page on `origin` may use a campaign's widget (and its calls): the campaign's allowed sites. */
  async campaignOriginAllowed(campaignId: string, origin: string | undefined): Promise<boolean> {
    const allowed = await this.allowedDomains(campaignId);
    return allowed !== undefined && originAllowed(origin, allowed);
  }

  /** Forgets everything: the pub/sub connection came back, so announcements may have been missed. */
  clear(): void {
    this.generation += 1;
    this.viewers.clear();
    this.domains.clear();
    this.widgetCampaigns.clear();
  }

  close(): void {
    this.stopRevocations();
    for (const stop of this.campaignWatches.values()) stop();
    this.campaignWatches.clear();
  }

  /**
   * The campaign a widget key names, as it is now (a change is announced
   * with CAMPAIGN_UPDATED and drops it here), costing no statement while
   * cached. The record is shared: read it, never change it or hand it to
   * an entity manager. Null for an unknown key (not kept: a campaign
   * created later answers at once).
   */
  async widgetCampaign(key: string): Promise<Readonly<Campaign> | null> {
    const at = this.now().getTime();
    const cached = this.widgetCampaigns.get(key);
    if (cached && cached.until > at) return cached.campaign;
    const started = this.generation;
    const campaign = await this.orm.em.fork().findOne(Campaign, { key });
    if (!campaign) return null;
    // Kept only once the campaign's changes were followed before the read began: a change announced meanwhile (or before
    // the follow took effect) may be missing from it, so such a read is used once.
    const followed = this.campaignWatches.has(campaign.id);
    this.watchCampaign(campaign.id);
    if (followed && started === this.generation) this.remember(this.widgetCampaigns, key, { campaign, until: at + this.ttlMs });
    return campaign;
  }

  private async allowedDomains(campaignId: string): Promise<readonly string[] | undefined> {
    const at = this.now().getTime();
    const cached = this.domains.get(campaignId);
    if (cached && cached.until > at) return cached.allowed;
    this.watchCampaign(campaignId);
    const started = this.generation;
    const rows = await sql<{ allowed_domains: string[] }>(this.orm.em, 'select allowed_domains from campaigns where id = $1', [campaignId]);
    const allowed = rows[0]?.allowed_domains;
    if (allowed !== undefined && started === this.generation) this.remember(this.domains, campaignId, { allowed, until: at + this.ttlMs });
    return allowed;
  }

  private watchCampaign(campaignId: string): void {
    if (this.campaignWatches.has(campaignId)) return;
    this.campaignWatches.set(
      campaignId,
      this.follow(this.pubSub.subscribe('CAMPAIGN_UPDATED', campaignId), () => this.forgetCampaign(campaignId)),
    );
  }

  /**
   * Forgets what is cached of a campaign: called where it changed, before
   * CAMPAIGN_UPDATED is published, so that the next request on this instance
   * sees the change; other instances forget it when the announcement arrives.
   */
  forgetCampaign(campaignId: string): void {
    this.generation += 1;
    this.domains.delete(campaignId);
    for (const [key, entry] of this.widgetCampaigns) if (entry.campaign.id === campaignId) this.widgetCampaigns.delete(key);
  }

  /**
   * Announces that credentials ended: this instance forgets them before the
   * call returns (so the next request here is refused), every other
   * instance when the announcement reaches it.
   */
  announceRevocation(revoked: AccessRevoked): void {
    this.revoke(revoked);
    this.pubSub.publish('ACCESS_REVOKED', revoked);
  }

  private revoke(revoked: AccessRevoked): void {
    this.generation += 1;
    for (const [key, entry] of this.viewers) if (revokes(entry.viewer, revoked)) this.viewers.delete(key);
  }

  /** Records an API key's use, at most once a minute per key, without holding up the request. */
  private noteUse(viewer: Viewer, at: Date): void {
    if (viewer.kind !== 'apiKey') return;
    const last = this.lastUseWritten.get(viewer.apiKeyId) ?? 0;
    if (at.getTime() - last < LAST_USE_EVERY_MS) return;
    this.remember(this.lastUseWritten, viewer.apiKeyId, at.getTime());
    void sql(this.orm.em, 'update api_keys set last_used_at = $1 where id = $2', [at, viewer.apiKeyId]).catch((err: unknown) => this.logger.warn({ err }, 'recording an API key use failed'));
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }

  private follow<T>(source: AsyncIterable<T>, handle: (value: T) => void): () => void {
    const iterator = source[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        handle(next.value);
      }
    })().catch((err: unknown) => this.logger.error({ err }, 'access cache listener stopped'));
    return () => void iterator.return?.();
  }
}

const expired = (viewer: Viewer, at: Date): boolean => (viewer.kind === 'staff' || viewer.kind === 'visitor') && viewer.expiresAt <= at;
