import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverOffset } from './server-offset';

const at = (iso: string) => Date.parse(iso);

describe('the API clock offset', () => {
  it('is 0 when the clocks agree within the Date header’s second', () => {
    assert.equal(serverOffset(at('2026-11-26T10:00:00.100Z'), at('2026-11-26T10:00:00.300Z'), 'Thu, 26 Nov 2026 10:00:00 GMT'), 0);
    assert.equal(serverOffset(at('2026-11-26T10:00:00.900Z'), at('2026-11-26T10:00:01.100Z'), 'Thu, 26 Nov 2026 10:00:00 GMT'), 0);
  });

  it('measures a browser clock three hours behind, and one ahead', () => {
    const behind = serverOffset(at('2026-11-26T07:00:00.000Z'), at('2026-11-26T07:00:00.200Z'), 'Thu, 26 Nov 2026 10:00:00 GMT');
    assert.ok(behind !== null && Math.abs(behind - 3 * 3600_000) <= 1000, String(behind));
    const ahead = serverOffset(at('2026-11-26T11:00:00.000Z'), at('2026-11-26T11:00:00.200Z'), 'Thu, 26 Nov 2026 10:00:00 GMT');
    assert.ok(ahead !== null && Math.abs(ahead + 3600_000) <= 1000, String(ahead));
  });

  it('learns nothing from a missing or unreadable header', () => {
    assert.equal(serverOffset(0, 10, null), null);
    assert.equal(serverOffset(0, 10, 'yesterday-ish'), null);
  });
});
