import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { conversationApi } from '../testing/conversation-fixtures';

describe('visitors arriving at once', () => {
  const stack = conversationApi();
  const answer = (chat: { interaction: { state: string; closeReason: string | null; outOfHours: boolean; messages: { seq: number; text: string; sender: { kind: string } }[] } }) => ({
    state: chat.interaction.state,
    closeReason: chat.interaction.closeReason,
    outOfHours: chat.interaction.outOfHours,
    messages: chat.interaction.messages.map((m) => [m.seq, m.sender.kind, m.text]),
  });

  it('each get the answer of their own campaign: out of time, nobody signed in, or a place in the queue', async () => {
    const closed = await stack.fx.campaign({ schedule: { timezone: 'UTC', ranges: [], exceptions: [] } });
    const nobody = await stack.fx.campaign();
    const open = await stack.fx.campaign();
    await stack.fx.agent([closed.id, open.id]).then((a) => stack.fx.setState(a, 'PAUSED', 'lunch'));

    const started = await Promise.all(
      Array.from({ length: 18 }, (_, i) => {
        const campaign = [closed, nobody, open][i % 3] as { key: string };
        return stack.fx.started(campaign.key, `Visitor ${i}`, { language: i % 2 ? 'ES' : 'EN' });
      }),
    );
    started.forEach((chat, i) => {
      const inLanguage = (text: string) => (i % 2 ? `${text} (es)` : text);
      const expected = [
        { state: 'REJECTED', closeReason: 'OUT_OF_TIME', outOfHours: true, messages: [[1, 'SYSTEM', inLanguage('Closed')]] },
        { state: 'REJECTED', closeReason: 'NOT_AVAILABLE', outOfHours: false, messages: [[1, 'SYSTEM', inLanguage('Busy')]] },
        { state: 'QUEUED', closeReason: null, outOfHours: false, messages: [] },
      ][i % 3];
      assert.deepEqual(answer(chat), expected, `visitor ${i}`);
    });
  });

  it('fill the queue up to its limit and are refused past it, with the notice', async () => {
    const small = await stack.fx.campaign({ thresholds: { ...validCampaignInput().thresholds, maxChats: 3 } });
    await stack.fx.agent([small.id]).then((a) => stack.fx.setState(a, 'PAUSED', 'lunch'));

    const started = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.fx.started(small.key, `Visitor ${i}`)));
    const queued = started.filter((chat) => chat.interaction.state === 'QUEUED');
    // One instance stores arrivals one statement after the other, each counting what the ones before it queued.
    assert.equal(queued.length, 3);
    for (const chat of queued) assert.deepEqual(answer(chat).messages, []);
    for (const chat of started.filter((c) => c.interaction.state !== 'QUEUED')) {
      assert.deepEqual(answer(chat), { state: 'REJECTED', closeReason: 'QUEUE_FULL', outOfHours: false, messages: [[1, 'SYSTEM', 'Busy']] });
    }
    // The queue is full now: the next visitor is refused too.
    const late = await stack.fx.started(small.key, 'Late');
    assert.deepEqual([late.interaction.state, late.interaction.closeReason], ['REJECTED', 'QUEUE_FULL']);
  });

  it('are stored as they were answered', async () => {
    const nobody = await stack.fx.campaign();
    const open = await stack.fx.campaign();
    await stack.fx.agent([open.id]).then((a) => stack.fx.setState(a, 'PAUSED', 'lunch'));
    const started = await Promise.all(Array.from({ length: 8 }, (_, i) => stack.fx.started((i % 2 ? nobody : open).key, `Visitor ${i}`)));
    for (const chat of started) {
      const stored = await stack.fx.interaction(chat.interaction.id);
      assert.deepEqual(
        [stored?.state, stored?.closeReason, stored?.messages.map((m) => [m.seq, m.sender.kind, m.text])],
        [chat.interaction.state, chat.interaction.closeReason, chat.interaction.messages.map((m) => [m.seq, m.sender.kind, m.text])],
      );
    }
  });
});
