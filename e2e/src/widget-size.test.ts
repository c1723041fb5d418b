import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

/** The widget loads on customers' pages: its weight is part of the product. Built by `npm run build -w widget`. */
const WIDGET = path.resolve(__dirname, '../../widget/dist/widget.js');
const BUDGET_BYTES = 30 * 1024;

describe('widget size', () => {
  it('keeps widget.js within 30 KB gzipped', () => {
    const gzipped = gzipSync(readFileSync(WIDGET), { level: 9 }).length;
    assert.ok(gzipped <= BUDGET_BYTES, `widget.js is ${(gzipped / 1024).toFixed(1)} KB gzipped, over the ${BUDGET_BYTES / 1024} KB budget`);
  });
});
