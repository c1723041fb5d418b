import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildParleySchema } from './schema';
import { CLOSE_FORBIDDEN } from './socket-registry';
import { conversationApi } from '../testing/conversation-fixtures';
import { mutationCases, type FuzzCase } from '../testing/fuzz-cases';
import { FuzzWorld } from '../testing/fuzz-world';
import { graphql } from '../testing/graphql-client';
import { Transports } from '../testing/graphql-transports';
import { Random, seedFromEnvironment } from '../testing/seeded-random';
import { hostileRoundTrip } from '../testing/hostile-round-trip';

/** CI runs this seed and a new one each time; FUZZ_SEED=<n> replays a run's second seed. */
const DEFAULT_SEED = 20_261_101;
/** Per mutation and seed; FUZZ_CASES=<n> searches longer. */
const CASES_PER_MUTATION = Number(process.env.FUZZ_CASES) || 24;
const PARALLEL_CALLS = 6;
/** A call still unanswered after this long is a failure of its own (a hung resolver or socket). */
const ANSWER_WITHIN_MS = 30_000;

const CONTRACT_FILE = path.resolve(__dirname, '../../../schema/contract.graphql');
/** Apollo's codes for a request that never reached a resolver: unparsable, invalid, or not GraphQL over HTTP at all. */
const REQUEST_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE'];

/** The codes the contract lists in its header ("Errors carry `extensions.code`: ..."). */
function contractCodes(): string[] {
  const header = /Errors carry `extensions\.code`:([^.]+)\./.exec(readFileSync(CONTRACT_FILE, 'utf8').replace(/\n#\s*/g, ' '));
  if (!header?.[1]) throw new Error(`${CONTRACT_FILE} no longer lists the error codes`);
  return header[1].split(',').map((code) => code.trim());
}
const ALLOWED_CODES = new Set([...contractCodes(), ...REQUEST_CODES]);

interface Answer {
  /** The call got no answer at all: the reason. */
  readonly failure?: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly closedWith?: number;
}

interface AnswerError {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown };
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** What is wrong with an answer, by the fuzz's properties; empty when nothing is. */
function problemsOf(answer: Answer, fuzzCase: FuzzCase): string[] {
  if (answer.failure !== undefined) return [answer.failure];
  // A token that an earlier call revoked (logout, a new password or role) closes its socket, as ws-server.ts documents.
  if (answer.closedWith !== undefined) return answer.closedWith === CLOSE_FORBIDDEN ? [] : [`the socket closed with ${answer.closedWith} instead of answering`];
  if (answer.status !== undefined && answer.status >= 500) return [`HTTP ${answer.status}`];
  // express refuses a body over its 1 MB limit, or one that is not JSON, with a page of its own before GraphQL sees it.
  if (answer.status === 413 && Buffer.byteLength(fuzzCase.body) > 1024 * 1024) return [];
  if (answer.status === 400 && !isJson(fuzzCase.body)) return [];
  const body = answer.body as { data?: unknown; errors?: AnswerError[] } | undefined;
  if (!body || typeof body !== 'object') return [`HTTP ${answer.status}: not a GraphQL answer: ${(answer.text ?? '').slice(0, 200)}`];
  if (!Array.isArray(body.errors)) return body.data ? [] : ['neither data nor errors'];
  return body.errors.flatMap((error) => {
    const code = error.extensions?.code;
    const message = typeof error.message === 'string' ? error.message : '';
    if (message.trim() === '') return [`an error without a message (${String(code)})`];
    if (code === 'INTERNAL_SERVER_ERROR') return [`INTERNAL_SERVER_ERROR: ${message}`];
    if (typeof code !== 'string' || !ALLOWED_CODES.has(code)) return [`code ${JSON.stringify(code)} is not one of the contract's: ${message}`];
    const field = error.extensions?.field;
    if (typeof field === 'string') {
      const first = /^[^.[]*/.exec(field)?.[0] ?? '';
      return fuzzCase.fieldNames.includes(first) ? [] : [`extensions.field "${field}" names no argument or input field of ${fuzzCase.mutation}: ${message}`];
    }
    // GraphQL's own refusal of a variable's value names the variable, and the path inside it.
    const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
    if (code === 'BAD_USER_INPUT' && !(variable && fuzzCase.fieldNames.includes(variable))) return [`BAD_USER_INPUT without naming the field: ${message}`];
    return [];
  });
}

/** What an answer amounts to, for the run's summary. */
function outcomeOf(answer: Answer): string {
  if (answer.failure !== undefined) return 'no answer';
  if (answer.closedWith !== undefined) return `closed ${answer.closedWith}`;
  const body = answer.body as { data?: unknown; errors?: AnswerError[] } | undefined;
  const code = body?.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  return body?.data ? 'data' : `HTTP ${answer.status}`;
}

/** Long strings shortened, so a failing case prints in a few lines. */
const shortened = (text: string) =>
  text.replace(/((?:[^"\\]|\\.){80})(?:[^"\\]|\\.){40,}/g, (_whole, start: string) => `${start}…`).slice(0, 1500);

describe('mutation fuzz: hostile and malformed input to every mutation', () => {
  // Limits out of the way: the fuzz is about what the API does with the input, not how often it may be sent.
  const stack = conversationApi({ RATE_LIMIT_OFFLINE_MESSAGE: '100000', RATE_LIMIT_START_CHAT: '100000', RATE_LIMIT_VISITOR_MESSAGE: '100000', RATE_LIMIT_VISITOR: '100000' });
  let schema: GraphQLSchema;
  let world: FuzzWorld;
  let transports: Transports;

  before(async () => {
    schema = await buildParleySchema();
    world = await FuzzWorld.build(stack.api.url, stack.databaseUrl);
    transports = new Transports(stack.api.url);
  });
  after(() => transports?.close());

  it('stores hostile text as text and gives it back exactly, trimmed only where documented', async () => {
    await hostileRoundTrip(stack.api.url, stack.fx.admin, stack.databaseUrl);
  });

  async function send(fuzzCase: FuzzCase): Promise<Answer> {
    const token = world.token(fuzzCase.reader);
    if (fuzzCase.transport === 'ws') {
      const answer = await transports.request('ws', fuzzCase.query, fuzzCase.variables, token);
      return answer.closedWith !== undefined ? { closedWith: answer.closedWith } : { body: answer };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${stack.api.url}/graphql`, { method: 'POST', headers, body: fuzzCase.body });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown, text };
    } catch {
      return { status: response.status, text };
    }
  }

  async function runCases(cases: readonly FuzzCase[]): Promise<{ fuzzCase: FuzzCase; answer: Answer; problems: string[] }[]> {
    const results: { fuzzCase: FuzzCase; answer: Answer; problems: string[] }[] = [];
    let next = 0;
    const worker = async () => {
      for (let fuzzCase = cases[next++]; fuzzCase; fuzzCase = cases[next++]) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<Answer>((resolve) => (timer = setTimeout(() => resolve({ failure: `no answer within ${ANSWER_WITHIN_MS} ms` }), ANSWER_WITHIN_MS)));
        const answer = await Promise.race([send(fuzzCase).catch((error: unknown): Answer => ({ failure: `the request failed: ${String(error)}` })), deadline]);
        clearTimeout(timer);
        results.push({ fuzzCase, answer, problems: problemsOf(answer, fuzzCase) });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_CALLS }, worker));
    return results;
  }

  for (const [round, seed] of [
    ['the fixed seed', DEFAULT_SEED],
    ['a new seed', seedFromEnvironment()],
  ] as const) {
    it(`answers every mutation with data or coded, explained refusals, never a 500 (${round}: FUZZ_SEED=${seed})`, async (t) => {
      t.diagnostic(`FUZZ_SEED=${seed}`);
      const random = new Random(seed);
      const mutations = Object.values((schema.getType('Mutation') as GraphQLObjectType).getFields());
      const failures: string[] = [];
      let calls = 0;
      const outcomes = new Map<string, number>();
      for (const field of mutations) {
        const cases = mutationCases(field, CASES_PER_MUTATION, random.fork(field.name), world);
        for (const { fuzzCase, answer, problems } of await runCases(cases)) {
          outcomes.set(outcomeOf(answer), (outcomes.get(outcomeOf(answer)) ?? 0) + 1);
          calls += 1;
          for (const problem of problems) {
            failures.push(
              [
                `${field.name} case ${fuzzCase.index} (${fuzzCase.kind}) as ${fuzzCase.reader} over ${fuzzCase.transport}: ${problem}`,
                `  request: ${shortened(fuzzCase.transport === 'ws' ? JSON.stringify({ query: fuzzCase.query, variables: fuzzCase.variables }) : fuzzCase.body)}`,
                `  answer: ${shortened(JSON.stringify(answer.body ?? answer.text ?? answer))}`,
              ].join('\n'),
            );
          }
        }
        await world.heal();
      }
      t.diagnostic(`${calls} calls to ${mutations.length} mutations: ${[...outcomes].map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`);
      const replay = `FUZZ_SEED=${seed} node scripts/test.mjs mutation-fuzz`;
      assert.equal(failures.length, 0, `${failures.length} of ${calls} answers break the properties (replay: ${replay}):\n${failures.slice(0, 12).join('\n')}`);
    });
  }

  it('is still up, and logged no unexpected error', async () => {
    const answer = await graphql<{ __typename: string }>(stack.api.url, '{ __typename }');
    assert.equal(answer.data?.__typename, 'Query');
    const unexpected = stack.api
      .output()
      .split('\n')
      .filter((line) => /unexpected error|"level":60|Unhandled|uncaught/i.test(line));
    assert.deepEqual(unexpected.map((line) => line.slice(0, 600)), []);
  });
});
