import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockProblem, colourProblem, normaliseClock, rangeOrderProblem, splitDomains, timezoneProblem, wholeNumberProblem } from './campaign-rules';

describe('campaign rules checked while editing', () => {
  it('takes opening times from 00:00 to 23:59 and closing times up to 24:00', () => {
    for (const time of ['00:00', '09:00', '9:30', '23:59']) assert.equal(clockProblem(time, 'start'), null, time);
    for (const time of ['25:99', '24:00', '12:60', '9am', '0900', '']) assert.notEqual(clockProblem(time, 'start'), null, time);
    for (const time of ['00:30', '18:00', '24:00']) assert.equal(clockProblem(time, 'end'), null, time);
    for (const time of ['25:99', '24:01', '23:5', 'noon']) assert.notEqual(clockProblem(time, 'end'), null, time);
  });

  it('wants closing after opening, once both times are right', () => {
    assert.equal(rangeOrderProblem('09:00', '18:00'), null);
    assert.equal(rangeOrderProblem('18:00', '24:00'), null);
    assert.equal(rangeOrderProblem('18:00', '09:00'), 'must be later than the opening time');
    assert.equal(rangeOrderProblem('09:00', '09:00'), 'must be later than the opening time');
    assert.equal(rangeOrderProblem('25:99', '09:00'), null);
  });

  it('writes times the way the API stores them', () => {
    assert.equal(normaliseClock('9:05'), '09:05');
    assert.equal(normaliseClock(' 24:00 '), '24:00');
    assert.equal(normaliseClock('25:99'), '25:99');
  });

  it('splits allowed domains by line and comma, remembering each entry’s line', () => {
    assert.deepEqual(splitDomains('example.com\n\n*.shop.example, other.org\nnot a domain\n'), {
      domains: ['example.com', '*.shop.example', 'other.org', 'not a domain'],
      lines: [1, 3, 3, 4],
    });
    assert.deepEqual(splitDomains('  '), { domains: [], lines: [] });
  });

  it('checks numbers and colours', () => {
    assert.equal(wholeNumberProblem(3, 1, 50), null);
    assert.equal(wholeNumberProblem(null, 0), 'enter a number');
    assert.equal(wholeNumberProblem(1.5, 0), 'must be a whole number');
    assert.equal(wholeNumberProblem(0, 1, 50), 'must be 1 or more');
    assert.equal(wholeNumberProblem(51, 1, 50), 'must be 50 or less');
    assert.equal(colourProblem('#2563eb'), null);
    assert.notEqual(colourProblem('blue'), null);
  });

  it('knows timezones by their IANA names', () => {
    assert.equal(timezoneProblem('Europe/Madrid'), null);
    assert.equal(timezoneProblem('America/Sao_Paulo'), null);
    assert.notEqual(timezoneProblem('Mars/Olympus_Mons'), null);
  });
});
