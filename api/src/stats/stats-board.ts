import { Repeater } from '@graphql-yoga/subscription';
import { Campaign } from '../campaigns/campaign.entity';
import type { AppDeps } from '../graphql/context';
import type { CampaignStats } from './campaign-stats.types';
import { computeCampaignStats } from './campaign-stats.service';

const PERIOD_MS = 1000;
/** Changes are computed at most this often: about once a second, and never staler than a second. */
const CHANGE_GAP_MS = 750;
/** Changes arriving together are computed together. */
const SETTLE_MS = 50;

interface Board {
  readonly subscribers: Set<(stats: CampaignStats) => void>;
  latest?: Promise<CampaignStats | null>;
  /** The last figures sent, without `at`: an unchanged computation sends nothing. */
  sent?: string;
  computedAt: number;
  changeComputedAt: number;
  computing: boolean;
  /** A change arrived while computing: compute once more after. */
  again: boolean;
  scheduled?: NodeJS.Timeout;
  timer?: NodeJS.Timeout;
  stopListening?: () => void;
}

/** Whether figures move with the clock alone: someone waits, chats, or is signed in (idle time). */
const ticking = (stats: CampaignStats | null | undefined) => !!stats && (stats.waiting > 0 || stats.active > 0 || stats.agents.some((agent) => agent.state !== 'OFFLINE'));

const fingerprint = (stats: CampaignStats) => JSON.stringify({ ...stats, at: undefined });

/**
 * A campaign's figures, computed on this instance for all its subscribers at
 * once: 1 or 2,000 screens cost the same queries. A change announced in the
 * campaign is computed within about 50 ms, and changes in a burst every
 * 750 ms, so figures are never a second old; figures
 * that move with the clock alone (waiting and chat times) once a second, when
 * nothing else did. Subscribers hear only figures that changed.
 */
class StatsBoard {
  private readonly boards = new Map<string, Board>();
  constructor(private readonly deps: AppDeps) {}

  follow(campaignId: string): AsyncIterable<CampaignStats> {
    return new Repeater<CampaignStats>(async (push, stop) => {
      const board = this.board(campaignId);
      const subscriber = (stats: CampaignStats) => void push(stats);
      board.subscribers.add(subscriber);
      const first = await (board.latest ?? this.compute(campaignId, board));
      if (first) {
        board.sent ??= fingerprint(first);
        await push(first);
      }
      await stop;
      board.subscribers.delete(subscriber);
      if (board.subscribers.size === 0) this.close(campaignId, board);
    });
  }

  private board(campaignId: string): Board {
    const existing = this.boards.get(campaignId);
    if (existing) return existing;
    const board: Board = { subscribers: new Set(), computedAt: 0, changeComputedAt: 0, computing: false, again: false };
    const changes = [this.deps.pubSub.subscribe('CAMPAIGN_ACTIVITY', campaignId), this.deps.pubSub.subscribe('CAMPAIGN_UPDATED', campaignId)].map((source) => source[Symbol.asyncIterator]());
    for (const change of changes) {
      void (async () => {
        while (!(await change.next()).done) this.changed(campaignId, board);
      })();
    }
    board.stopListening = () => changes.forEach((change) => void change.return?.());
    board.timer = setInterval(() => void this.clockTick(campaignId, board), PERIOD_MS);
    this.boards.set(campaignId, board);
    return board;
  }

  private changed(campaignId: string, board: Board): void {
    if (board.scheduled) return;
    const wait = Math.max(SETTLE_MS, board.changeComputedAt + CHANGE_GAP_MS - Date.now());
    board.scheduled = setTimeout(() => {
      board.scheduled = undefined;
      board.changeComputedAt = Date.now();
      void this.refresh(campaignId, board);
    }, wait);
  }

  private async clockTick(campaignId: string, board: Board): Promise<void> {
    if (Date.now() - board.computedAt < PERIOD_MS - SETTLE_MS || !ticking(await board.latest)) return;
    await this.refresh(campaignId, board);
  }

  private async refresh(campaignId: string, board: Board): Promise<void> {
    if (board.computing) {
      board.again = true;
      return;
    }
    board.computing = true;
    try {
      const stats = await this.compute(campaignId, board);
      const print = stats && fingerprint(stats);
      if (stats && print !== board.sent) {
        board.sent = print as string;
        for (const subscriber of board.subscribers) subscriber(stats);
      }
    } finally {
      board.computing = false;
    }
    if (board.again) {
      board.again = false;
      this.changed(campaignId, board);
    }
  }

  private compute(campaignId: string, board: Board): Promise<CampaignStats | null> {
    const em = this.deps.orm.em.fork();
    board.computedAt = Date.now();
    board.latest = em
      .findOne(Campaign, { id: campaignId })
      .then((campaign) => (campaign ? computeCampaignStats(em, campaign, this.deps.now()) : null))
      .catch((err: unknown) => {
        this.deps.logger.error({ err, campaignId }, 'statistics computation failed');
        return null;
      });
    return board.latest;
  }

  private close(campaignId: string, board: Board): void {
    clearInterval(board.timer);
    clearTimeout(board.scheduled);
    board.stopListening?.();
    this.boards.delete(campaignId);
  }
}

const boards = new WeakMap<AppDeps, StatsBoard>();

/** This process's statistics board. */
export function statsBoard(deps: AppDeps): StatsBoard {
  let board = boards.get(deps);
  if (!board) boards.set(deps, (board = new StatsBoard(deps)));
  return board;
}
