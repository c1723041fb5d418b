import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';

const METRICS_TOKEN = 'lean-http-metrics-token-0123456789';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One exchange with nothing decoded, so the comparison sees what went on the wire. */
function exchange(url: string, headers: Record<string, string>, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Everything but the clock. */
const comparable = (response: RawResponse) => {
  const { date: _date, ...headers } = response.headers;
  return { status: response.status, headers, body: response.body.toString('latin1') };
};

describe('GraphQL over HTTP without the Apollo pipeline', () => {
  const stack = conversationApi({ METRICS_TOKEN, RATE_LIMIT_VISITOR: '6' });

  const leanCount = async (): Promise<number> => {
    const text = await (await fetch(`${stack.api.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(/^parley_graphql_lean_requests_total (\d+)$/m.exec(text)?.[1]);
  };

  /**
   * Sends the same request as `application/json` (which the lean path may take) and as
   * `application/json;charset=utf-8` (which it leaves to Apollo, as express.json reads both the same),
   * and returns both answers and whether the lean path answered the first.
   */
  async function bothWays(body: string, headers: Record<string, string> = {}, contentType = 'application/json', apolloContentType = 'application/json;charset=utf-8') {
    const before = await leanCount();
    const lean = await exchange(`${stack.api.url}/graphql`, { 'content-type': contentType, ...headers }, body);
    const between = await leanCount();
    const apollo = await exchange(`${stack.api.url}/graphql`, { 'content-type': apolloContentType, ...headers }, body);
    assert.equal(await leanCount(), between, 'the Apollo request must not take the lean path');
    return { lean, apollo, tookLean: between - before === 1 };
  }

  async function same(name: string, body: unknown, headers: Record<string, string> = {}, expectLean = true) {
    const { lean, apollo, tookLean } = await bothWays(typeof body === 'string' ? body : JSON.stringify(body), headers);
    assert.deepEqual(comparable(lean), comparable(apollo), name);
    assert.equal(tookLean, expectLean, `${name}: lean path ${expectLean ? 'expected' : 'not expected'}`);
    return lean;
  }

  it('answers byte for byte as Apollo does, and takes the lean path for plain requests', async () => {
    const { fx } = stack;
    const admin = { authorization: `Bearer ${fx.admin}` };
    const campaign = await fx.campaign({ name: 'Lean desk' });
    const agent = await fx.agent([campaign.id]);
    const asAgent = { authorization: `Bearer ${agent.token}` };
    await fx.setState(agent, 'PAUSED');

    // Successes: a query, a named operation among several, a mutation that changes nothing the second time, gzip.
    const campaigns = await same('query', { query: '{ campaigns { id key name enabled } }' }, admin);
    assert.equal(campaigns.status, 200);
    assert.match(campaigns.body.toString(), /Lean desk/);
    await same('named operation', { query: 'query A { campaigns { id } } query B { me { id } }', operationName: 'B' }, asAgent);
    await same('__typename', { query: '{ me { __typename id } }' }, asAgent);
    await same('operationName null, variables null', { query: '{ me { id name } }', operationName: null, variables: null }, asAgent);
    await same('idempotent mutation', { query: 'mutation($s: AgentState!) { setAgentState(state: $s) { state } }', variables: { s: 'PAUSED' } }, asAgent);
    for (let i = 0; i < 12; i += 1) await fx.campaign({ name: `Lean desk ${i} ${'x'.repeat(60)}` });
    const zipped = await same('compressed', { query: '{ campaigns { id key name enabled } }' }, { ...admin, 'accept-encoding': 'gzip' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    await same('CORS', { query: '{ me { id } }' }, { ...asAgent, origin: 'https://customer.example' });
    await same('accept JSON', { query: '{ me { id } }' }, { ...asAgent, accept: 'application/json' });

    // Refusals from resolvers: bad input, forbidden, not signed in, not found.
    await same('bad input', { query: 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }', variables: { input: validCampaignInput({ name: '' }) } }, admin);
    await same('forbidden', { query: 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }', variables: { input: validCampaignInput({ name: 'Not mine' }) } }, asAgent);
    await same('unauthenticated', { query: '{ campaigns { id } }' });
    await same('a token that is not one', { query: '{ me { id } }' }, { authorization: 'Bearer not-a-token' });
    await same('a site not allowed', { query: '{ me { id } }' }, { ...asAgent, origin: 'https://elsewhere.example' });
    await same('not found', { query: 'query($id: ID!) { interaction(id: $id) { id } }', variables: { id: '00000000-0000-4000-8000-000000000000' } }, admin);

    // Left to Apollo, and still the same answer: bad variables, parse and validation errors, size and cost,
    // introspection, batches, extensions, unreadable JSON, CSRF.
    await same('variables that do not coerce', { query: 'mutation($s: AgentState!) { setAgentState(state: $s) { state } }', variables: { s: 'SLEEPING' } }, asAgent, false);
    await same('parse error', { query: '{ me { id }' }, asAgent, false);
    await same('validation error', { query: '{ me { nope } }' }, asAgent, false);
    await same('unknown operation', { query: 'query A { me { id } }', operationName: 'B' }, asAgent, false);
    await same('too many aliases', { query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }, admin, false);
    await same('page over its size (cost check)', { query: '{ interactions(first: 1000) { totalCount } }' }, admin, false);
    await same('introspection', { query: '{ __schema { queryType { name } } }' }, admin, false);
    await same('type introspection', { query: '{ __type(name: "User") { name } }' }, admin, false);
    await same('batch', [{ query: '{ me { id } }' }], asAgent, false);
    await same('extensions', { query: '{ me { id } }', extensions: {} }, asAgent, false);
    await same('no query', { variables: {} }, asAgent, false);
    await same('unreadable JSON', '{"query": ', asAgent, false);
    await same('not an object', '"{ me { id } }"', asAgent, false);
    await same('empty body', '', asAgent, false);
    const csrf = await bothWays(JSON.stringify({ query: '{ me { id } }' }), asAgent, 'text/plain', 'text/plain;charset=utf-8');
    assert.deepEqual(comparable(csrf.lean), comparable(csrf.apollo));
    assert.equal(csrf.lean.status, 400);
    assert.equal(csrf.tookLean, false);
  });

  it('refuses over the rate limit as Apollo does, with the same status, Retry-After and body', async () => {
    const { fx } = stack;
    const campaign = await fx.campaign({ name: 'Lean limits' });
    const chat = await fx.started(campaign.key, 'Lee');
    const visitor = { authorization: `Bearer ${chat.token}` };
    const read = JSON.stringify({ query: 'query($id: ID!) { interaction(id: $id) { state } }', variables: { id: chat.interaction.id } });
    let limited: { lean: RawResponse; apollo: RawResponse; tookLean: boolean } | undefined;
    // The two answers name the wait in seconds: a second may tick between them, so a few pairs are tried.
    for (let i = 0; i < 20 && !(limited && limited.lean.status === 429 && limited.apollo.status === 429 && limited.lean.headers['retry-after'] === limited.apollo.headers['retry-after']); i += 1) {
      limited = await bothWays(read, visitor);
    }
    assert.ok(limited);
    assert.equal(limited.lean.status, 429, limited.lean.body.toString());
    assert.equal(limited.tookLean, true);
    assert.deepEqual(comparable(limited.lean), comparable(limited.apollo));
    assert.match(limited.lean.body.toString(), /RATE_LIMITED/);
  });
});
