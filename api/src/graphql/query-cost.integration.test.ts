import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { Transports, type Answer, type Transport } from '../testing/graphql-transports';

const TRANSPORTS: readonly Transport[] = ['http', 'ws'];
const MESSAGES_OF_CHATS = 'query($n: Int) { interactions(first: $n) { edges { node { id messages { id } } } } }';

const refusal = (answer: Answer) => {
  const error = answer.errors?.[0] as { message: string; extensions?: { code?: string; field?: string } } | undefined;
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
};

describe('query cost and page sizes, over HTTP and graphql-ws', () => {
  const stack = conversationApi({ GRAPHQL_MAX_COST: '1000' });
  let transports: Transports;
  before(() => {
    transports = new Transports(stack.api.url);
  });
  after(async () => {
    await transports.close();
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}: refuses an operation whose lists would cost more than GRAPHQL_MAX_COST, sized by its variables`, async () => {
      // interactions(first: n) × (node, id, messages × 20 ids): 10 cost 232, 100 cost 2302.
      const cheap = await transports.request(transport, MESSAGES_OF_CHATS, { n: 10 }, stack.fx.admin);
      assert.equal(cheap.errors, undefined, JSON.stringify(cheap.errors));
      assert.ok(cheap.data?.interactions);
      const costly = await transports.request(transport, MESSAGES_OF_CHATS, { n: 100 }, stack.fx.admin);
      assert.equal(costly.data ?? null, null);
      const refused = refusal(costly);
      assert.equal(refused.code, 'BAD_USER_INPUT');
      assert.match(refused.message ?? '', /cost about 2302, above the limit of 1000/);
    });

    it(`${transport}: refuses a page size above its cap with BAD_USER_INPUT naming the argument, before anything runs`, async () => {
      // Anonymous: the service would answer UNAUTHENTICATED; the cap is checked first, whoever asks.
      assert.deepEqual(refusal(await transports.request(transport, '{ interactions(first: 101) { totalCount } }', {}, undefined)), {
        code: 'BAD_USER_INPUT',
        field: 'first',
        message: 'first: must be from 1 to 100',
      });
      const auditLog = 'query($n: Int) { auditLog(first: $n) { id } }';
      assert.equal(refusal(await transports.request(transport, auditLog, { n: 501 }, stack.fx.admin)).field, 'first');
      assert.equal(refusal(await transports.request(transport, auditLog, { n: 0 }, stack.fx.admin)).field, 'first');
      const atCap = await transports.request(transport, auditLog, { n: 500 }, stack.fx.admin);
      assert.equal(atCap.errors, undefined, JSON.stringify(atCap.errors));
    });
  }

  it('answers refusals over HTTP with status 400', async () => {
    const response = await fetch(`${stack.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.fx.admin}` },
      body: JSON.stringify({ query: MESSAGES_OF_CHATS, variables: { n: 100 } }),
    });
    assert.equal(response.status, 400);
    const capped = await fetch(`${stack.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ spySessions(first: 501) { id } }' }) });
    assert.equal(capped.status, 400);
  });
});
