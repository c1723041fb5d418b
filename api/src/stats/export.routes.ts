import type { Express, Request, Response } from 'express';
import { User } from '../auth/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { AppError, badInput } from '../graphql/app-error';
import { createContext, type AppDeps, type Context } from '../graphql/context';
import { InteractionService } from '../interactions/interaction.service';
import { InteractionState } from '../interactions/interaction.enums';
import type { InteractionFilter } from '../interactions/interaction.types';
import { statsCampaign, statsHistory } from './campaign-stats.service';
import { csv } from './csv';
import type { Interval } from './stats-history';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };
const PAGE = 100;
const MAX_ROWS = 10_000;
const INTERVALS: readonly Interval[] = ['QUARTER_HOUR', 'HOUR', 'DAY'];

const text = (req: Request, name: string): string | undefined => (typeof req.query[name] === 'string' && req.query[name] !== '' ? (req.query[name] as string) : undefined);

function date(req: Request, name: string, required: boolean): Date | undefined {
  const raw = text(req, name);
  if (raw === undefined) {
    if (required) throw badInput(name, 'is required (an ISO date and time)');
    return undefined;
  }
  const value = new Date(raw);
  if (Number.isNaN(value.getTime())) throw badInput(name, 'must be an ISO date and time');
  return value;
}

/** A CSV download for a staff session or API key in the Authorization header; refusals as JSON with the API's codes. */
function exportRoute(deps: AppDeps, fileName: string, build: (ctx: Context, req: Request) => Promise<string>) {
  return async (req: Request, res: Response) => {
    try {
      const em = deps.orm.em.fork();
      const viewer = await deps.access.authenticate(req.headers.authorization);
      const body = await build(createContext(deps, viewer, req.headers.origin, req.ip ?? '', em), req);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      res.type('text/csv; charset=utf-8').send(`\uFEFF${body}`);
    } catch (error) {
      if (!(error instanceof AppError)) {
        deps.logger.error({ err: error }, 'export failed');
        res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
        return;
      }
      res.status(STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
    }
  };
}

async function statsCsv(ctx: Context, req: Request): Promise<string> {
  const campaign = await statsCampaign(ctx.em, ctx.viewer, text(req, 'campaignId') ?? '');
  const interval = (text(req, 'interval') ?? 'HOUR') as Interval;
  if (!INTERVALS.includes(interval)) throw badInput('interval', `must be one of ${INTERVALS.join(', ')}`);
  const rows = await statsHistory(ctx.em, campaign, date(req, 'from', true) as Date, date(req, 'to', true) as Date, interval);
  const header = ['from', 'to', 'offered', 'answered', 'answeredWithinServiceLevel', 'abandoned', 'rejected', 'serviceLevel', 'abandonRate', 'averageWaitSeconds', 'averageHandleSeconds'] as const;
  return csv(header, rows.map((row) => header.map((column) => row[column])));
}

async function recordingsCsv(ctx: Context, req: Request): Promise<string> {
  const state = text(req, 'state');
  if (state !== undefined && !(Object.values(InteractionState) as string[]).includes(state)) throw badInput('state', 'is not an interaction state');
  const outOfHours = text(req, 'outOfHours');
  const filter: InteractionFilter = {
    campaignId: text(req, 'campaignId'),
    agentId: text(req, 'agentId'),
    state: state as InteractionState | undefined,
    from: date(req, 'from', false),
    to: date(req, 'to', false),
    text: text(req, 'text'),
    outOfHours: outOfHours === undefined ? undefined : outOfHours === 'true',
  };
  const service = new InteractionService(ctx);
  const nodes = [];
  let after: string | null = null;
  do {
    const page = await service.list(filter, PAGE, after);
    nodes.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after && nodes.length < MAX_ROWS);
  const campaigns = new Map((await ctx.em.find(Campaign, { id: { $in: [...new Set(nodes.map((n) => n.campaign.id))] } })).map((c) => [c.id, c.name]));
  const agentIds = [...new Set(nodes.flatMap((n) => (n.agent ? [n.agent.id] : [])))];
  const agents = new Map((await ctx.em.find(User, { id: { $in: agentIds } })).map((u) => [u.id, u.name]));
  const header = ['id', 'campaign', 'state', 'closeReason', 'contactName', 'contactEmail', 'customFieldValue', 'agent', 'queuedAt', 'answeredAt', 'closedAt', 'holdSeconds', 'outOfHours', 'origin', 'rating', 'feedbackNote', 'qualityScore'];
  return csv(
    header,
    nodes.map((n) => [
      n.id,
      campaigns.get(n.campaign.id),
      n.state,
      n.closeReason,
      n.contact.name,
      n.contact.email,
      n.contact.customFieldValue,
      n.agent ? agents.get(n.agent.id) : null,
      n.queuedAt,
      n.answeredAt,
      n.closedAt,
      n.holdSeconds,
      n.outOfHours,
      n.origin,
      n.feedback?.rating,
      n.feedback?.note,
      n.qualityScore,
    ]),
  );
}

/** `GET /exports/stats.csv?campaignId&from&to&interval` and `GET /exports/recordings.csv?` with the recordings filters. */
export function mountExports(app: Express, deps: AppDeps): void {
  app.get('/exports/stats.csv', exportRoute(deps, 'parley-statistics.csv', statsCsv));
  app.get('/exports/recordings.csv', exportRoute(deps, 'parley-recordings.csv', recordingsCsv));
}
