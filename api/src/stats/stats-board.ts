import { Repeater } from '@graphql-yoga/subscription';
import { Campaign } from '../campaigns/campaign.entity';
import type { AppDeps } from '../graphql/context';
import type { CampaignStats } from './campaign-stats.types';
import { computeCampaignStats } from './campaign-stats.service';

const PERIOD_MS = 1000;

interface Board {
  readonly subscribers: Set<(stats: CampaignStats) => void>;
  latest?: Promise<CampaignStats | null>;
  /** The last figures sent, without `at`: an unchanged computation sends nothing. */
  sent?: string;
  dirty: boolean;
  timer?: NodeJS.Timeout;
  stopListening?: () => void;
}

/** Whether figures move with the clock alone: someone waits, chats, or is signed in (idle time). */
const ticking = (stats: CampaignStats | null | undefined) => !!stats && (stats.waiting > 0 || stats.active > 0 || stats.agents.some((agent) => agent.state !== 'OFFLINE'));

const fingerprint = (stats: CampaignStats) => JSON.stringify({ ...stats, at: undefined });

/**
 * One computation per campaign per second at most on this instance, shared
 * by all its subscribers: 1 or 2,000 screens cost the same queries. A
 * campaign is computed again when something happened in it (an announced
 * change) or when its figures move with the clock, and subscribers hear
 * only figures that changed.
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
    const board: Board = { subscribers: new Set(), dirty: false };
    const changes = [this.deps.pubSub.subscribe('CAMPAIGN_ACTIVITY', campaignId), this.deps.pubSub.subscribe('CAMPAIGN_UPDATED', campaignId)].map((source) => source[Symbol.asyncIterator]());
    for (const change of changes) {
      void (async () => {
        while (!(await change.next()).done) board.dirty = true;
      })();
    }
    board.stopListening = () => changes.forEach((change) => void change.return?.());
    board.timer = setInterval(() => void this.tick(campaignId, board), PERIOD_MS);
    this.boards.set(campaignId, board);
    return board;
  }

  private async tick(campaignId: string, board: Board): Promise<void> {
    if (!board.dirty && !ticking(await board.latest)) return;
    board.dirty = false;
    const stats = await this.compute(campaignId, board);
    if (!stats) return;
    const print = fingerprint(stats);
    if (print === board.sent) return;
    board.sent = print;
    for (const subscriber of board.subscribers) subscriber(stats);
  }

  private compute(campaignId: string, board: Board): Promise<CampaignStats | null> {
    const em = this.deps.orm.em.fork();
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
