import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_FILTER, exportQuery, filterFromParams, filterToParams, localDayStart, rangeBackwards, toInteractionFilter } from './recordings-filter';

describe('recordings filter', () => {
  it('reads the address, ignoring what is not a real value', () => {
    const filter = filterFromParams({ campaign: 'c1', state: 'CLOSED', from: '2026-03-01', to: '2026-02-30', text: ' invoice ', outOfHours: 'maybe' });
    assert.deepEqual(filter, { ...EMPTY_FILTER, campaignId: 'c1', state: 'CLOSED', from: '2026-03-01', text: ' invoice ' });
    assert.equal(filterFromParams({ state: 'DELETED' }).state, '');
  });

  it('writes back only what is set, and reads the same filter from it', () => {
    const filter = { ...EMPTY_FILTER, agentId: 'a1', outOfHours: 'true' as const, text: 'refund' };
    const params = filterToParams(filter);
    assert.deepEqual(params, { agent: 'a1', text: 'refund', outOfHours: 'true' });
    assert.deepEqual(filterFromParams(params), filter);
  });

  it('asks the API for whole days on this clock, "to" included', () => {
    const input = toInteractionFilter({ ...EMPTY_FILTER, from: '2026-03-01', to: '2026-03-02', outOfHours: 'false', text: '  ' });
    assert.equal(input.from, new Date(2026, 2, 1).toISOString());
    assert.equal(input.to, new Date(2026, 2, 3).toISOString());
    assert.equal(input.outOfHours, false);
    assert.equal('text' in input, false);
  });

  it('exports the same filter', () => {
    const query = new URLSearchParams(exportQuery({ ...EMPTY_FILTER, campaignId: 'c1', state: 'CLOSED', text: 'a&b', outOfHours: 'true' }));
    assert.equal(query.get('campaignId'), 'c1');
    assert.equal(query.get('state'), 'CLOSED');
    assert.equal(query.get('text'), 'a&b');
    assert.equal(query.get('outOfHours'), 'true');
  });

  it('knows real days and backwards ranges', () => {
    assert.equal(localDayStart('2026-02-29'), undefined);
    assert.equal(localDayStart('yesterday'), undefined);
    assert.ok(localDayStart('2028-02-29'));
    assert.equal(rangeBackwards({ ...EMPTY_FILTER, from: '2026-03-02', to: '2026-03-01' }), true);
    assert.equal(rangeBackwards({ ...EMPTY_FILTER, from: '2026-03-02' }), false);
  });
});
