import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Viewer } from '../auth/viewer';
import { Role } from '../auth/role';
import { CallEndReason, CallKind, CallSide, CallState } from './call.enums';
import { answerRefusal, callSideOf, durationSeconds, endedLine, endRefusal, formatDuration, hangUpReason, joinRefusal, sideOf, startedLine, startRefusal, type CallFacts, type ChatFacts } from './call-policy';

const later = new Date('2026-12-01T10:00:00Z');
const chat: ChatFacts = { contactId: 'contact-1', campaignId: 'campaign-1', agentId: 'agent-1', active: true, mediaEnabled: true };
const visitor = (contactId = 'contact-1', campaignId = 'campaign-1'): Viewer => ({ kind: 'visitor', contactId, campaignId, sessionId: 's', expiresAt: later });
const staff = (userId: string, role = Role.AGENT): Viewer => ({ kind: 'staff', userId, role, sessionId: 's', expiresAt: later });
const call = (state: CallState, startedBy: CallSide, agentId = 'agent-1'): CallFacts => ({ state, startedBy, agentId });
const codeOf = (refusal: { code: string } | undefined) => refusal?.code;

describe('call policy: who is a side of a call', () => {
  it("finds the chat's customer by their visitor token, and its assigned agent", () => {
    assert.equal(sideOf(visitor(), chat), CallSide.CONTACT);
    assert.equal(sideOf(staff('agent-1'), chat), CallSide.AGENT);
  });

  it('finds nobody else: another customer, the same contact on another campaign, another agent, a supervisor, an API key, anonymous callers', () => {
    for (const viewer of [visitor('contact-2'), visitor('contact-1', 'campaign-2'), staff('agent-2'), staff('boss', Role.SUPERVISOR), staff('root', Role.ADMIN)]) assert.equal(sideOf(viewer, chat), undefined);
    assert.equal(sideOf({ kind: 'apiKey', apiKeyId: 'k', scopes: [] }, chat), undefined);
    assert.equal(sideOf({ kind: 'anonymous', rejectedToken: false }, chat), undefined);
    assert.equal(sideOf(staff('agent-1'), { ...chat, agentId: null }), undefined);
  });

  it("keeps an agent who now serves the chat out of a call made with the chat's earlier agent", () => {
    assert.equal(callSideOf(staff('agent-2'), { ...chat, agentId: 'agent-2' }, { agentId: 'agent-1' }), undefined);
    assert.equal(callSideOf(staff('agent-1'), chat, { agentId: 'agent-1' }), CallSide.AGENT);
    assert.equal(callSideOf(visitor(), chat, { agentId: 'agent-1' }), CallSide.CONTACT);
  });
});

describe('call policy: starting, answering, joining and ending', () => {
  it('lets either side start a call in an active chat of a campaign with media on, one at a time, with a media server', () => {
    assert.equal(startRefusal(CallSide.CONTACT, chat, false, true), undefined);
    assert.equal(startRefusal(CallSide.AGENT, chat, false, true), undefined);
    assert.equal(codeOf(startRefusal(undefined, chat, false, true)), 'FORBIDDEN');
    assert.equal(codeOf(startRefusal(CallSide.CONTACT, { ...chat, mediaEnabled: false }, false, true)), 'FORBIDDEN');
    assert.equal(codeOf(startRefusal(CallSide.CONTACT, chat, false, false)), 'SERVICE_UNAVAILABLE');
    assert.equal(codeOf(startRefusal(CallSide.CONTACT, { ...chat, active: false }, false, true)), 'CONFLICT');
    assert.equal(codeOf(startRefusal(CallSide.AGENT, chat, true, true)), 'CONFLICT');
  });

  it('lets only the side that did not start a call answer it, while it rings', () => {
    assert.equal(answerRefusal(CallSide.AGENT, call(CallState.RINGING, CallSide.CONTACT)), undefined);
    assert.equal(answerRefusal(CallSide.CONTACT, call(CallState.RINGING, CallSide.AGENT)), undefined);
    assert.equal(codeOf(answerRefusal(CallSide.CONTACT, call(CallState.RINGING, CallSide.CONTACT))), 'FORBIDDEN');
    assert.equal(codeOf(answerRefusal(undefined, call(CallState.RINGING, CallSide.CONTACT))), 'FORBIDDEN');
    assert.equal(codeOf(answerRefusal(CallSide.AGENT, call(CallState.ACTIVE, CallSide.CONTACT))), 'CONFLICT');
    assert.equal(codeOf(answerRefusal(CallSide.AGENT, call(CallState.ENDED, CallSide.CONTACT))), 'CONFLICT');
  });

  it('lets the caller join while it rings, both sides while active, nobody once ended', () => {
    assert.equal(joinRefusal(CallSide.CONTACT, call(CallState.RINGING, CallSide.CONTACT)), undefined);
    assert.equal(codeOf(joinRefusal(CallSide.AGENT, call(CallState.RINGING, CallSide.CONTACT))), 'CONFLICT');
    assert.equal(joinRefusal(CallSide.AGENT, call(CallState.ACTIVE, CallSide.CONTACT)), undefined);
    assert.equal(joinRefusal(CallSide.CONTACT, call(CallState.ACTIVE, CallSide.CONTACT)), undefined);
    assert.equal(codeOf(joinRefusal(CallSide.CONTACT, call(CallState.ENDED, CallSide.CONTACT))), 'CONFLICT');
    assert.equal(codeOf(joinRefusal(undefined, call(CallState.ACTIVE, CallSide.CONTACT))), 'FORBIDDEN');
  });

  it("lets both sides end a call and nobody else; the callee hanging up a ringing call declines it", () => {
    assert.equal(endRefusal(CallSide.CONTACT), undefined);
    assert.equal(codeOf(endRefusal(undefined)), 'FORBIDDEN');
    assert.equal(hangUpReason(CallSide.AGENT, call(CallState.RINGING, CallSide.CONTACT)), CallEndReason.DECLINED);
    assert.equal(hangUpReason(CallSide.CONTACT, call(CallState.RINGING, CallSide.CONTACT)), CallEndReason.HUNG_UP);
    assert.equal(hangUpReason(CallSide.AGENT, call(CallState.ACTIVE, CallSide.CONTACT)), CallEndReason.HUNG_UP);
  });
});

describe('call policy: durations and transcript lines', () => {
  const answered = new Date('2026-12-01T10:00:00Z');
  const ended = new Date('2026-12-01T10:01:05Z');

  it('measures from answer to end, 0 for a call never answered', () => {
    assert.equal(durationSeconds(answered, ended), 65);
    assert.equal(durationSeconds(null, ended), 0);
    assert.deepEqual([0, 5, 65, 600, 3725].map(formatDuration), ['0:00', '0:05', '1:05', '10:00', '1:02:05']);
  });

  it("writes the call's start and end in the chat's language, with the duration once answered", () => {
    assert.equal(startedLine(CallKind.VIDEO, 'EN'), 'Video call started');
    assert.equal(startedLine(CallKind.AUDIO, 'ES'), 'Llamada de voz iniciada');
    assert.equal(endedLine(CallKind.VIDEO, 'EN', answered, ended, CallEndReason.HUNG_UP), 'Video call ended (1:05)');
    assert.equal(endedLine(CallKind.AUDIO, 'PT', answered, ended, CallEndReason.CHAT_CLOSED), 'Chamada de voz encerrada (1:05)');
    assert.equal(endedLine(CallKind.VIDEO, 'EN', null, ended, CallEndReason.DECLINED), 'Call declined');
    assert.equal(endedLine(CallKind.VIDEO, 'ES', null, ended, CallEndReason.DECLINED), 'Llamada rechazada');
    for (const reason of [CallEndReason.NOT_ANSWERED, CallEndReason.HUNG_UP, CallEndReason.CHAT_CLOSED, CallEndReason.DISCONNECTED]) {
      assert.equal(endedLine(CallKind.VIDEO, 'EN', null, ended, reason), 'Missed call');
    }
    assert.equal(endedLine(CallKind.AUDIO, 'PT', null, ended, CallEndReason.NOT_ANSWERED), 'Chamada perdida');
  });
});
