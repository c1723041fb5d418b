import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validCampaignInput } from './campaign.fixtures';
import type { CampaignInput } from './campaign.inputs';
import { isCalendarDate, normaliseDomain, validateCampaign } from './campaign.validation';

const fieldsOf = (input: CampaignInput) => validateCampaign(input).problems.map((problem) => problem.field);
const base = validCampaignInput();

describe('campaign validation', () => {
  it('accepts a complete campaign and normalises it', () => {
    const { problems, settings } = validateCampaign(
      validCampaignInput({ name: '  Sales ', colour: '#aabbcc', allowedDomains: ['Shop.Example.com', '*.example.org', 'shop.example.com', 'https://Shop.Example.com:8443/', 'https://shop.example.com:443'] }),
    );
    assert.deepEqual(problems, []);
    assert.equal(settings.name, 'Sales');
    assert.equal(settings.colour, '#AABBCC');
    assert.deepEqual(settings.allowedDomains, ['shop.example.com', '*.example.org', 'https://shop.example.com:8443', 'https://shop.example.com']);
  });

  const cases: [string, Partial<CampaignInput>, string][] = [
    ['an empty name', { name: '  ' }, 'name'],
    ['a colour that is not #RRGGBB', { colour: 'blue' }, 'colour'],
    ['a short colour', { colour: '#123' }, 'colour'],
    ['a negative threshold', { thresholds: { ...base.thresholds, maxChats: -1 } }, 'thresholds.maxChats'],
    ['a warning not below the limit', { thresholds: { ...base.thresholds, chatTimeWarnSeconds: 300 } }, 'thresholds.chatTimeWarnSeconds'],
    ['a service level above 1', { serviceLevelTarget: 1.2 }, 'serviceLevelTarget'],
    ['a negative service level', { serviceLevelTarget: -0.1 }, 'serviceLevelTarget'],
    ['no chats per agent', { maxInteractionsPerAgent: 0 }, 'maxInteractionsPerAgent'],
    ['an unknown timezone', { schedule: { ...base.schedule, timezone: 'Mars/Base' } }, 'schedule.timezone'],
    ['a range ending before it starts', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '18:00', end: '09:00' }] } }, 'schedule.ranges[0].start'],
    ['a malformed time', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '9am', end: '18:00' }] } }, 'schedule.ranges[0].start'],
    ['an opening time past 23:59', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '25:99', end: '18:00' }] } }, 'schedule.ranges[0].start'],
    ['24:00 as an opening time', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '24:00', end: '24:00' }] } }, 'schedule.ranges[0].start'],
    ['a closing time past midnight', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '09:00', end: '24:30' }] } }, 'schedule.ranges[0].end'],
    ['a malformed closing time', { schedule: { ...base.schedule, ranges: [{ weekday: 1, start: '09:00', end: '25:99' }] } }, 'schedule.ranges[0].end'],
    ['a weekday out of range', { schedule: { ...base.schedule, ranges: [{ weekday: 7, start: '09:00', end: '18:00' }] } }, 'schedule.ranges[0].weekday'],
    ['an impossible exception date', { schedule: { ...base.schedule, exceptions: [{ date: '2026-02-30', closed: true }] } }, 'schedule.exceptions[0].date'],
    ['an open exception without hours', { schedule: { ...base.schedule, exceptions: [{ date: '2026-12-24', closed: false, ranges: [] }] } }, 'schedule.exceptions[0].ranges'],
    ['a URL with a path as allowed domain', { allowedDomains: ['https://example.com/shop'] }, 'allowedDomains[0]'],
    ['an allowed domain with another scheme', { allowedDomains: ['ftp://example.com'] }, 'allowedDomains[0]'],
    ['an allowed domain with a port out of range', { allowedDomains: ['https://example.com:70000'] }, 'allowedDomains[0]'],
    ['a wildcard over a whole TLD', { allowedDomains: ['*.com'] }, 'allowedDomains[0]'],
    ['offline messages without an address', { offlineMessageEnabled: true, offlineMessageEmail: null }, 'offlineMessageEmail'],
    ['an invalid offline address', { offlineMessageEnabled: true, offlineMessageEmail: 'not-an-email' }, 'offlineMessageEmail'],
    ['an empty Spanish welcome', { welcomeMessage: { en: 'Hi', es: ' ', pt: 'Olá' } }, 'welcomeMessage.es'],
    ['an empty Portuguese feedback text', { feedbackMessage: { en: 'Hi', es: 'Hola', pt: '' } }, 'feedbackMessage.pt'],
    ['a required hidden custom field', { customField: { label: 'Order', visible: false, required: true } }, 'customField.required'],
    ['a shown custom field without label', { customField: { label: '', visible: true, required: false } }, 'customField.label'],
  ];
  for (const [what, overrides, field] of cases) {
    it(`refuses ${what}, naming ${field}`, () => {
      assert.ok(fieldsOf(validCampaignInput(overrides)).includes(field), `${field} not in ${fieldsOf(validCampaignInput(overrides)).join(', ')}`);
    });
  }

  it('reports every problem, not only the first', () => {
    const fields = fieldsOf(validCampaignInput({ name: '', colour: 'red', serviceLevelTarget: 2 }));
    assert.deepEqual(fields.sort(), ['colour', 'name', 'serviceLevelTarget']);
  });

  it('names both times of a range when both are malformed, and takes 24:00 as a closing time', () => {
    const bothBad = validCampaignInput({ schedule: { ...base.schedule, ranges: [{ weekday: 2, start: '25:99', end: '99:00' }] } });
    assert.deepEqual(fieldsOf(bothBad).sort(), ['schedule.ranges[0].end', 'schedule.ranges[0].start']);
    const untilMidnight = validCampaignInput({ schedule: { ...base.schedule, ranges: [{ weekday: 5, start: '18:00', end: '24:00' }] } });
    assert.deepEqual(fieldsOf(untilMidnight), []);
  });

  it('reads hostnames and calendar dates strictly', () => {
    assert.equal(normaliseDomain('localhost'), 'localhost');
    assert.equal(normaliseDomain('*.shop.example.com'), '*.shop.example.com');
    assert.equal(normaliseDomain('exa mple.com'), undefined);
    assert.equal(normaliseDomain('example.com:8080'), 'https://example.com:8080');
    assert.equal(normaliseDomain('HTTP://LocalHost:4000/'), 'http://localhost:4000');
    assert.equal(normaliseDomain('https://example.com/shop'), undefined);
    assert.equal(normaliseDomain('-bad.com'), undefined);
    assert.equal(isCalendarDate('2028-02-29'), true);
    assert.equal(isCalendarDate('2027-02-29'), false);
    assert.equal(isCalendarDate('2027-1-01'), false);
  });
});
