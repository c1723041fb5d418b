import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess } from '../testing/api-process';
import { ADMIN_ENV, ConversationFixture } from '../testing/conversation-fixtures';
import { alive, untilSubscribed } from '../testing/fault-probes';
import { MessageWatcher } from '../testing/message-watcher';
import { startTcpProxy } from '../testing/tcp-proxy';
import { waitFor } from '../testing/wait-for';

/**
 * An instance dies after committing a message and before publishing it: its
 * link to Redis is cut first, so the event waits in its memory, and then it
 * is killed with SIGKILL, so the event never leaves. Nothing else is sent
 * afterwards: no later event can reveal the gap.
 */
describe('an API process killed between commit and publish', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('still delivers the message: live subscribers elsewhere catch up from storage, and a client whose socket died resumes after its last seq', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const link = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379));
    cleanups.push(() => link.cut());
    const [doomed, survivor] = (await Promise.all([
      startApi({ databaseUrl: db.url, redisUrl: `redis://127.0.0.1:${link.port}`, env: ADMIN_ENV }),
      startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: ADMIN_ENV }),
    ])) as [ApiProcess, ApiProcess];
    cleanups.push(() => Promise.all([doomed.stop(), survivor.stop()]).then(() => undefined));
    const fx = await ConversationFixture.connect(survivor.url);
    const campaign = await fx.campaign({ automaticAgentMessage: null });
    const agent = await fx.agent([campaign.id]);
    await fx.setState(agent, 'AVAILABLE');
    const chat = await fx.started(campaign.key, 'Noor');
    assert.equal(chat.interaction.state, 'ACTIVE');
    const chatId = chat.interaction.id;

    // The customer follows the chat on the instance that will die, the agent on the other.
    const customer = new MessageWatcher(doomed.url, chat.token, chatId);
    const staff = new MessageWatcher(survivor.url, agent.token, chatId);
    cleanups.push(() => Promise.all([customer.close(), staff.close()]).then(() => undefined));
    await untilSubscribed(TEST_REDIS_URL, `MESSAGE_ADDED:${chatId}`, 2);
    const atDoomed = new ConversationFixture(doomed.url, fx.admin);
    assert.ok((await atDoomed.send(chatId, agent.token, 'Hello, how can I help?')).data);
    assert.deepEqual(await customer.until(1), [1]);
    assert.deepEqual(await staff.until(1), [1]);

    await link.cut();
    const sent = await atDoomed.send(chatId, chat.token, 'My order never arrived');
    assert.equal(sent.data?.sendMessage.seq, 2, 'committed and answered');
    process.kill(doomed.pid, 'SIGKILL');
    await waitFor('the instance to be gone', () => (alive(doomed.pid) ? undefined : true));

    assert.deepEqual(await staff.until(2, 12_000), [1, 2], 'the live subscriber on the other instance gets it, with no further message sent');
    assert.equal(staff.seen[1]?.text, 'My order never arrived');
    await customer.resubscribe(survivor.url);
    assert.deepEqual(await customer.until(2), [1, 2], 'the customer resumes after seq 1 at the other instance');
    assert.equal(staff.ended, undefined, 'the live subscription is still open');

    // And the chat goes on as before.
    assert.ok((await fx.send(chatId, agent.token, 'Let me check that for you')).data);
    assert.deepEqual(await customer.until(3), [1, 2, 3]);
    assert.deepEqual(await staff.until(3), [1, 2, 3]);
  });
});
