import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presenceStep } from './room-presence';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds));
const ABSENCE = 10_000;

describe('room presence: who has left a media room', () => {
  it('remembers everyone seen, and nobody has left while all are there', () => {
    const first = presenceStep({ seen: [], absentSince: null }, ['contact'], at(0), ABSENCE);
    assert.deepEqual(first, { seen: ['contact'], absentSince: null, gone: undefined, changed: true });
    const both = presenceStep(first, ['agent', 'contact'], at(2), ABSENCE);
    assert.deepEqual(both, { seen: ['agent', 'contact'], absentSince: null, gone: undefined, changed: true });
    assert.equal(presenceStep(both, ['contact', 'agent'], at(4), ABSENCE).changed, false);
  });

  it('names a participant missing for the absence time, not before', () => {
    const missing = presenceStep({ seen: ['agent', 'contact'], absentSince: null }, ['contact'], at(10), ABSENCE);
    assert.deepEqual([missing.absentSince, missing.gone, missing.changed], [at(10), undefined, true]);
    assert.equal(presenceStep(missing, ['contact'], at(19), ABSENCE).gone, undefined);
    assert.equal(presenceStep(missing, ['contact'], at(19), ABSENCE).changed, false);
    assert.equal(presenceStep(missing, ['contact'], at(20), ABSENCE).gone, 'agent');
    assert.equal(presenceStep(missing, [], at(20), ABSENCE).gone, 'agent');
  });

  it('forgives a participant who comes back in time (a reload)', () => {
    const back = presenceStep({ seen: ['agent', 'contact'], absentSince: at(10) }, ['agent', 'contact'], at(15), ABSENCE);
    assert.deepEqual([back.absentSince, back.gone, back.changed], [null, undefined, true]);
  });

  it('does not wait for someone who never joined', () => {
    assert.equal(presenceStep({ seen: [], absentSince: null }, [], at(100), ABSENCE).gone, undefined);
  });
});
