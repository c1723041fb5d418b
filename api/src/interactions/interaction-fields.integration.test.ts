import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';
import { graphql, ok } from '../testing/graphql-client';

/** Every field of Interaction, nested ones included. */
const ALL = `id state closeReason origin outOfHours queuedAt answeredAt closedAt holdSeconds contactReadSeq agentReadSeq qualityScore
  campaign { id name key colour } contact { id name email customFieldValue } agent { id name email }
  messages { seq text clientId createdAt interactionId sender { kind name } attachment { id } }
  feedback { rating note } quality { questionId value } queue { position estimatedWaitSeconds }
  routing { strategy availability reason decidedAt candidates { agentId eligible reason } }`;

describe('every field of an interaction, through every kind of reader', () => {
  const stack = conversationApi();

  it('answers without an error for supervisors, admins, the agent, the customer and INTERACTIONS_READ keys, in one chat, in lists and in history', async () => {
    const campaign = await stack.fx.campaign({ feedbackEnabled: true });
    const agent = await stack.fx.agent([campaign.id]);
    await stack.fx.setState(agent, 'AVAILABLE');
    const earlier = await stack.fx.started(campaign.key, 'Quinn', { email: 'quinn@example.test' });
    await stack.fx.send(earlier.interaction.id, earlier.token, 'first visit');
    await ok(stack.api.url, 'mutation($i: ID!) { closeInteraction(id: $i) { state } }', { i: earlier.interaction.id }, { token: agent.token });
    await ok(stack.api.url, 'mutation($i: ID!) { leaveFeedback(interactionId: $i, rating: 5, note: "quick") { id } }', { i: earlier.interaction.id }, { token: earlier.token });
    const chat = await stack.fx.started(campaign.key, 'Quinn', { email: 'quinn@example.test' });
    await stack.fx.send(chat.interaction.id, chat.token, 'second visit');

    const supervisor = await stack.fx.agent([], 0, 'SUPERVISOR');
    const key = (await ok<{ createApiKey: { key: string } }>(stack.api.url, 'mutation { createApiKey(name: "CRM", scopes: [INTERACTIONS_READ]) { key } }', {}, { token: stack.fx.admin })).createApiKey.key;
    const readers: [string, string][] = [['admin', stack.fx.admin], ['supervisor', supervisor.token], ['agent', agent.token], ['customer', chat.token], ['API key', key]];
    for (const [who, token] of readers) {
      const one = await graphql<{ interaction: { id: string; contact: { name: string } } }>(stack.api.url, `query($i: ID!) { interaction(id: $i) { ${ALL} } }`, { i: chat.interaction.id }, { token });
      assert.equal(one.errors, undefined, `${who}: ${JSON.stringify(one.errors)}`);
      assert.equal(one.data?.interaction.contact.name, 'Quinn', who);
      const list = await graphql<{ interactions: { edges: { node: { id: string } }[] } }>(stack.api.url, `{ interactions(first: 50) { edges { node { ${ALL} } } } }`, {}, { token });
      assert.equal(list.errors, undefined, `${who}: ${JSON.stringify(list.errors)}`);
      assert.ok(list.data?.interactions.edges.some((edge) => edge.node.id === chat.interaction.id), who);
      if (who === 'customer') continue; // history is for staff
      const history = await graphql<{ contactHistory: { id: string; feedback: { rating: number } | null }[] }>(stack.api.url, `query($i: ID!) { contactHistory(interactionId: $i) { ${ALL} } }`, { i: chat.interaction.id }, { token });
      assert.equal(history.errors, undefined, `${who}: ${JSON.stringify(history.errors)}`);
      assert.deepEqual(history.data?.contactHistory.map((h) => [h.id, h.feedback?.rating]), [[earlier.interaction.id, 5]], who);
    }
  });
});
