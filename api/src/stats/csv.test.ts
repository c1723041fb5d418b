import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csv, csvCell } from './csv';

describe('CSV export', () => {
  it('defuses what a spreadsheet would run as a formula', () => {
    assert.deepEqual(['=HYPERLINK("http://evil","x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(csvCell), [
      `"'=HYPERLINK(""http://evil"",""x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
    ]);
  });

  it('quotes commas, quotes and line breaks, and writes numbers and dates plainly', () => {
    assert.equal(csvCell('Smith, "Al"\nJr'), '"Smith, ""Al""\nJr"');
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(new Date('2026-11-26T10:00:00Z')), '2026-11-26T10:00:00.000Z');
    assert.equal(csv(['a', 'b'], [[1, null]]), 'a,b\r\n1,\r\n');
  });
});
