import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterClientFrame, newProxySession, observeJanusFrame, type FrameVerdict, type ProxySession } from './janus-frames';
import type { Ticket } from './media-keys';

const ticket: Ticket = { room: 'call-1', participant: 'contact', campaignId: 'c', expiresAt: Date.now() + 60_000 };
const SECRET = 'the-api-secret';

const TOKEN = 'the-contact-token';
const send = (state: ProxySession, frame: Record<string, unknown>): FrameVerdict => filterClientFrame(JSON.stringify(frame), ticket, TOKEN, SECRET, state);
const forwarded = (verdict: FrameVerdict) => {
  assert.ok('forward' in verdict, `expected the frame to be forwarded, it was answered: ${'answer' in verdict ? verdict.answer : ''}`);
  return JSON.parse(verdict.forward) as Record<string, unknown> & { body?: Record<string, unknown> };
};
const refused = (verdict: FrameVerdict) => {
  assert.ok('answer' in verdict, 'expected the frame to be answered by the proxy');
  return JSON.parse(verdict.answer) as { janus: string; transaction?: string; error: { code: number; reason: string } };
};

/** A socket that made session 10 with handle 20, as Janus answered. */
function opened(): ProxySession {
  const state = newProxySession();
  forwarded(send(state, { janus: 'create', transaction: 'a' }));
  observeJanusFrame(JSON.stringify({ janus: 'success', transaction: 'a', data: { id: 10 } }), state);
  forwarded(send(state, { janus: 'attach', transaction: 'b', session_id: 10, plugin: 'janus.plugin.videoroom' }));
  observeJanusFrame(JSON.stringify({ janus: 'success', transaction: 'b', session_id: 10, data: { id: 20 } }), state);
  return state;
}
const message = (body: Record<string, unknown>) => ({ janus: 'message', transaction: 'm', session_id: 10, handle_id: 20, body });

describe('janus frames: what a browser may say to Janus through the API', () => {
  it('adds the API secret to every frame, replacing any the browser sent', () => {
    const state = newProxySession();
    assert.equal(forwarded(send(state, { janus: 'create', transaction: 't', apisecret: 'guess' })).apisecret, SECRET);
    assert.equal(forwarded(send(opened(), { janus: 'keepalive', transaction: 'k', session_id: 10 })).apisecret, SECRET);
  });

  it('answers admin and core requests itself: info, claim, the admin API, other plugins', () => {
    for (const janus of ['info', 'claim', 'list_sessions', 'ping', 'add_token']) assert.equal(refused(send(opened(), { janus, transaction: 't', session_id: 10 })).error.code, 403);
    const other = refused(send(opened(), { janus: 'attach', transaction: 't', session_id: 10, plugin: 'janus.plugin.echotest' }));
    assert.match(other.error.reason, /videoroom/);
    assert.equal(other.transaction, 't');
  });

  it("refuses the VideoRoom's administration: create, destroy, list, listparticipants, exists, kick, rtp_forward, edit, allowed", () => {
    for (const request of ['create', 'destroy', 'list', 'listparticipants', 'exists', 'kick', 'rtp_forward', 'edit', 'allowed', 'moderate', 'enable_recording']) {
      assert.equal(refused(send(opened(), message({ request, room: 'call-1' }))).error.code, 403, request);
    }
  });

  it("forces every join into the ticket's room, and a publisher's id to the ticket's participant", () => {
    const join = forwarded(send(opened(), message({ request: 'join', ptype: 'publisher', room: 'call-2', id: 'agent', token: TOKEN, display: 'Sam' })));
    assert.deepEqual(join.body, { request: 'join', ptype: 'publisher', room: 'call-1', id: 'contact', token: TOKEN, display: 'Sam' });
    const missing = forwarded(send(opened(), message({ request: 'joinandconfigure', ptype: 'publisher', token: TOKEN })));
    assert.equal(missing.body?.room, 'call-1');
    const subscriber = forwarded(send(opened(), message({ request: 'join', ptype: 'subscriber', room: 'call-9', private_id: 5, streams: [{ feed: 'agent' }] })));
    assert.deepEqual(subscriber.body, { request: 'join', ptype: 'subscriber', room: 'call-1', private_id: 5, streams: [{ feed: 'agent' }] });
    assert.equal(refused(send(opened(), message({ request: 'join', ptype: 'admin' }))).error.code, 403);
  });

  it("refuses a publisher's join with another token than the participant's own (Janus only checks it is one of the room's)", () => {
    for (const token of [undefined, 'the-agent-token', '']) assert.equal(refused(send(opened(), message({ request: 'join', ptype: 'publisher', token }))).error.code, 433);
  });

  it('drops what would record on the media server or touch the room: record, filename, secret, admin_key', () => {
    const configure = forwarded(send(opened(), { ...message({ request: 'configure', audio: true, record: true, filename: '/etc/passwd', secret: 's', admin_key: 'k' }), jsep: { type: 'offer', sdp: 'v=0' } }));
    assert.deepEqual(configure.body, { request: 'configure', audio: true });
    assert.deepEqual(configure.jsep, { type: 'offer', sdp: 'v=0' });
  });

  it('lets a socket use only the sessions and handles it made', () => {
    assert.equal(refused(send(opened(), { janus: 'keepalive', transaction: 't', session_id: 11 })).error.code, 458);
    assert.equal(refused(send(opened(), { janus: 'message', transaction: 't', session_id: 10, handle_id: 21, body: { request: 'leave' } })).error.code, 459);
    assert.equal(refused(send(newProxySession(), { janus: 'attach', transaction: 't', session_id: 10, plugin: 'janus.plugin.videoroom' })).error.code, 458);
    assert.equal(forwarded(send(opened(), { janus: 'trickle', transaction: 't', session_id: 10, handle_id: 20, candidate: { completed: true } })).handle_id, 20);
  });

  it('bounds the sessions and handles of one socket', () => {
    const state = opened();
    forwarded(send(state, { janus: 'create', transaction: 'c2' }));
    assert.equal(refused(send(state, { janus: 'create', transaction: 'c3' })).error.code, 429);
    for (let i = 0; i < 7; i += 1) {
      forwarded(send(state, { janus: 'attach', transaction: `h${i}`, session_id: 10, plugin: 'janus.plugin.videoroom' }));
      observeJanusFrame(JSON.stringify({ janus: 'success', transaction: `h${i}`, data: { id: 100 + i } }), state);
    }
    assert.equal(refused(send(state, { janus: 'attach', transaction: 'h9', session_id: 10, plugin: 'janus.plugin.videoroom' })).error.code, 429);
  });

  it('answers what is not a Janus request: not JSON, an array, no transaction', () => {
    assert.equal(refused(filterClientFrame('not json', ticket, TOKEN, SECRET, newProxySession())).error.code, 454);
    assert.equal(refused(filterClientFrame('[1]', ticket, TOKEN, SECRET, newProxySession())).error.code, 454);
    assert.equal(refused(send(newProxySession(), { janus: 'create' })).error.code, 456);
  });
});
