import { timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../auth/token';
import type { AppDeps } from '../graphql/context';

let runningOperations: () => number = () => 0;

/** This process's Prometheus metrics; the parts of the API that count write to them. */
export const metrics = (() => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_process_' });
  return {
    registry,
    messages: new Counter({ name: 'parley_messages_total', help: 'Messages stored, by sender kind', labelNames: ['sender'] as const, registers: [registry] }),
    routing: new Histogram({
      name: 'parley_routing_seconds',
      help: 'Time of one routing run of a campaign (lock, decide, assign, commit)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    leanGraphQLRequests: new Counter({ name: 'parley_graphql_lean_requests_total', help: 'GraphQL requests over HTTP answered without the Apollo pipeline', registers: [registry] }),
    connections: new Gauge({ name: 'parley_websocket_connections', help: 'Open graphql-ws connections', registers: [registry] }),
    operations: new Gauge({
      name: 'parley_websocket_operations',
      help: 'Subscriptions and running operations on open connections',
      registers: [registry],
      collect() {
        this.set(runningOperations());
      },
    }),
    /** The WebSocket server tells how to count its running operations. */
    countOperationsWith(count: () => number) {
      runningOperations = count;
    },
  };
})();

const sameSecret = (given: string, expected: string) => given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * `/metrics` in Prometheus' text format, behind `METRICS_TOKEN` (a bearer
 * token) when it is set. Queue lengths and the outbox backlog are read from
 * the database at scrape time, so every instance reports the same figures.
 */
export function mountMetrics(app: Express, deps: AppDeps): void {
  const queue = new Gauge({
    name: 'parley_queue_waiting',
    help: 'Chats waiting for an agent, by campaign',
    labelNames: ['campaign'] as const,
    registers: [metrics.registry],
    async collect() {
      const rows = await deps.orm.em.fork().getConnection().execute<{ campaign: string; waiting: string }[]>(
        `select c.name as campaign, count(i.id) as waiting from campaigns c left join interactions i on i.campaign_id = c.id and i.state in ('QUEUED', 'OFFERED') group by c.id, c.name`,
      );
      this.reset();
      for (const row of rows) this.set({ campaign: row.campaign }, Number(row.waiting));
    },
  });
  const outbox = new Gauge({
    name: 'parley_outbox_backlog',
    help: 'Offline-message emails not sent yet',
    registers: [metrics.registry],
    async collect() {
      const [row] = await deps.orm.em.fork().getConnection().execute<{ count: string }[]>('select count(*) as count from outbox_emails where sent_at is null');
      this.set(Number(row?.count ?? 0));
    },
  });
  app.get('/metrics', async (req, res) => {
    const token = deps.config.metricsToken;
    if (token !== undefined && !sameSecret(bearerToken(req.headers.authorization) ?? '', token)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').type('text/plain').send('A bearer token is required');
      return;
    }
    try {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (err) {
      deps.logger.warn({ err }, 'metrics collection failed');
      res.status(503).type('text/plain').send('metrics unavailable');
    }
  });
  void queue;
  void outbox;
}
