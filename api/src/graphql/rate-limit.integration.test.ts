import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationApi } from '../testing/conversation-fixtures';

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
