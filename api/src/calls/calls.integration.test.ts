import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallParty, activeCall, codeOf, data, servedChat, SYSTEM_LINES, type CallView } from '../testing/call-fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { ok, subscribe, wsClient } from '../testing/graphql-client';
import { janusAdminOf } from '../testing/janus-admin';
import { untilListening, waitFor } from '../testing/wait-for';

const UPDATES = 'subscription($i: ID!) { interactionUpdated(interactionId: $i) { call { id state startedBy kind } } }';
const ACTIVITY = '{ myActivity { inMediaCall } }';

describe('calls: a call within a chat, from ring to end', () => {
  const stack = conversationApi({ CALL_RING_SECONDS: '3' }, { media: true });
  let admin: ReturnType<typeof janusAdminOf> | undefined;
  const janus = () => (admin ??= janusAdminOf(stack.api.dataDir as string));
  const inMediaCall = async (token: string) => (await ok<{ myActivity: { inMediaCall: boolean } }>(stack.api.url, ACTIVITY, {}, { token })).myActivity.inMediaCall;

  it('rings, is answered and hung up: pushed to the other side, in the transcript, the agent in a call meanwhile, its room gone at the end', async () => {
    const chat = await servedChat(stack.fx);
    const socket = wsClient(stack.api.url, chat.agent.token);
    const updates = subscribe<{ interactionUpdated: { call: Pick<CallView, 'id' | 'state' | 'startedBy' | 'kind'> | null } }>(socket, UPDATES, { i: chat.interactionId });
    await untilListening(`INTERACTION_UPDATED:${chat.interactionId}`);

    const { startCall } = data(await chat.customer.start(chat.interactionId, 'VIDEO'));
    assert.deepEqual([startCall.state, startCall.startedBy, startCall.kind, startCall.durationSeconds], ['RINGING', 'CONTACT', 'VIDEO', null]);
    assert.deepEqual((await updates.next()).data?.interactionUpdated.call, { id: startCall.id, state: 'RINGING', startedBy: 'CONTACT', kind: 'VIDEO' });
    const { room } = data(await chat.customer.join(startCall.id)).joinCall;
    assert.equal(await janus().roomExists(room), true);

    const { answerCall } = data(await chat.staff.answer(startCall.id, true));
    assert.equal(answerCall.state, 'ACTIVE');
    assert.ok(answerCall.answeredAt);
    assert.equal((await updates.next()).data?.interactionUpdated.call?.state, 'ACTIVE');
    assert.equal(await inMediaCall(chat.agent.token), true);

    const { endCall } = data(await chat.customer.end(startCall.id));
    assert.deepEqual([endCall.state, endCall.endReason], ['ENDED', 'HUNG_UP']);
    assert.equal(endCall.durationSeconds, Math.round((Date.parse(endCall.endedAt as string) - Date.parse(endCall.answeredAt as string)) / 1000));
    assert.equal((await updates.next()).data?.interactionUpdated.call, null);
    assert.equal(await inMediaCall(chat.agent.token), false);

    const seen = await chat.staff.chat(chat.interactionId);
    assert.deepEqual(seen.calls.map((call) => [call.id, call.state, call.endReason]), [[startCall.id, 'ENDED', 'HUNG_UP']]);
    const lines = SYSTEM_LINES(await chat.customer.chat(chat.interactionId));
    assert.equal(lines[0], 'Video call started');
    assert.match(lines[1] ?? '', /^Video call ended \(0:0\d\)$/);
    await waitFor('the room destroyed', async () => ((await janus().roomExists(room)) ? undefined : true));
    // Hanging up twice changes nothing.
    assert.deepEqual(data(await chat.staff.end(startCall.id)).endCall, endCall);
    await socket.dispose();
  });

  it('is declined by the side it rings for: "Call declined", no duration, nobody may join it any more', async () => {
    const chat = await servedChat(stack.fx);
    const { startCall } = data(await chat.staff.start(chat.interactionId, 'AUDIO'));
    assert.equal(startCall.startedBy, 'AGENT');
    const { room } = data(await chat.staff.join(startCall.id)).joinCall;
    assert.equal(codeOf(await chat.staff.answer(startCall.id, true)), 'FORBIDDEN');
    const { answerCall } = data(await chat.customer.answer(startCall.id, false));
    assert.deepEqual([answerCall.state, answerCall.endReason, answerCall.durationSeconds, answerCall.answeredAt], ['ENDED', 'DECLINED', 0, null]);
    assert.deepEqual(SYSTEM_LINES(await chat.customer.chat(chat.interactionId)), ['Call declined']);
    assert.equal(codeOf(await chat.staff.join(startCall.id)), 'CONFLICT');
    assert.equal(codeOf(await chat.customer.answer(startCall.id, true)), 'CONFLICT');
    await waitFor('the room destroyed', async () => ((await janus().roomExists(room)) ? undefined : true));
  });

  it('ends unanswered after the ring time: "Missed call", in the language of the chat', async () => {
    const chat = await servedChat(stack.fx, {}, { name: 'Lucía', language: 'ES' });
    const { startCall } = data(await chat.customer.start(chat.interactionId, 'AUDIO'));
    const ended = await waitFor('the ring time to pass', async () => {
      const call = (await chat.staff.chat(chat.interactionId)).calls[0];
      return call?.state === 'ENDED' ? call : undefined;
    });
    assert.deepEqual([ended.id, ended.endReason, ended.durationSeconds], [startCall.id, 'NOT_ANSWERED', 0]);
    assert.deepEqual(SYSTEM_LINES(await chat.customer.chat(chat.interactionId)), ['Llamada perdida']);
    assert.equal(await inMediaCall(chat.agent.token), false);
  });

  it('refuses every call operation to strangers, other customers and agents who do not serve the chat', async () => {
    const chat = await servedChat(stack.fx);
    const stranger = new CallParty(stack.api.url, undefined);
    const otherCustomer = new CallParty(stack.api.url, (await stack.fx.started(chat.campaign.key, 'Other customer')).token);
    const elsewhere = await servedChat(stack.fx);
    const otherAgent = new CallParty(stack.api.url, elsewhere.agent.token);
    const supervisor = new CallParty(stack.api.url, (await stack.fx.agent([], 0, 'SUPERVISOR')).token);
    assert.equal(codeOf(await stranger.start(chat.interactionId)), 'UNAUTHENTICATED');
    for (const [who, expected] of [[otherCustomer, 'NOT_FOUND'], [otherAgent, 'NOT_FOUND'], [supervisor, 'FORBIDDEN']] as const) assert.equal(codeOf(await who.start(chat.interactionId)), expected);
    const { startCall } = data(await chat.customer.start(chat.interactionId));
    assert.equal(codeOf(await chat.staff.start(chat.interactionId)), 'CONFLICT');
    for (const [who, expected] of [[stranger, 'UNAUTHENTICATED'], [otherCustomer, 'NOT_FOUND'], [otherAgent, 'NOT_FOUND'], [supervisor, 'FORBIDDEN']] as const) {
      assert.equal(codeOf(await who.answer(startCall.id, true)), expected, 'answerCall');
      assert.equal(codeOf(await who.join(startCall.id)), expected, 'joinCall');
      assert.equal(codeOf(await who.end(startCall.id)), expected, 'endCall');
    }
    assert.equal(codeOf(await chat.staff.join(startCall.id)), 'CONFLICT', 'the callee joins after answering');
    assert.equal((await chat.staff.chat(chat.interactionId)).call?.state, 'RINGING');
    const noMedia = await servedChat(stack.fx, { mediaEnabled: false });
    assert.equal(codeOf(await noMedia.customer.start(noMedia.interactionId)), 'FORBIDDEN');
  });

  it('ends with the chat: closed by the agent, or left by the customer while it rings', async () => {
    const chat = await servedChat(stack.fx, { feedbackEnabled: false });
    const call = await activeCall(chat);
    const { room } = data(await chat.customer.join(call.id)).joinCall;
    await ok(stack.api.url, 'mutation($i: ID!) { closeInteraction(id: $i) { state } }', { i: chat.interactionId }, { token: chat.agent.token });
    const closed = await chat.staff.chat(chat.interactionId);
    assert.deepEqual([closed.call, closed.calls[0]?.endReason], [null, 'CHAT_CLOSED']);
    assert.match(SYSTEM_LINES(closed).at(-1) ?? '', /^Video call ended \(\d+:\d\d\)$/);
    assert.equal(await inMediaCall(chat.agent.token), false);
    await waitFor('the room destroyed', async () => ((await janus().roomExists(room)) ? undefined : true));

    const left = await servedChat(stack.fx);
    data(await left.staff.start(left.interactionId));
    await ok(stack.api.url, 'mutation($i: ID!) { leaveChat(interactionId: $i) { state } }', { i: left.interactionId }, { token: left.customer.token });
    const after = await left.staff.chat(left.interactionId);
    assert.deepEqual([after.calls[0]?.state, after.calls[0]?.endReason, SYSTEM_LINES(after)], ['ENDED', 'CHAT_CLOSED', ['Missed call']]);
  });

  it("ends when the agent goes offline, and tells widgets whether calls can be made", async () => {
    const chat = await servedChat(stack.fx);
    const call = await activeCall(chat, 'AUDIO');
    await stack.fx.setState(chat.agent, 'OFFLINE');
    const after = await ok<{ interaction: { calls: CallView[] } }>(stack.api.url, 'query($i: ID!) { interaction(id: $i) { calls { id state endReason } } }', { i: chat.interactionId }, { token: stack.fx.admin });
    assert.deepEqual(after.interaction.calls.map((c) => [c.id, c.state, c.endReason]), [[call.id, 'ENDED', 'DISCONNECTED']]);
    const config = async (key: string) => (await ok<{ widgetConfig: { callsAvailable: boolean } }>(stack.api.url, 'query($k: String!) { widgetConfig(campaignKey: $k) { callsAvailable } }', { k: key })).widgetConfig.callsAvailable;
    assert.equal(await config(chat.campaign.key), true);
    assert.equal(await config((await stack.fx.campaign({ mediaEnabled: false })).key), false);
    assert.equal((await ok<{ mediaAvailable: boolean }>(stack.api.url, '{ mediaAvailable }', {}, { token: chat.agent.token })).mediaAvailable, true);
    assert.deepEqual(await (await fetch(`${stack.api.url}/readyz`)).json(), { status: 'ready', media: 'ready' });
    admin?.close();
  });
});
