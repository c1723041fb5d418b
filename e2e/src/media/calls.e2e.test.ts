import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorCode, login, ok } from '@parley/api/testing/graphql-client';
import type { Page } from 'playwright-core';
import { screenshot } from '../browser';
import { createCampaignLikeDemo, startCustomerChat, until, type Customer } from '../stack';
import { AgentDriver } from '../widget-agent';
import { widgetScreenshot, widgetSession } from '../widget-harness';
import { receivedMedia, waitForReceivedMedia } from './media-browser';
import { assertOnVethOnly, availableAgent, kilobytes, noMediaLeft, startMediaStack, stillReceiving, type MediaStack } from './media-stack';
import { probeRoom } from './room-probe';

interface CallRecord {
  kind: string;
  state: string;
  startedBy: string;
  endReason: string | null;
  durationSeconds: number | null;
}

const CHAT_RECORD = `query($i: ID!) { interaction(id: $i) {
  state agent { id } routing { candidates { agentId eligible reason } }
  call { id } calls { kind state startedBy endReason durationSeconds } messages { text sender { kind } } } }`;

interface ChatRecord {
  state: string;
  agent: { id: string } | null;
  routing: { candidates: { agentId: string; eligible: boolean; reason: string }[] } | null;
  call: { id: string } | null;
  calls: CallRecord[];
  messages: { text: string | null; sender: { kind: string } }[];
}

const JOIN_CALL = 'mutation($c: ID!) { joinCall(callId: $c) { url room token } }';

interface MediaJoin {
  url: string;
  room: string;
  token: string;
}

const ENDED = /^Video call ended \((\d+):(\d\d)\)$/;

/**
 * Calls as people make them, with real media: a customer on a shop's site and an agent in the
 * console, each in their own Chromium context with a fake camera and microphone, over Janus.
 */
describe('calls between a customer and an agent, with fake camera and microphone', () => {
  let stack: MediaStack;
  let agentPage: Page;
  let agentToken: string;
  let customerPage: Page;
  let interactionId: string;
  /** The second agent and customer, for routing and for the room's door. */
  let bea: AgentDriver | undefined;
  let ben: Customer;
  /** The later journeys build on the first one's call: without it they fail at once. */
  let callUp = false;

  before(async () => {
    stack = await startMediaStack();
    agentPage = await availableAgent(stack);
    agentToken = await login(stack.api.url, 'agent1@parley.local', 'parley-agent');
  });

  after(async () => {
    bea?.stop();
    await stack?.stop();
  });

  const agentTranscript = () => agentPage.getByRole('log', { name: 'Messages' });
  const socketUrl = (join: MediaJoin) => `${stack.base.replace(/^http/, 'ws')}${join.url}`;
  const chatRecord = async (id: string): Promise<ChatRecord> => (await ok<{ interaction: ChatRecord }>(stack.api.url, CHAT_RECORD, { i: id }, { token: stack.admin })).interaction;
  const systemLines = async (id: string): Promise<string[]> =>
    (await chatRecord(id)).messages.filter((message) => message.sender.kind === 'SYSTEM').map((message) => message.text ?? '');

  it('a customer starts a video call, the agent accepts, and each side receives the other’s audio and video', async () => {
    ({ page: customerPage } = await stack.site.open(stack.browser, stack.demo));
    await customerPage.getByRole('button', { name: 'Chat with us' }).click();
    await customerPage.getByLabel('Name').fill('Ana Calls');
    await customerPage.getByRole('button', { name: 'Start chat' }).click();
    await customerPage.getByText('Chatting with Alex Agent').waitFor();
    const session = await widgetSession(customerPage, stack.demo);
    assert.ok(session?.interactionId, 'the widget keeps its chat');
    interactionId = session.interactionId;
    await agentPage.getByTestId('inbox-chat').filter({ hasText: 'Ana Calls' }).click();
    await agentPage.getByTestId('contact-name').filter({ hasText: 'Ana Calls' }).waitFor();
    await customerPage.getByRole('textbox', { name: 'Write a message' }).fill('Can I show you the broken zip on camera?');
    await customerPage.getByRole('button', { name: 'Send' }).click();
    await agentTranscript().getByText('Can I show you the broken zip on camera?', { exact: true }).waitFor();
    const reply = agentPage.getByRole('combobox', { name: 'Reply' });
    await reply.fill('Sure, start a video call.');
    await reply.press('Enter');
    await customerPage.getByText('Sure, start a video call.', { exact: true }).waitFor();

    await customerPage.getByRole('button', { name: 'Start a video call' }).click();
    await agentPage.getByRole('alert').filter({ hasText: 'Video call from Ana Calls' }).waitFor();
    await agentPage.getByRole('button', { name: 'Accept call' }).click();

    const atCustomer = await waitForReceivedMedia(customerPage, { audio: true, video: true }, 30_000);
    const atAgent = await waitForReceivedMedia(agentPage, { audio: true, video: true }, 30_000);
    assertOnVethOnly(stack.namespace, atCustomer);
    assertOnVethOnly(stack.namespace, atAgent);
    const laterAtCustomer = await stillReceiving(customerPage, atCustomer, { audio: true, video: true });
    const laterAtAgent = await stillReceiving(agentPage, atAgent, { audio: true, video: true });
    console.log(
      `received by the customer: audio ${kilobytes(laterAtCustomer.audioBytes)}, video ${kilobytes(laterAtCustomer.videoBytes)};`,
      `by the agent: audio ${kilobytes(laterAtAgent.audioBytes)}, video ${kilobytes(laterAtAgent.videoBytes)}`,
    );

    // What each person sees: the other side's picture playing, and their own.
    await playing(customerPage, "Agent's video");
    await playing(customerPage, 'Your video');
    await playing(agentPage, "Customer's video");
    await playing(agentPage, 'Your video');
    // Both show how long the call has lasted.
    for (const page of [customerPage, agentPage]) await page.getByRole('timer').filter({ hasText: /^\d+:\d\d$/ }).first().waitFor();
    await widgetScreenshot(customerPage, 'media-widget-in-call');
    await screenshot(agentPage, 'media-console-in-call');
    callUp = true;
  });

  it('a page holding the customer’s ticket but not her token can neither join nor watch the live call', async () => {
    assert.ok(callUp, 'the first journey’s video call is up');
    const visitor = await widgetSession(customerPage, stack.demo);
    assert.ok(visitor);
    const { call } = await chatRecord(interactionId);
    assert.ok(call, 'the call is live');
    const anas = (await ok<{ joinCall: MediaJoin }>(stack.api.url, JOIN_CALL, { c: call.id }, { token: visitor.token, origin: stack.site.url })).joinCall;
    const alexs = (await ok<{ joinCall: MediaJoin }>(stack.api.url, JOIN_CALL, { c: call.id }, { token: agentToken })).joinCall;

    // From a page on the customer's site inside the namespace, as any script there could try.
    const { page } = await stack.site.open(stack.browser, stack.demo);
    const publisher = { request: 'join', ptype: 'publisher', room: anas.room, display: 'Eavesdropper' };
    const probe = await probeRoom(page, socketUrl(anas), {
      withoutToken: publisher,
      withTheAgentsToken: { ...publisher, token: alexs.token },
      watchingWithoutJoining: { request: 'join', ptype: 'subscriber', room: anas.room, streams: [{ feed: 'agent' }] },
      asTheCustomerAgain: { ...publisher, token: anas.token },
    });
    assert.deepEqual(probe.withoutToken, { coreError: 433 }, 'no token: Unauthorized');
    assert.deepEqual(probe.withTheAgentsToken, { coreError: 433 }, "the other side's token: Unauthorized");
    assert.deepEqual(probe.watchingWithoutJoining, { roomError: 433, videoroom: 'event' }, 'watching without a private_id: the VideoRoom refuses');
    // Even her own token cannot put a second copy of her in the room.
    assert.deepEqual(probe.asTheCustomerAgain, { roomError: 436, videoroom: 'event' }, 'already in the room');
    await page.context().close();
    // The call goes on.
    await stillReceiving(agentPage, await receivedMedia(agentPage), { audio: true, video: true });
  });

  it('while the agent is in the call, an INCALL campaign routes a new chat to the other agent', async () => {
    assert.ok(callUp, 'the first journey’s video call is up');
    const alexId = (await ok<{ me: { id: string } }>(stack.api.url, '{ me { id } }', {}, { token: agentToken })).me.id;
    assert.equal((await ok<{ myActivity: { inMediaCall: boolean } }>(stack.api.url, '{ myActivity { inMediaCall } }', {}, { token: agentToken })).myActivity.inMediaCall, true);
    bea = await AgentDriver.signIn(stack.api.url, 'agent2@parley.local');
    await bea.setState('AVAILABLE');
    // Alex comes first in member order, so only the call keeps this chat from him.
    const campaign = await createCampaignLikeDemo(stack.api.url, stack.admin, { name: 'Video advice', availability: 'INCALL', distribution: 'LINEAR', automaticAgentMessage: null }, [alexId, bea.id]);
    ben = await startCustomerChat(stack.api.url, { campaignKey: campaign.key, name: 'Ben Second' }, stack.site.url);
    const routed = await until('the second chat assigned', async () => {
      const record = await chatRecord(ben.interactionId);
      return record.state === 'ACTIVE' && record;
    });
    assert.equal(routed.agent?.id, bea.id);
    assert.deepEqual(
      routed.routing?.candidates.find((candidate) => candidate.agentId === alexId),
      { agentId: alexId, eligible: false, reason: 'in a media call' },
    );
  });

  it('mute and camera toggle, the agent hangs up, both leave the call, and the transcript keeps start, end and duration', async () => {
    assert.ok(callUp, 'the first journey’s video call is up');
    await customerPage.getByRole('button', { name: 'Mute microphone' }).click();
    await customerPage.getByRole('button', { name: 'Unmute microphone' }).click();
    await customerPage.getByRole('button', { name: 'Mute microphone' }).waitFor();
    await agentPage.getByRole('button', { name: 'Mute microphone' }).click();
    await agentPage.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await agentPage.getByRole('button', { name: 'Turn camera off' }).click();
    await agentPage.getByRole('button', { name: 'Turn camera on' }).waitFor();

    await agentPage.getByRole('button', { name: 'Hang up' }).click();
    for (const page of [customerPage, agentPage]) {
      await page.getByRole('button', { name: 'Hang up' }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Start a video call' }).waitFor();
    }
    for (const transcript of [customerPage.locator('parley-widget'), agentTranscript()]) {
      await transcript.getByText('Video call started', { exact: true }).waitFor();
      await transcript.getByText(ENDED).waitFor();
    }
    await noMediaLeft(customerPage, "the customer's widget");
    await noMediaLeft(agentPage, "the agent's console");

    const record = await until('the call ended', async () => {
      const chat = await chatRecord(interactionId);
      return chat.call === null && chat;
    });
    assert.equal(record.calls.length, 1);
    const call = record.calls[0]!;
    assert.deepEqual([call.kind, call.state, call.startedBy, call.endReason], ['VIDEO', 'ENDED', 'CONTACT', 'HUNG_UP']);
    const lines = await systemLines(interactionId);
    assert.ok(lines.includes('Video call started'), lines.join(' | '));
    const ended = lines.map((line) => ENDED.exec(line)).find(Boolean);
    assert.ok(ended, lines.join(' | '));
    assert.equal(Number(ended[1]) * 60 + Number(ended[2]), call.durationSeconds, `the transcript shows the call's duration (${call.durationSeconds} s)`);
    assert.ok(call.durationSeconds !== null && call.durationSeconds >= 1);
    // The widget shows the same duration.
    await customerPage.getByText(ended[0], { exact: true }).waitFor();
    assert.equal((await ok<{ myActivity: { inMediaCall: boolean } }>(stack.api.url, '{ myActivity { inMediaCall } }', {}, { token: agentToken })).myActivity.inMediaCall, false);
  });

  it('the agent starts a voice call, the customer declines, and both transcripts say so', async () => {
    await agentPage.getByRole('button', { name: 'Start a voice call' }).click();
    await customerPage.getByRole('region', { name: 'Voice call from Alex Agent' }).waitFor();
    await customerPage.getByRole('button', { name: 'Decline call' }).click();
    for (const transcript of [customerPage.locator('parley-widget'), agentTranscript()]) await transcript.getByText('Call declined', { exact: true }).waitFor();
    await customerPage.getByRole('button', { name: 'Accept call' }).waitFor({ state: 'detached' });
    await agentPage.getByRole('button', { name: 'Hang up' }).waitFor({ state: 'detached' });
    await agentPage.getByRole('button', { name: 'Start a voice call' }).waitFor();
    await noMediaLeft(agentPage, "the agent's console");

    const record = await until('the declined call', async () => {
      const chat = await chatRecord(interactionId);
      return chat.calls.length === 2 && chat.call === null && chat;
    });
    const declined = record.calls[1]!;
    assert.deepEqual([declined.kind, declined.state, declined.startedBy, declined.endReason, declined.durationSeconds], ['AUDIO', 'ENDED', 'AGENT', 'DECLINED', 0]);
    assert.ok((await systemLines(interactionId)).includes('Call declined'));
  });

  it('the call’s room lets in only a participant with their own token: another call, nobody in it yet', async () => {
    assert.ok(bea, 'the second agent serves the second chat');
    const asBen = { token: ben.token, origin: stack.site.url };
    const { startCall } = await ok<{ startCall: { id: string } }>(stack.api.url, 'mutation($i: ID!) { startCall(interactionId: $i, kind: VIDEO) { id } }', { i: ben.interactionId }, { token: bea.token });
    await ok(stack.api.url, 'mutation($c: ID!) { answerCall(callId: $c, accept: true) { id } }', { c: startCall.id }, asBen);
    const bens = (await ok<{ joinCall: MediaJoin }>(stack.api.url, JOIN_CALL, { c: startCall.id }, asBen)).joinCall;
    // Another agent, not on this chat, gets no ticket at all: to them the call does not exist.
    assert.equal(await errorCode(stack.api.url, JOIN_CALL, { c: startCall.id }, { token: agentToken }), 'NOT_FOUND');

    const { page } = await stack.site.open(stack.browser, stack.demo);
    const publisher = { request: 'join', ptype: 'publisher', room: bens.room, display: 'Ben Second' };
    const probe = await probeRoom(page, socketUrl(bens), { withoutToken: publisher, withOwnToken: { ...publisher, token: bens.token } });
    assert.deepEqual(probe.withoutToken, { coreError: 433 }, 'no token: Unauthorized');
    assert.deepEqual([probe.withOwnToken.videoroom, probe.withOwnToken.id], ['joined', 'contact'], JSON.stringify(probe.withOwnToken));
    await page.context().close();
  });
});

/** Waits until the `<video>` labelled `name` shows moving pictures. */
async function playing(page: Page, name: string): Promise<void> {
  const video = await page.getByLabel(name, { exact: true }).and(page.locator('video')).elementHandle();
  await page.waitForFunction((element) => element instanceof HTMLVideoElement && element.videoWidth > 0 && element.currentTime > 0, video, { timeout: 20_000 });
}
