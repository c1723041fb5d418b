import 'reflect-metadata';
import { AccessCache } from './auth/access-cache';
import { AuthService } from './auth/auth.service';
import { ConfigError, loadConfig, type Config } from './config';
import { createDemoData, DEMO_LOGINS } from './db/demo-data';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { migrate, withStartupLock } from './db/migrate';
import { initOrm, type Orm } from './db/orm';
import type { AppDeps } from './graphql/context';
import { startHttpServer } from './graphql/http-server';
import { createParleyPubSub } from './graphql/pubsub';
import { buildParleySchema } from './graphql/schema';
import { createWidgetLimits, MemoryRateLimitStore, type RateLimitStore } from './graphql/rate-limit';
import { OperationRateLimiter } from './graphql/rate-limit-operations';
import { RedisRateLimitStore } from './graphql/rate-limit-redis';
import { createLogger, type Logger } from './logger';
import { startDeadlineWorker } from './deadlines/deadline-worker';
import { startMedia, type Media } from './media/media';
import { startMediaSweeper } from './media/media-sweeper';

/** Composition root: config -> database -> migrations -> pub/sub -> media server -> schema -> HTTP and WebSocket. */
async function main(config: Config, logger: Logger): Promise<void> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, logger);
    databaseUrl = embedded.url;
  }
  const orm = await initOrm(databaseUrl, (message) => logger.debug({ orm: message }, 'orm'));
  const now = () => new Date();
  await withStartupLock(databaseUrl, async () => {
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    if (config.admin) {
      const admin = await new AuthService(orm.em.fork(), now).ensureFirstAdmin(config.admin);
      if (admin) logger.info({ email: admin.email }, 'first admin created');
    }
    if (config.demo && (await createDemoData(orm.em.fork(), now))) logger.info('demo data created');
  });

  const [database] = await orm.em.getConnection().execute<{ name: string }[]>('select current_database() as name');
  const deployment = database?.name ?? 'parley';
  const pubSub = createParleyPubSub(config.redisUrl, logger, deployment);
  // Joined before serving anyone (see peer-instances.ts); meanwhile the rest starts.
  const joined = pubSub.start();
  const access = new AccessCache(orm, pubSub.pubSub, logger, now, config.accessCacheSeconds * 1000);
  pubSub.onReconnect(() => access.clear());
  const rateLimiter = new OperationRateLimiter(await rateLimitStore(config, deployment, logger), config.rateLimits);
  const media = await startMedia(config, logger).catch((err: unknown) => {
    logger.error({ err }, 'Janus could not be started: calls and screen monitoring are off');
    return undefined;
  });
  const deps: AppDeps = { config, logger, orm, pubSub: pubSub.pubSub, now, limits: createWidgetLimits(config.rateLimits), rateLimiter, access, media };
  const schema = await buildParleySchema(pubSub.pubSub);
  await joined;
  const http = await startHttpServer(schema, deps);
  const deadlines = startDeadlineWorker(deps);
  const sweeper = media && startMediaSweeper(deps, media);
  logger.info({ port: http.port, redis: config.redisUrl !== undefined, embeddedPostgres: embedded !== undefined, media: media?.label ?? 'off' }, 'Parley API listening');
  if (config.demo) printWelcome(config, http.port, media);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    pubSub.leave();
    await deadlines.stop();
    await sweeper?.stop();
    await http.close().catch((err: unknown) => logger.error({ err }, 'closing HTTP'));
    await media?.close().catch((err: unknown) => logger.error({ err }, 'stopping Janus'));
    access.close();
    await rateLimiter.close();
    await pubSub.close();
    await orm.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Counters in Redis, shared by the instances of one database (its name keeps deployments on one Redis apart); in memory without Redis. */
async function rateLimitStore(config: Config, deployment: string, logger: Logger): Promise<RateLimitStore> {
  if (config.redisUrl === undefined) return new MemoryRateLimitStore();
  const store = new RedisRateLimitStore(config.redisUrl, deployment, logger);
  await store.connected();
  return store;
}

function printWelcome(config: Config, port: number, media: Media | undefined): void {
  const base = config.publicUrl;
  const lines = [
    '',
    `  Parley is running on port ${port}`,
    `    Console     ${base}/`,
    `    Demo site   ${base}/demo`,
    `    GraphQL     ${base}/graphql`,
    '',
    media ? `  Calls: on (${media.label})` : "  Calls: off — install Debian's janus package to turn them on",
    '',
    '  Demo logins:',
    ...DEMO_LOGINS.map((login) => `    ${login.role.padEnd(11)} ${login.email.padEnd(26)} ${login.password}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
main(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'Parley API failed to start');
  process.exit(1);
});
