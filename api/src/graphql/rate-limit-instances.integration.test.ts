import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { ok } from '../testing/graphql-client';
import { Transports, type Answer } from '../testing/graphql-transports';

const LIMITS = { RATE_LIMIT_API_KEY: '6', RATE_LIMIT_START_CHAT: '5', RATE_LIMIT_VISITOR: '5', RATE_LIMIT_VISITOR_MESSAGE: '3' };

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'ok';

describe('rate limits shared by two API instances, through Redis and PostgreSQL', () => {
  let db: TestDatabase;
  let instances: ApiProcess[] = [];
  let transports: Transports[] = [];
  let fx: ConversationFixture;
  // Started before the test of chat starts spends the IP's budget: one of its 5 starts.
  let budgeted: Awaited<ReturnType<ConversationFixture['started']>>;
  before(async () => {
    db = await createTestDatabase();
    const first = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, ...LIMITS } });
    const second = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { ...ADMIN_ENV, ...LIMITS } });
    instances = [first, second];
    transports = instances.map((instance) => new Transports(instance.url));
    fx = await ConversationFixture.connect(first.url);
    const campaign = await fx.campaign();
    await fx.setState(await fx.agent([campaign.id]), 'AVAILABLE');
    budgeted = await fx.started(campaign.key, 'Ada');
  });
  after(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await Promise.all(instances.map((instance) => instance.stop()));
    await db?.drop();
  });

  it('holds an API key to its limit across instances and transports: requests alternating between them are refused at the limit', async () => {
    const { createApiKey } = await ok<{ createApiKey: { key: string } }>(instances[0]!.url, 'mutation { createApiKey(name: "Shared", scopes: [CAMPAIGNS_READ]) { key } }', {}, { token: fx.admin });
    const codes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      // First instance over HTTP, second over graphql-ws, in turn.
      codes.push(codeOf(await transports[i % 2]!.request(i % 2 === 0 ? 'http' : 'ws', '{ campaigns { id } }', {}, createApiKey.key)));
    }
    assert.deepEqual(codes, [...Array<string>(6).fill('ok'), ...Array<string>(4).fill('RATE_LIMITED')]);
  });

  it("holds chat starts per client IP and a visitor session's operations across instances", async () => {
    const campaign = await fx.campaign();
    await fx.setState(await fx.agent([campaign.id]), 'AVAILABLE');
    const start = `mutation($input: StartChatInput!) { startChat(input: $input) { token interaction { id } } }`;
    const starts: Answer[] = [];
    for (let i = 0; i < 6; i += 1) starts.push(await transports[i % 2]!.request('http', start, { input: { campaignKey: campaign.key, name: `Visitor ${i}` } }, undefined));
    assert.deepEqual(starts.map(codeOf), ['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);

    const chat = (starts[0]?.data as { startChat: { token: string; interaction: { id: string } } }).startChat;
    const read = 'query($id: ID!) { interaction(id: $id) { id } }';
    const reads: string[] = [];
    for (let i = 0; i < 8; i += 1) reads.push(codeOf(await transports[i % 2]!.request(i % 4 < 2 ? 'http' : 'ws', read, { id: chat.interaction.id }, chat.token)));
    assert.deepEqual(reads, ['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it("holds a chat to its budget of customer messages across instances and transports, storing only those accepted", async () => {
    const chat = budgeted;
    const send = 'mutation($id: ID!, $clientId: ID!, $text: String) { sendMessage(interactionId: $id, clientId: $clientId, text: $text) { seq } }';
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i += 1) {
      // First instance over HTTP, second over graphql-ws, in turn.
      answers.push(await transports[i % 2]!.request(i % 2 === 0 ? 'http' : 'ws', send, { id: chat.interaction.id, clientId: `budget-${i}`, text: `m${i}` }, chat.token));
    }
    assert.deepEqual(answers.map(codeOf), ['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    const wait = (answers[3]?.errors?.[0]?.extensions as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    assert.ok(typeof wait === 'number' && wait >= 1 && wait <= 120, `the wait is given: ${String(wait)}`);
    const read = 'query($id: ID!) { interaction(id: $id) { messages { text sender { kind } } } }';
    const { interaction } = await ok<{ interaction: { messages: { text: string; sender: { kind: string } }[] } }>(instances[1]!.url, read, { id: chat.interaction.id }, { token: fx.admin });
    assert.deepEqual(interaction.messages.filter((m) => m.sender.kind === 'CONTACT').map((m) => m.text), ['m0', 'm1', 'm2']);
  });
});
