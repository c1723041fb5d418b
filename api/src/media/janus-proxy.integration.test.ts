import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeCall, data, servedChat, type MediaJoinView } from '../testing/call-fixtures';
import { conversationApi } from '../testing/conversation-fixtures';
import { JanusSocket } from '../testing/janus-socket';

const SHOP = 'https://shop.example';

/** Janus' "Unauthorized" (433), from the VideoRoom or from the proxy in front of it. */
const unauthorized = (answer: { error_code?: unknown; error?: { code?: number } | unknown }) => answer.error_code === 433 || (answer.error as { code?: number } | undefined)?.code === 433;

describe('the /janus socket: browsers reach Janus only through the API, with a ticket and their own token', () => {
  const stack = conversationApi({}, { media: true });
  const socketUrl = (join: MediaJoinView) => `${stack.api.url.replace(/^http/, 'ws')}${join.url}`;
  const publisherJoin = (join: MediaJoinView, token: string | undefined) => ({ request: 'join', ptype: 'publisher', room: join.room, display: join.display, ...(token === undefined ? {} : { token }) });

  it('gives each participant a token of their own, and lets in only the right ticket with the right token', async () => {
    const chat = await servedChat(stack.fx);
    const call = await activeCall(chat);
    const customer = data(await chat.customer.join(call.id)).joinCall;
    const agent = data(await chat.staff.join(call.id)).joinCall;
    assert.equal(customer.room, agent.room);
    assert.notEqual(customer.token, agent.token);
    assert.notEqual(customer.url, agent.url);
    assert.equal(customer.display, 'Sam Caller');
    assert.match(agent.display, /^Agent \d+$/);
    assert.deepEqual(customer.iceServers, []);
    assert.match(customer.url, /^\/janus\?ticket=[\w.%-]+$/);

    const base = `${stack.api.url.replace(/^http/, 'ws')}/janus`;
    await assert.rejects(JanusSocket.open(base), /403/);
    await assert.rejects(JanusSocket.open(`${base}?ticket=made.up`), /403/);
    await assert.rejects(JanusSocket.open(`${base}?ticket=${decodeURIComponent(customer.url.split('ticket=')[1] as string).replace(/.$/, 'x')}`), /403/);

    const socket = await JanusSocket.open(socketUrl(customer));
    const { session, handle } = await socket.attachVideoRoom();
    assert.ok(unauthorized(await socket.videoRoom(session, handle, publisherJoin(customer, undefined))), 'no token');
    assert.ok(unauthorized(await socket.videoRoom(session, handle, publisherJoin(customer, 'guessed'))), 'a made-up token');
    assert.ok(unauthorized(await socket.videoRoom(session, handle, publisherJoin(customer, agent.token))), "the other side's token");
    const joined = await socket.videoRoom(session, handle, { ...publisherJoin(customer, customer.token), id: 'agent' });
    assert.deepEqual([joined.videoroom, joined.room, joined.id], ['joined', customer.room, 'contact']);
    assert.equal(typeof joined.private_id, 'number');
    await socket.close();
  });

  it("keeps a ticket to its own room: another call's room and token are refused", async () => {
    const first = await servedChat(stack.fx);
    const second = await servedChat(stack.fx);
    const mine = data(await first.customer.join((await activeCall(first)).id)).joinCall;
    const theirs = data(await second.customer.join((await activeCall(second)).id)).joinCall;
    const socket = await JanusSocket.open(socketUrl(mine));
    const { session, handle } = await socket.attachVideoRoom();
    assert.ok(unauthorized(await socket.videoRoom(session, handle, publisherJoin(theirs, theirs.token))), "another call's token");
    assert.equal((await socket.videoRoom(session, handle, publisherJoin(mine, mine.token))).videoroom, 'joined');
    await socket.close();
  });

  it("answers the VideoRoom's administration and other plugins itself, and keeps each socket to its own sessions", async () => {
    const chat = await servedChat(stack.fx);
    const call = await activeCall(chat);
    const join = data(await chat.customer.join(call.id)).joinCall;
    const socket = await JanusSocket.open(socketUrl(join));
    const { session, handle } = await socket.attachVideoRoom();
    for (const request of ['create', 'destroy', 'list', 'listparticipants', 'exists', 'kick', 'allowed', 'rtp_forward', 'edit']) {
      const answer = await socket.videoRoom(session, handle, { request, room: join.room, admin_key: 'guess', secret: 'guess', permanent: false });
      assert.deepEqual([answer.janus, answer.error?.code], ['error', 403], request);
    }
    assert.equal((await socket.request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.echotest' })).error?.code, 403);
    assert.equal((await socket.request({ janus: 'info' })).error?.code, 403);
    const other = await JanusSocket.open(socketUrl(data(await chat.staff.join(call.id)).joinCall));
    assert.equal((await other.request({ janus: 'attach', session_id: session, plugin: 'janus.plugin.videoroom' })).error?.code, 458);
    assert.equal((await other.request({ janus: 'message', session_id: session, handle_id: handle, body: { request: 'leave' } })).error?.code, 458);
    await other.close();
    await socket.close();
  });

  it("lets a customer's socket in only from the campaign's allowed sites, like /graphql", async () => {
    const chat = await servedChat(stack.fx, { allowedDomains: ['shop.example'] }, { origin: SHOP });
    const { startCall } = data(await chat.customer.start(chat.interactionId));
    const join = data(await chat.customer.join(startCall.id)).joinCall;
    await assert.rejects(JanusSocket.open(socketUrl(join), 'https://evil.example'), /403/);
    await assert.rejects(JanusSocket.open(socketUrl(join)), /403/);
    const socket = await JanusSocket.open(socketUrl(join), SHOP);
    const { session, handle } = await socket.attachVideoRoom();
    assert.equal((await socket.videoRoom(session, handle, publisherJoin(join, join.token))).videoroom, 'joined');
    await socket.close();
  });

  it('routes other upgrade paths away without disturbing /graphql', async () => {
    const { default: WebSocket } = await import('ws');
    const refused = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${stack.api.url.replace(/^http/, 'ws')}/elsewhere`);
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => reject(new Error('opened')));
      socket.once('error', () => undefined);
    });
    assert.equal(refused, 404);
  });
});
