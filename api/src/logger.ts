import pino from 'pino';

export type Logger = pino.Logger;

/** Fields of a database error that carry statements or stored values: customer text, emails, names. */
const STATEMENT_FIELDS = ['detail', 'where', 'internalQuery', 'query', 'sql', 'parameters', 'params', 'bindings', 'sqlMessage', 'errmsg', 'hint'];

/**
 * Errors as pino logs them, except that a database error keeps only what
 * names the failure (its class, SQLSTATE, constraint and table) and never the
 * statement or values in its message, detail or stack: customer messages and
 * personal data stay out of logs.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const isDatabaseError = typeof error === 'object' && error !== null && ('sqlState' in error || 'severity' in error || /Exception$/.test(String(serialized.type)));
  if (!isDatabaseError) return serialized;
  const message = String(serialized.message ?? '');
  // MikroORM's message is "<statement> - <PostgreSQL's message>"; PostgreSQL's own names no values (those are in `detail`).
  const reason = message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message.length > 200 ? 'database error' : message;
  const kept: Record<string, unknown> = { ...serialized, message: reason, stack: String(serialized.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at ')).join('\n') };
  for (const field of STATEMENT_FIELDS) delete kept[field];
  return kept;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'parley-api' },
    serializers: { err: loggableError },
    redact: ['req.headers.authorization', '*.password', '*.token'],
  });
}
