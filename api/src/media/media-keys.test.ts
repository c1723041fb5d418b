import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MediaKeys, TICKET_SECONDS } from './media-keys';

const now = new Date('2026-12-01T10:00:00Z');
const keys = new MediaKeys('api-secret-of-this-deployment');

describe('media keys: tickets, join tokens and room secrets', () => {
  it('accepts its own ticket until it expires, on any instance sharing the secret', () => {
    const ticket = keys.sign({ room: 'call-1', participant: 'contact', campaignId: 'campaign-1' }, now);
    assert.deepEqual(new MediaKeys('api-secret-of-this-deployment').verify(ticket, now), { room: 'call-1', participant: 'contact', campaignId: 'campaign-1', expiresAt: now.getTime() + TICKET_SECONDS * 1000 });
    assert.equal(keys.verify(ticket, new Date(now.getTime() + TICKET_SECONDS * 1000)), undefined);
  });

  it('refuses a ticket signed with another secret, changed, cut, or made up', () => {
    const ticket = keys.sign({ room: 'call-1', participant: 'agent' }, now);
    const [payload, signature] = ticket.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ r: 'call-2', p: 'agent', e: now.getTime() + 60_000 })).toString('base64url');
    for (const bad of [new MediaKeys('another-secret-altogether').sign({ room: 'call-1', participant: 'agent' }, now), `${forged}.${signature}`, payload, `${payload}.`, `${ticket}.x`, '', 'x'.repeat(3000)]) {
      assert.equal(keys.verify(bad, now), undefined, bad.slice(0, 40));
    }
    assert.equal(keys.verify(null, now), undefined);
  });

  it('gives each participant of each room a token of their own, and each room a secret', () => {
    const tokens = [keys.token('call-1', 'contact'), keys.token('call-1', 'agent'), keys.token('call-2', 'contact')];
    assert.equal(new Set(tokens).size, 3);
    assert.equal(keys.token('call-1', 'contact'), tokens[0]);
    assert.notEqual(keys.roomSecret('call-1'), keys.roomSecret('call-2'));
    assert.notEqual(new MediaKeys('another-secret-altogether').token('call-1', 'contact'), tokens[0]);
  });
});
