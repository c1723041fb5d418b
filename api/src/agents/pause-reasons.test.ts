import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPauseReasons } from './pause-reasons';

describe('pause reasons', () => {
  it('keeps the admin’s order, trimmed', () => {
    assert.deepEqual(checkPauseReasons(['  Lunch ', 'Coaching   session']), { reasons: ['Lunch', 'Coaching session'] });
  });

  it('names the reason that is empty, too long or listed twice', () => {
    assert.equal(checkPauseReasons(['Lunch', ' ']).problem?.field, 'reasons[1]');
    assert.equal(checkPauseReasons(['x'.repeat(61)]).problem?.field, 'reasons[0]');
    assert.deepEqual(checkPauseReasons(['Lunch', 'LUNCH']).problem, { field: 'reasons[1]', message: '"LUNCH" is listed twice' });
    assert.equal(checkPauseReasons([]).problem?.field, 'reasons');
  });
});
