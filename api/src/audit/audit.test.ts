import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedSettings } from './audit';

describe('audit', () => {
  it('names the settings that changed, nested values compared whole', () => {
    const before = { name: 'Support', thresholds: { acd: 3, maxChats: 10 }, allowedDomains: ['a.test'] };
    assert.deepEqual(changedSettings(before, { name: 'Support', thresholds: { acd: 4, maxChats: 10 }, allowedDomains: ['a.test', 'b.test'] }), ['allowedDomains', 'thresholds']);
    assert.deepEqual(changedSettings(before, before), []);
    // Stored JSON comes back with its keys in another order: not a change.
    assert.deepEqual(changedSettings({ thresholds: { maxChats: 10, acd: 3 } }, { thresholds: { acd: 3, maxChats: 10 } }), []);
  });
});
