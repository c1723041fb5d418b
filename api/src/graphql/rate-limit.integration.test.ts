import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../testing/api-process';
import { conversationApi } from '../testing/conversation-fixtures';
import { ok } from '../testing/graphql-client';
import { Transports, type Answer, type Transport } from '../testing/graphql-transports';
import { waitFor } from '../testing/wait-for';

const CREATE_KEY = 'mutation($name: String!) { createApiKey(name: $name, scopes: [CAMPAIGNS_READ]) { key } }';

const outcome = (answer: Answer) => {
  const error = answer.errors?.[0] as { extensions?: { code?: string; retryAfterSeconds?: number } } | undefined;
  return error ? { code: error.extensions?.code, retryAfterSeconds: error.extensions?.retryAfterSeconds } : 'ok';
};

describe('widget rate limits', () => {
  const stack = conversationApi({ RATE_LIMIT_START_CHAT: '3', RATE_LIMIT_VISITOR_MESSAGE: '4' });

  it('refuses a flood of chat starts and visitor messages with RATE_LIMITED, losing nothing accepted', async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.agent([campaign.id]).then((a) => stack.fx.setState(a, 'AVAILABLE'));
    const starts = await Promise.all(Array.from({ length: 5 }, (_, i) => stack.fx.start(campaign.key, `Flood ${i}`, { email: `flood${i}@example.test` })));
    assert.equal(starts.filter((s) => s.data).length, 3);
    assert.deepEqual(
      starts.filter((s) => s.errors).map((s) => s.errors?.[0]?.extensions?.code),
      ['RATE_LIMITED', 'RATE_LIMITED'],
    );
    const chat = starts.find((s) => s.data)?.data?.startChat;
    assert.ok(chat);
    const sends = [];
    for (let i = 0; i < 6; i += 1) sends.push(await stack.fx.send(chat.interaction.id, chat.token, `m${i}`));
    assert.equal(sends.filter((s) => s.data).length, 4);
    assert.equal(sends.at(-1)?.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
    const stored = await stack.fx.interaction(chat.interaction.id);
    assert.deepEqual(stored?.messages.filter((m) => m.sender.kind === 'CONTACT').map((m) => m.text), ['m0', 'm1', 'm2', 'm3']);
  });
});

describe('rate limits per API key and visitor session, over HTTP and graphql-ws', () => {
  const stack = conversationApi({ RATE_LIMIT_API_KEY: '5', RATE_LIMIT_VISITOR: '4', RATE_LIMIT_VISITOR_MESSAGE: '2' });
  let transports: Transports;
  before(() => {
    transports = new Transports(stack.api.url);
  });
  after(async () => {
    await transports.close();
  });
  const apiKey = async () => (await ok<{ createApiKey: { key: string } }>(stack.api.url, CREATE_KEY, { name: `Key ${Math.random()}` }, { token: stack.fx.admin })).createApiKey.key;
  const visitor = async () => {
    const campaign = await stack.fx.campaign();
    await stack.fx.setState(await stack.fx.agent([campaign.id]), 'AVAILABLE');
    return stack.fx.started(campaign.key, 'Ada');
  };

  it('counts every operation of an API key on both transports together, then answers RATE_LIMITED with the wait', async () => {
    const key = await apiKey();
    const other = await apiKey();
    const transportOf = (i: number): Transport => (i % 2 === 0 ? 'http' : 'ws');
    for (let i = 0; i < 5; i += 1) assert.equal(outcome(await transports.request(transportOf(i), '{ campaigns { id } }', {}, key)), 'ok', `operation ${i}`);
    for (const transport of ['http', 'ws'] as const) {
      const refused = outcome(await transports.request(transport, '{ campaigns { id } }', {}, key));
      assert.ok(typeof refused === 'object' && refused.code === 'RATE_LIMITED', `${transport}: ${JSON.stringify(refused)}`);
      assert.ok(refused.retryAfterSeconds !== undefined && refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 120, `${transport}: ${JSON.stringify(refused)}`);
    }
    assert.equal(outcome(await transports.request('http', '{ campaigns { id } }', {}, other)), 'ok', 'another key has its own count');
    const response = await fetch(`${stack.api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ campaigns { id } }' }) });
    assert.equal(response.status, 429);
    assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
  });

  it('counts each aliased root field as an operation', async () => {
    const key = await apiKey();
    const six = await transports.request('http', '{ a: campaigns { id } b: campaigns { id } c: campaigns { id } d: campaigns { id } e: campaigns { id } f: campaigns { id } }', {}, key);
    assert.equal((outcome(six) as { code?: string }).code, 'RATE_LIMITED', 'more root fields than the limit at once');
    assert.equal(outcome(await transports.request('http', '{ a: campaigns { id } b: campaigns { id } c: campaigns { id } d: campaigns { id } e: campaigns { id } }', {}, key)), 'ok');
    assert.equal((outcome(await transports.request('ws', '{ campaigns { id } }', {}, key)) as { code?: string }).code, 'RATE_LIMITED');
  });

  it('counts every operation of a visitor session, subscriptions included, with its messages on a budget of their own', async () => {
    const chat = await visitor();
    const read = 'query($id: ID!) { interaction(id: $id) { id } }';
    assert.equal(outcome(await transports.request('http', read, { id: chat.interaction.id }, chat.token)), 'ok');
    assert.equal(outcome(await transports.request('ws', read, { id: chat.interaction.id }, chat.token)), 'ok');
    const typing = await transports.firstEvent('subscription($id: ID!) { typing(interactionId: $id) { typing } }', { id: chat.interaction.id }, chat.token, { channel: `TYPING:${chat.interaction.id}` });
    assert.equal(typing.accepted, true, JSON.stringify(typing));
    assert.equal(outcome(await transports.request('http', 'mutation($id: ID!) { setTyping(interactionId: $id, typing: true) }', { id: chat.interaction.id }, chat.token)), 'ok');
    for (const transport of ['http', 'ws'] as const) {
      assert.equal((outcome(await transports.request(transport, read, { id: chat.interaction.id }, chat.token)) as { code?: string }).code, 'RATE_LIMITED', transport);
    }
    const refusedSubscription = await transports.firstEvent('subscription($id: ID!) { typing(interactionId: $id) { typing } }', { id: chat.interaction.id }, chat.token, undefined);
    assert.equal(refusedSubscription.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
    const send = (text: string) => stack.fx.send(chat.interaction.id, chat.token, text);
    assert.ok((await send('one')).data);
    assert.ok((await send('two')).data);
    assert.equal((await send('three')).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
  });

  it('never limits staff sessions', async () => {
    for (let i = 0; i < 12; i += 1) assert.equal(outcome(await transports.request(i % 2 === 0 ? 'http' : 'ws', '{ campaigns { id } }', {}, stack.fx.admin)), 'ok', `operation ${i}`);
  });

  it("costs a limited operation one Redis round trip, and a staff operation and a visitor's message none", async () => {
    const namespace = `parley:rate:{${new URL(stack.databaseUrl).pathname.slice(1)}}:`;
    const client = new Redis(TEST_REDIS_URL);
    const monitor = await new Redis(TEST_REDIS_URL).monitor();
    // Commands sent by clients (not those a script runs) that name this API's counters, and the test's markers, in the order Redis ran them.
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua' && args.some((arg) => arg.startsWith(namespace))) seen.push(args[0]?.toLowerCase() === 'echo' ? String(args[1]).slice(namespace.length) : String(args[0]).toLowerCase());
    });
    try {
      const key = await apiKey();
      const chat = await visitor();
      // The first operation may load the script (EVALSHA answered NOSCRIPT, then EVAL): count from after it.
      assert.equal(outcome(await transports.request('http', '{ campaigns { id } }', {}, key)), 'ok');
      await client.echo(`${namespace}start`);
      assert.equal(outcome(await transports.request('http', '{ campaigns { id } }', {}, key)), 'ok');
      for (let i = 0; i < 5; i += 1) assert.equal(outcome(await transports.request(i % 2 === 0 ? 'http' : 'ws', '{ campaigns { id } }', {}, stack.fx.admin)), 'ok');
      assert.equal(outcome(await transports.request('ws', '{ campaigns { id } }', {}, key)), 'ok');
      // Counted by the statement that stores it (message-budget.ts).
      assert.ok((await stack.fx.send(chat.interaction.id, chat.token, 'counted in PostgreSQL')).data);
      await client.echo(`${namespace}end`);
      await waitFor('the end marker', () => (seen.includes('end') ? true : undefined));
      assert.deepEqual(seen.slice(seen.indexOf('start') + 1, seen.indexOf('end')), ['evalsha', 'evalsha']);
    } finally {
      monitor.disconnect();
      client.disconnect();
    }
  });
});
