import type { EntityManager } from '@mikro-orm/postgresql';
import { agentActivity } from '../agents/agent.service';
import { ApiScope } from '../auth/role';
import { hasScope, isManager, type Viewer } from '../auth/viewer';
import { CampaignMember } from '../campaigns/campaign-member.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { localDayStart } from '../campaigns/schedule';
import { forbidden, notFound, unauthenticated } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import { dayWindow, periodFigures, queueFigures, type Arrival } from './campaign-figures';
import type { CampaignStats } from './campaign-stats.types';
import { buckets, history, MAX_BUCKETS, type Interval } from './stats-history';
import type { StatsBucket } from './stats-history.types';
import { badInput } from '../graphql/app-error';

/** Supervisors, admins and STATS_READ keys read statistics; the campaign, or NOT_FOUND. */
export async function statsCampaign(em: EntityManager, viewer: Viewer, campaignId: string): Promise<Campaign> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!isManager(viewer) && !hasScope(viewer, ApiScope.STATS_READ)) throw forbidden('Statistics are for supervisors, admins and API keys with STATS_READ');
  const campaign = isUuid(campaignId) ? await em.findOne(Campaign, { id: campaignId }) : null;
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

interface ArrivalRow {
  state: Arrival['state'];
  close_reason: string | null;
  queued_at: Date;
  answered_at: Date | null;
  closed_at: Date | null;
}

async function arrivalsBetween(em: EntityManager, campaignId: string, from: Date, to: Date): Promise<Arrival[]> {
  const rows = await em.getConnection().execute<ArrivalRow[]>(
    'select state, close_reason, queued_at, answered_at, closed_at from interactions where campaign_id = ? and queued_at >= ? and queued_at <= ?',
    [campaignId, from, to],
  );
  return rows.map((row) => ({ state: row.state, closeReason: row.close_reason, queuedAt: new Date(row.queued_at), answeredAt: row.answered_at && new Date(row.answered_at), closedAt: row.closed_at && new Date(row.closed_at) }));
}

/** Figures per quarter hour, hour or day of [from, to), on the campaign's wall clock. */
export async function statsHistory(em: EntityManager, campaign: Campaign, from: Date, to: Date, interval: Interval): Promise<StatsBucket[]> {
  if (!(from < to)) throw badInput('to', 'must be after from');
  const periods = buckets(from, to, interval, campaign.schedule.timezone);
  if (!periods) throw badInput('interval', `the range holds more than ${MAX_BUCKETS} buckets of this size: choose a larger interval or a shorter range`);
  const first = periods[0]?.from ?? from;
  const last = periods.at(-1)?.to ?? to;
  return history(await arrivalsBetween(em, campaign.id, first, new Date(last.getTime() - 1)), periods, campaign.thresholds);
}

/** Reads and computes a campaign's figures for its current day: a fixed number of queries plus a few per member. */
export async function computeCampaignStats(em: EntityManager, campaign: Campaign, now: Date): Promise<CampaignStats> {
  const connection = em.getConnection();
  const day = dayWindow(now, campaign.schedule.timezone, localDayStart);
  const arrivals = await arrivalsBetween(em, campaign.id, day.from, day.to);
  const waiting = await connection.execute<{ id: string; name: string; email: string | null; queued_at: Date }[]>(
    `select i.id, c.name, c.email, i.queued_at from interactions i join contacts c on c.id = i.contact_id
      where i.campaign_id = ? and i.state in ('QUEUED', 'OFFERED')`,
    [campaign.id],
  );
  const [active] = await connection.execute<{ count: string }[]>(`select count(*) as count from interactions where campaign_id = ? and state = 'ACTIVE'`, [campaign.id]);
  const members = await em.find(CampaignMember, { campaign }, { orderBy: { position: 'asc' } });
  const agents = [];
  for (const member of members) agents.push(await agentActivity(em, now, member.agent.id));
  return {
    campaignId: campaign.id,
    at: now,
    ...periodFigures(arrivals, campaign.thresholds),
    ...queueFigures(waiting.map((row) => ({ interactionId: row.id, name: row.name, email: row.email, queuedAt: new Date(row.queued_at) })), campaign.thresholds.acd, now),
    active: Number(active?.count ?? 0),
    agents,
  };
}
