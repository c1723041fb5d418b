import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { subscribe, wsClient } from '../testing/graphql-client';
import { waitFor } from '../testing/wait-for';

const TOKEN = 'metrics-token-for-tests-0123456789';

describe('Prometheus metrics', () => {
  const stack = conversationApi({ METRICS_TOKEN: TOKEN });
  const scrape = (token?: string) => fetch(`${stack.api.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('needs the configured token', async () => {
    assert.equal((await scrape()).status, 401);
    assert.equal((await scrape('wrong-token-of-the-same-length!!!!')).status, 401);
    assert.equal((await scrape(TOKEN)).status, 200);
  });

  it('count connections, messages, routing runs and waiting chats', async () => {
    const campaign = await stack.fx.campaign({ name: 'Metrics desk' });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'PAUSED');
    const chat = await stack.fx.started(campaign.key, 'Mo');
    await stack.fx.send(chat.interaction.id, chat.token, 'hello');
    const socket = wsClient(stack.api.url, chat.token);
    subscribe(socket, 'subscription($i: ID!) { messageAdded(interactionId: $i) { seq } }', { i: chat.interaction.id });
    const text = await waitFor('an open connection in the metrics', async () => {
      const body = await (await scrape(TOKEN)).text();
      return /^parley_websocket_connections [1-9]/m.test(body) && /^parley_websocket_operations [1-9]/m.test(body) ? body : undefined;
    });
    assert.match(text, /^parley_queue_waiting\{campaign="Metrics desk"\} 1$/m);
    assert.match(text, /^parley_messages_total\{sender="CONTACT"\} [1-9]/m);
    assert.match(text, /^parley_routing_seconds_count [1-9]/m);
    assert.match(text, /^parley_outbox_backlog 0$/m);
    await socket.dispose();
  });
});
