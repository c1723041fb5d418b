import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'graphql-ws';
import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { queryDatabase, TEST_REDIS_URL } from '../testing/api-process';
import { conversationApi } from '../testing/conversation-fixtures';
import { wsClient } from '../testing/graphql-client';
import { untilListening, waitFor } from '../testing/wait-for';

const TYPING = 'subscription($i: ID!) { typing(interactionId: $i) { typing sender { name } } }';
const BURST = 2000;
const BEHIND = 3000;

/** A subscriber that records every name it is sent, in order, and how its subscription ended. */
function follow(client: Client, interactionId: string) {
  const names: string[] = [];
  const reader = { names, ended: undefined as unknown };
  client.subscribe<{ typing: { sender: { name: string | null } } }>(
    { query: TYPING, variables: { i: interactionId } },
    {
      next: (result) => void names.push(result.data?.typing.sender.name ?? `error ${JSON.stringify(result.errors)}`),
      error: (error) => (reader.ended = error),
      complete: () => (reader.ended = 'complete'),
    },
  );
  return reader;
}

/** A graphql-ws client by hand, so the test can stop it reading its socket for a moment. */
async function pausableReader(url: string, token: string, interactionId: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const reader = { names: [] as string[], ended: undefined as unknown };
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; payload?: { data?: { typing: { sender: { name: string } } } } };
      if (frame.type === 'ping') socket.send('{"type":"pong"}');
      if (frame.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: TYPING, variables: { i: interactionId } } }));
        resolve();
      }
      if (frame.type === 'next') reader.names.push(frame.payload?.data?.typing.sender.name ?? 'no data');
      if (frame.type === 'error' || frame.type === 'complete') reader.ended = frame;
    });
    socket.once('close', (code) => (reader.ended ??= `closed ${code}`));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
  });
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  return Object.assign(reader, { pause: () => tcp.pause(), resume: () => tcp.resume(), close: () => socket.close() });
}

const typingEvent = (interactionId: string, name: string) => JSON.stringify({ interactionId, senderKind: 'AGENT', senderName: name, typing: true });

describe('events sent to subscribers in bursts', () => {
  const stack = conversationApi();
  let redis: Redis;
  before(() => void (redis = new Redis(TEST_REDIS_URL)));
  after(() => redis.disconnect());

  /** Publishes as another instance would, all in one pipeline so the events arrive together. */
  async function burst(messages: [channel: string, message: string][]) {
    const pipeline = redis.pipeline();
    for (const [channel, message] of messages) pipeline.publish(channel, message);
    await pipeline.exec();
  }

  /** Publishes probes until every reader has one: their subscriptions are live. */
  async function untilLive(interactionId: string, readers: { names: string[] }[]) {
    await untilListening(`TYPING:${interactionId}`);
    await waitFor('every subscriber live', async () => {
      await redis.publish(`TYPING:${interactionId}`, typingEvent(interactionId, 'probe'));
      return readers.every((reader) => reader.names.length > 0) ? true : undefined;
    });
  }

  const sent = (readers: { names: string[] }) => readers.names.filter((name) => name !== 'probe');
  const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => `e${from + n}`);

  it(`gives a reader that stops for a moment, falling ${BEHIND} events behind, every one of them in order`, async () => {
    const campaign = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const chat = await stack.fx.started(campaign.key, 'Ines');
    const client = wsClient(stack.api.url, chat.token);
    const steady = follow(client, chat.interaction.id);
    const paused = await pausableReader(stack.api.url, chat.token, chat.interaction.id);
    await untilLive(chat.interaction.id, [steady, paused]);

    // 6 MB: more than the kernel's socket buffers hold, so most of it waits in the API while the reader is paused.
    paused.pause();
    const filler = 'x'.repeat(2000);
    await burst(expected(0, BEHIND).map((name) => [`TYPING:${chat.interaction.id}`, typingEvent(chat.interaction.id, `${name} ${filler}`)]));
    await waitFor('the burst at the steady reader', () => (sent(steady).length >= BEHIND ? true : undefined));
    paused.resume();
    await waitFor('the burst at the reader that paused', () => (sent(paused).length >= BEHIND || paused.ended !== undefined ? true : undefined));
    assert.equal(paused.ended, undefined, 'its subscription is still open');
    assert.deepEqual(sent(paused).map((name) => name.split(' ')[0]), expected(0, BEHIND));
    assert.deepEqual(sent(steady).map((name) => name.split(' ')[0]), expected(0, BEHIND));
    paused.close();
    await client.dispose();
  });

  it('sends nothing more to the one of 100 subscribers that loses its right in the middle of a burst', async () => {
    const campaign = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Joao');
    const customers = Array.from({ length: 99 }, () => wsClient(stack.api.url, chat.token));
    const agentClient = wsClient(stack.api.url, agent.token);
    const watchers = customers.map((client) => follow(client, chat.interaction.id));
    const agentReader = follow(agentClient, chat.interaction.id);
    await untilLive(chat.interaction.id, [...watchers, agentReader]);

    // Removed from the campaign (the chat still waits, unassigned): committed first, announced in the middle of the burst.
    await queryDatabase(stack.databaseUrl, 'delete from campaign_members where agent_id = $1', [agent.id]);
    const channel = `TYPING:${chat.interaction.id}`;
    await burst([
      ...expected(0, BURST / 2).map((name): [string, string] => [channel, typingEvent(chat.interaction.id, name)]),
      [`MEMBERSHIP_CHANGED:${agent.id}`, JSON.stringify({ agentId: agent.id, campaignId: campaign.id })],
      ...expected(BURST / 2, BURST).map((name): [string, string] => [channel, typingEvent(chat.interaction.id, name)]),
    ]);

    await waitFor('the burst at every customer', () => (watchers.every((watcher) => sent(watcher).length >= BURST) ? true : undefined));
    for (const watcher of watchers) {
      assert.equal(watcher.ended, undefined);
      assert.deepEqual(sent(watcher), expected(0, BURST));
    }
    const ended = await waitFor('the agent’s subscription ended', () => agentReader.ended);
    assert.equal((ended as { extensions?: { code?: string } }[])[0]?.extensions?.code, 'FORBIDDEN');
    const agentSaw = sent(agentReader);
    assert.deepEqual(agentSaw, expected(0, agentSaw.length), 'what the agent saw is a prefix of the events before the change');
    assert.ok(agentSaw.length <= BURST / 2, `the agent saw ${agentSaw.length} events, some after losing the right`);
    await Promise.all([...customers, agentClient].map((client) => client.dispose()));
  });
});

describe('a socket that stopped reading, with pings far apart', () => {
  const stack = conversationApi({ WS_PING_SECONDS: '600' });

  it('is dropped once its unsent frames pass the limit, while a reader that keeps reading gets everything', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const campaign = await stack.fx.campaign({ distribution: 'AGENT_PICKS' as never });
      const chat = await stack.fx.started(campaign.key, 'Rui');
      const client = wsClient(stack.api.url, chat.token);
      const steady = follow(client, chat.interaction.id);
      const stalled = await pausableReader(stack.api.url, chat.token, chat.interaction.id);
      const channel = `TYPING:${chat.interaction.id}`;
      await untilListening(channel);
      await waitFor('both subscribers live', async () => {
        await redis.publish(channel, typingEvent(chat.interaction.id, 'probe'));
        return steady.names.length > 0 && stalled.names.length > 0 ? true : undefined;
      });
      await waitFor('both sockets counted', async () => ((await openSockets(stack.api.url)) === 2 ? true : undefined));

      // 25 MB: well past the kernel's buffers and the 8 MB the API keeps for one socket; pings alone would take 10 minutes.
      stalled.pause();
      const filler = 'x'.repeat(5000);
      const pipeline = redis.pipeline();
      for (let n = 0; n < 5000; n += 1) pipeline.publish(channel, typingEvent(chat.interaction.id, `e${n} ${filler}`));
      await pipeline.exec();

      await waitFor('the stalled socket dropped', async () => ((await openSockets(stack.api.url)) === 1 ? true : undefined));
      await waitFor('everything at the steady reader', () => (steady.names.filter((name) => name !== 'probe').length >= 5000 ? true : undefined));
      assert.equal(steady.ended, undefined);
      await client.dispose();
    } finally {
      redis.disconnect();
    }
  });
});

async function openSockets(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^parley_websocket_connections (\d+)/m.exec(text)?.[1] ?? NaN);
}
