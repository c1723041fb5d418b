import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { AUTHORIZATION_MATRIX, FIELD_MATRIX, MATRIX_FILE, READERS, SAME_FOR_ALL, type Reader, type Row } from './authorization-matrix';
import { buildParleySchema } from './schema';
import { fieldPaths, PROBES, requiredArgs, rootDocument, type Probe, type Target } from '../testing/authorization-probes';
import { buildWorld, type World } from '../testing/authorization-world';
import { conversationApi } from '../testing/conversation-fixtures';
import { Transports, type Answer, type Transport } from '../testing/graphql-transports';

const OPERATIONS = ['Query', 'Mutation', 'Subscription'] as const;
type Operation = (typeof OPERATIONS)[number];
const PROBES_FILE = 'api/src/testing/authorization-probes.ts';
/** Requests in flight at once. */
const PARALLEL_CALLS = 8;

const rootFields = (schema: GraphQLSchema, operation: Operation): Record<string, GraphQLField<unknown, unknown>> =>
  (schema.getType(operation) as GraphQLObjectType | undefined)?.getFields() ?? {};

const signature = (field: GraphQLField<unknown, unknown>) => (field.args.length ? `(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ')})` : '');

/** The message for a field without a row: where the row goes and its shape, each reader to be replaced by what they get. */
function rowToAdd(table: string, name: string, template: string, outcomes: string): string {
  return [`${table}.${name} has no row. Add it to ${table} in ${MATRIX_FILE}:`, `    ${name}: ${template}`, `with each reader replaced by its outcome: ${outcomes}.`].join('\n');
}

/** What differs between the schema and the table: rows to add, rows to remove. */
function coverageProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const operation of OPERATIONS) {
    const fields = rootFields(schema, operation);
    const rows = AUTHORIZATION_MATRIX[operation];
    for (const field of Object.values(fields)) {
      if (rows[field.name]) continue;
      const row = rowToAdd(`AUTHORIZATION_MATRIX.${operation}`, field.name, `on('<what the call aims at>', ${READERS.join(', ')}),`, 'ok (allowed), no (hidden) or the code it is refused with (UN, FB, NF, ...)');
      problems.push(`${row}\nThen give ${operation}.${field.name}${signature(field)} a probe in PROBES.${operation} of ${PROBES_FILE}.`);
    }
    for (const name of Object.keys(rows)) if (!fields[name]) problems.push(`AUTHORIZATION_MATRIX.${operation}.${name} in ${MATRIX_FILE} names no field of the schema: remove the row`);
  }
  for (const [typeName, rules] of Object.entries(FIELD_MATRIX)) {
    const type = schema.getType(typeName) as GraphQLObjectType | undefined;
    const fields = type?.getFields() ?? {};
    for (const name of Object.keys(fields)) {
      if ((rules as Record<string, unknown>)[name]) continue;
      problems.push(rowToAdd(`FIELD_MATRIX.${typeName}`, name, `ALL,  (every reader who reaches a ${typeName} sees it alike) or  seen(${READERS.join(', ')}),`, 'ok (sees it) or no'));
    }
    for (const name of Object.keys(rules)) if (!fields[name]) problems.push(`FIELD_MATRIX.${typeName}.${name} in ${MATRIX_FILE} names no field of the schema: remove the row`);
  }
  for (const operation of OPERATIONS) {
    for (const name of Object.keys(AUTHORIZATION_MATRIX[operation])) {
      if (!PROBES[operation][name]) problems.push(`${operation}.${name} has a row but no probe: add one to PROBES.${operation} in ${PROBES_FILE}`);
    }
    for (const name of Object.keys(PROBES[operation])) if (!AUTHORIZATION_MATRIX[operation][name]) problems.push(`PROBES.${operation}.${name} in ${PROBES_FILE} has no row: remove it`);
  }
  return problems;
}

describe('authorization matrix: the table and the schema', () => {
  it('has a row for every root field and every field of the types read per reader, a probe for every row, and nothing else', async () => {
    const problems = coverageProblems(await buildParleySchema());
    assert.equal(problems.length, 0, `\n${problems.join('\n\n')}`);
  });
});

/** Runs work with at most `limit` pieces in flight; the others wait their turn. */
function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** The outcome an answer amounts to, in the table's words; anything else says what came instead. */
function outcomeOf(answer: Answer, value: (data: Record<string, unknown>) => unknown, shows: (value: unknown) => boolean): string {
  if (answer.silent) return 'no event and no error';
  if (answer.closedWith !== undefined) return `the socket closed (${answer.closedWith})`;
  const error = answer.errors?.[0];
  if (error) return error.extensions?.code ?? `an error without a code: ${error.message}`;
  if (answer.accepted) return 'allowed';
  if (!answer.data) return 'no data';
  return shows(value(answer.data)) ? 'allowed' : 'hidden';
}

const populated = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** Every object in an answer, by its `__typename`. */
function objectsByType(value: unknown, found = new Map<string, Record<string, unknown>[]>()): Map<string, Record<string, unknown>[]> {
  if (Array.isArray(value)) value.forEach((item) => objectsByType(item, found));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.__typename === 'string') found.set(object.__typename, [...(found.get(object.__typename) ?? []), object]);
    Object.values(object).forEach((inner) => objectsByType(inner, found));
  }
  return found;
}

describe('authorization matrix: every reader calls every operation over HTTP and graphql-ws', () => {
  // Calls on: their rows make and join real media rooms.
  const stack = conversationApi({ RATE_LIMIT_OFFLINE_MESSAGE: '1000', RATE_LIMIT_START_CHAT: '5000' }, { media: true });
  let schema: GraphQLSchema;
  let world: World;
  let transports: Transports;

  before(async () => {
    schema = await buildParleySchema();
    world = await buildWorld(stack.api.url, stack.databaseUrl);
    transports = new Transports(stack.api.url);
  });
  after(() => transports?.close());

  /** Calls one root field as every reader over every transport, and lists where the answers differ from its row. */
  async function checkRow(operation: Operation, name: string, row: Row, slot: ReturnType<typeof limiter>): Promise<string[]> {
    const field = rootFields(schema, operation)[name];
    const probe: Probe | undefined = PROBES[operation][name];
    if (!field || !probe) return []; // the coverage test names it
    const document = rootDocument(operation, field, probe.select);
    const over: readonly Transport[] = operation === 'Subscription' ? ['ws'] : ['http', 'ws'];
    const calls = READERS.flatMap((reader) => over.map((transport) => ({ reader, transport })));

    const call = async (reader: Reader, transport: Transport, target: Target | undefined): Promise<{ difference?: string; succeeded: boolean }> => {
      const variables = probe.args?.(world, reader, target) ?? {};
      const missing = requiredArgs(field).filter((arg) => variables[arg] === undefined || variables[arg] === null);
      if (missing.length > 0) return { difference: `${operation}.${name}: its probe gives no ${missing.join(', ')} (${PROBES_FILE})`, succeeded: false };
      const caller = await probe.caller?.(world, reader, target);
      const token = caller ? caller.token : world.tokens[reader];
      const answer =
        operation === 'Subscription'
          ? await transports.firstEvent(document, variables, token, probe.prompt?.(world, reader))
          : await transports.request(transport, document, variables, token, caller?.once);
      const got = outcomeOf(answer, (data) => data[name], (value) => (probe.shows ? probe.shows(value, world, reader) : value !== null));
      const expected = row.outcomes[reader];
      const detail = answer.errors?.[0]?.message ?? JSON.stringify(answer.data ?? null).slice(0, 200);
      return {
        difference: got === expected ? undefined : `${operation}.${name} (${row.target}) as ${reader} over ${transport}: expected ${expected}, got ${got} — ${detail}`,
        succeeded: !answer.errors?.length && !answer.silent && answer.closedWith === undefined,
      };
    };

    if (!probe.fresh && !probe.caller) {
      // Subscriptions mostly wait for their event; rows that limit themselves do not queue behind the others.
      const gate = operation === 'Subscription' ? <T>(work: () => Promise<T>) => work() : probe.atOnce ? limiter(probe.atOnce) : slot;
      return (await Promise.all(calls.map(({ reader, transport }) => gate(() => call(reader, transport, undefined))))).flatMap((result) => result.difference ?? []);
    }
    // One at a time, a new target after each call that may have used it up; outside the shared limit, which would starve the chain.
    const differences: string[] = [];
    let target: Target | undefined;
    for (const { reader, transport } of calls) {
      if (probe.fresh && !target) target = await probe.fresh(world);
      const result = await call(reader, transport, target);
      if (result.difference) differences.push(result.difference);
      if (result.succeeded) target = undefined;
    }
    return differences;
  }

  it('answers every root field as its row in the table says', async () => {
    const slot = limiter(PARALLEL_CALLS);
    const rows = OPERATIONS.flatMap((operation) => Object.entries(AUTHORIZATION_MATRIX[operation]).map(([name, row]) => ({ operation, name, row })));
    const differences = (await Promise.all(rows.map(({ operation, name, row }) => checkRow(operation, name, row, slot)))).flat();
    assert.equal(differences.length, 0, `${differences.length} answers differ from ${MATRIX_FILE}:\n${differences.join('\n')}`);
  });

  it('shows the fields of Campaign, Interaction, Sender and User only to the readers their rows name', async () => {
    const paths = fieldPaths(schema);
    const calls = READERS.flatMap((reader) => (['http', 'ws'] as const).flatMap((transport) => paths.map((path) => ({ reader, transport, path }))));
    const slot = limiter(PARALLEL_CALLS);
    const answers = await Promise.all(calls.map(async (call) => ({ ...call, answer: await slot(() => transports.request(call.transport, call.path.document, call.path.variables(world), world.tokens[call.reader])) })));
    const differences: string[] = [];
    for (const reader of READERS) {
      for (const transport of ['http', 'ws'] as const) {
        const reached = new Map<string, { path: string; object: Record<string, unknown> }[]>();
        for (const { answer, path } of answers.filter((call) => call.reader === reader && call.transport === transport)) {
          // A refused path reaches nothing; an error inside an object is a fault of its own.
          const inner = answer.errors?.find((error) => (error.path?.length ?? 0) > 1);
          if (inner) differences.push(`${path.name} as ${reader} over ${transport}: ${inner.extensions?.code ?? ''} ${inner.message} at ${inner.path?.join('.')}`);
          if (answer.errors?.length || !answer.data) continue;
          for (const [type, objects] of objectsByType(answer.data)) reached.set(type, [...(reached.get(type) ?? []), ...objects.map((object) => ({ path: path.name, object }))]);
        }
        for (const [type, rules] of Object.entries(FIELD_MATRIX)) {
          for (const [fieldName, rule] of Object.entries(rules)) {
            if (rule === SAME_FOR_ALL) continue;
            const shownBy = (reached.get(type) ?? []).filter(({ object }) => populated(object[fieldName])).map(({ path }) => path);
            const got = shownBy.length > 0 ? 'allowed' : 'hidden';
            if (got !== rule[reader]) differences.push(`${type}.${fieldName} as ${reader} over ${transport}: expected ${rule[reader]}, got ${got}${shownBy.length ? ` through ${[...new Set(shownBy)].join(', ')}` : ''}`);
          }
        }
      }
    }
    assert.equal(differences.length, 0, `${differences.length} answers differ from FIELD_MATRIX in ${MATRIX_FILE}:\n${differences.join('\n')}`);
  });
});
