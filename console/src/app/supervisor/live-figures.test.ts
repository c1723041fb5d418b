import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorTime, formatPercent, pruneAnchors, secondsBetween, secondsSince, serviceLevelHealth } from './live-figures';

describe('live figures', () => {
  it('anchors a duration at the moment it began, and keeps the tighter moment when pushes agree', () => {
    const first = anchorTime(undefined, 10_500, 5);
    assert.equal(first, 5_500);
    // One second later the API says 6: the same start, within rounding.
    assert.equal(anchorTime(first, 11_400, 6), 5_400);
    assert.equal(anchorTime(5_400, 12_900, 7), 5_400);
    // A new spell (the agent went idle again): the new moment wins.
    assert.equal(anchorTime(5_400, 30_000, 1), 29_000);
    assert.equal(anchorTime(undefined, 1_000, -3), 1_000);
  });

  it('counts whole seconds since the anchor, never below zero', () => {
    assert.equal(secondsSince(5_400, 5_400), 0);
    assert.equal(secondsSince(5_400, 8_399), 2);
    assert.equal(secondsSince(5_400, 8_400), 3);
    assert.equal(secondsSince(9_000, 8_000), 0);
  });

  it('ticks a timer once a second between pushes without going back', () => {
    let anchor: number | undefined;
    const shown: number[] = [];
    // Pushes each second, received 300 ms after the API's whole second; the screen redraws every 50 ms.
    for (let t = 0; t <= 6_000; t += 50) {
      if (t % 1000 === 300) anchor = anchorTime(anchor, 100_000 + t, Math.floor(t / 1000) + 10);
      if (anchor !== undefined) shown.push(secondsSince(anchor, 100_000 + t));
    }
    for (let i = 1; i < shown.length; i += 1) assert.ok(shown[i]! >= shown[i - 1]!, `${shown.join(',')}`);
    assert.equal(shown.at(-1), 15);
  });

  it("counts the seconds between two of the API's moments, whatever the screen's clock says", () => {
    assert.equal(secondsBetween('2025-03-04T10:00:00.000Z', '2025-03-04T10:02:05.900Z'), 125);
    assert.equal(secondsBetween('2025-03-04T10:00:01.000Z', '2025-03-04T10:00:00.000Z'), 0);
    assert.equal(secondsBetween(null, '2025-03-04T10:00:00.000Z'), null);
    assert.equal(secondsBetween('not a date', '2025-03-04T10:00:00.000Z'), null);
  });

  it('says whether the service level meets its target', () => {
    assert.equal(serviceLevelHealth(0.85, 0.8), 'met');
    assert.equal(serviceLevelHealth(0.8, 0.8), 'met');
    assert.equal(serviceLevelHealth(0.75, 0.8), 'near');
    assert.equal(serviceLevelHealth(0.6, 0.8), 'missed');
  });

  it('writes whole percents in the locale', () => {
    assert.equal(formatPercent(0.8, 'en-GB'), '80%');
    assert.equal(formatPercent(0.125, 'en-GB'), '13%');
    assert.match(formatPercent(0.5, 'es-ES'), /^50\s?%$/);
    assert.equal(formatPercent(Number.NaN, 'en-GB'), '0%');
  });

  it('forgets anchors no longer shown', () => {
    const anchors = new Map([['chat:a', 1], ['chat:b', 2]]);
    pruneAnchors(anchors, new Set(['chat:b']));
    assert.deepEqual([...anchors.keys()], ['chat:b']);
  });
});
