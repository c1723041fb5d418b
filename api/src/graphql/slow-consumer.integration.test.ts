import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, subscribe, wsClient } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

const MESSAGES = 'subscription($i: ID!) { messageAdded(interactionId: $i) { seq text } }';
const SEND = 'mutation($i: ID!, $c: ID!, $t: String) { sendMessage(interactionId: $i, clientId: $c, text: $t) { seq } }';

/** A graphql-ws client written by hand, so the test can stop it reading its socket, as a frozen tab or a stalled network does. */
async function stallingSubscriber(url: string, token: string, interactionId: string): Promise<{ stall(): void; closed: Promise<void>; received: () => number }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let received = 0;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string };
      if (frame.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: MESSAGES, variables: { i: interactionId } } }));
        resolve();
      }
      if (frame.type === 'next') received += 1;
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
  });
  return {
    // The socket's TCP stream stops being read: nothing more arrives, pings go unanswered, the server's writes back up.
    stall: () => (socket as unknown as { _socket: Socket })._socket.pause(),
    closed,
    received: () => received,
  };
}

async function openSockets(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^parley_websocket_connections (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('a client that stops reading its socket', () => {
  const stack = conversationApi({ WS_PING_SECONDS: '1', RATE_LIMIT_VISITOR_MESSAGE: '100000' });

  it('is dropped, while every other subscriber still gets every message and the API stays up', async () => {
    const campaign = await stack.fx.campaign({ automaticAgentMessage: null });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const chat = await stack.fx.started(campaign.key, 'Ola');

    const healthy = wsClient(stack.api.url, agent.token);
    const stream = subscribe<{ messageAdded: { seq: number; text: string } }>(healthy, MESSAGES, { i: chat.interaction.id });
    const slow = await stallingSubscriber(stack.api.url, agent.token, chat.interaction.id);
    await waitFor('both subscribers live', async () => {
      await graphql(stack.api.url, SEND, { i: chat.interaction.id, c: 'probe', t: 'probe' }, { token: chat.token });
      return slow.received() > 0 || undefined;
    });
    assert.equal((await stream.next(5000)).data?.messageAdded.text, 'probe');
    slow.stall();

    // 1,500 messages of 3 KB: far more than the stalled socket's buffers and its subscription's queue hold.
    const text = (n: number) => `${n} ${'x'.repeat(3000)}`;
    for (let n = 0; n < 1500; n += 1) {
      const sent = await graphql(stack.api.url, SEND, { i: chat.interaction.id, c: `m${n}`, t: text(n) }, { token: chat.token });
      assert.ok(sent.data, JSON.stringify(sent.errors));
    }
    for (let n = 0; n < 1500; n += 1) assert.equal((await stream.next(10_000)).data?.messageAdded.seq, n + 2);

    await waitFor('the stalled socket dropped by the server', async () => ((await openSockets(stack.api.url)) === 1 ? true : undefined));
    assert.equal((await graphql(stack.api.url, '{ __typename }')).data?.__typename, 'Query', 'the API is still up');
    await healthy.dispose();
  });
});
