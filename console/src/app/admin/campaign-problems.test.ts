import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controlOfField, fieldProblemsOf, locateControlProblems, locateProblem, locateProblems, messagesByControl, summaryLine } from './campaign-problems';

describe('campaign problems: from API paths to the editor', () => {
  it('reads extensions.problems, or the single field of a refusal', () => {
    const problems = [
      { field: 'allowedDomains[0]', message: '"not a domain" is not a site' },
      { field: 'name', message: 'must not be empty' },
    ];
    assert.deepEqual(fieldProblemsOf({ message: 'allowedDomains[0]: …', extensions: { code: 'BAD_USER_INPUT', field: 'allowedDomains[0]', problems } }), problems);
    assert.deepEqual(fieldProblemsOf({ message: 'qualityModelId: no such quality model', extensions: { code: 'BAD_USER_INPUT', field: 'qualityModelId' } }), [
      { field: 'qualityModelId', message: 'no such quality model' },
    ]);
    assert.deepEqual(fieldProblemsOf({ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }), []);
    assert.deepEqual(fieldProblemsOf({ message: 'Variable "$input" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }), []);
  });

  const controls: [field: string, control: string][] = [
    ['name', 'name'],
    ['serviceLevelTarget', 'serviceLevelPercent'],
    ['schedule.timezone', 'timezone'],
    ['schedule.ranges[7].start', 'ranges.7.start'],
    ['schedule.ranges[0].end', 'ranges.0.end'],
    ['schedule.ranges', 'ranges'],
    ['schedule.exceptions[2].date', 'exceptions'],
    ['thresholds.maxChats', 'thresholds.maxChats'],
    ['welcomeMessage.es', 'welcomeMessage.es'],
    ['customField.label', 'customField.label'],
    ['allowedDomains[3]', 'allowedDomains'],
  ];
  for (const [field, control] of controls) {
    it(`puts ${field} on the ${control} control`, () => assert.equal(controlOfField(field).control, control));
  }

  const labels: [field: string, label: string][] = [
    ['allowedDomains[0]', 'Allowed domains, line 1'],
    ['schedule.ranges[7].start', 'Schedule, row 8, opens'],
    ['schedule.ranges[1].end', 'Schedule, row 2, closes'],
    ['schedule.ranges[0].weekday', 'Schedule, row 1, day'],
    ['schedule.timezone', 'Timezone'],
    ['thresholds.maxChats', 'Queue capacity'],
    ['thresholds.chatTimeWarnSeconds', 'Chat time warning'],
    ['welcomeMessage.es', 'Welcome message (Español)'],
    ['feedbackMessage.pt', 'Feedback request (Português)'],
    ['offlineMessageEmail', 'Send offline messages to'],
    ['serviceLevelTarget', 'Service level target'],
    ['some.future[2].setting', 'Campaign settings'],
  ];
  for (const [field, label] of labels) {
    it(`labels ${field} "${label}" without the raw path`, () => {
      const located = locateProblem({ field, message: 'must not be empty' });
      assert.equal(located.label, label);
      assert.ok(!summaryLine(located).includes(field), summaryLine(located));
    });
  }

  it('names the line of the allowed-domains box an entry came from', () => {
    // Entry 1 came from line 3 (line 2 was blank).
    assert.equal(locateProblem({ field: 'allowedDomains[1]', message: 'x' }, [1, 3]).label, 'Allowed domains, line 3');
  });

  it('knows the language tab of a localized message', () => {
    assert.equal(locateProblem({ field: 'outOfTimeMessage.pt', message: 'must not be empty' }).language, 'pt');
    assert.equal(locateProblem({ field: 'name', message: 'must not be empty' }).language, undefined);
  });

  it('rewrites paths and units inside messages, but not what was typed', () => {
    const warn = locateProblem({ field: 'thresholds.chatTimeWarnSeconds', message: 'must be less than thresholds.chatTimeLimitSeconds' });
    assert.equal(warn.message, 'must be less than the chat time limit');
    const order = locateProblem({ field: 'schedule.ranges[0].start', message: 'must be earlier than end' });
    assert.equal(summaryLine(order), 'Schedule, row 1, opens: must be earlier than the closing time');
    const level = locateProblem({ field: 'serviceLevelTarget', message: 'must be between 0 and 1, e.g. 0.8' });
    assert.equal(level.message, 'must be between 0 and 100');
    const domain = locateProblem({ field: 'allowedDomains[0]', message: '"thresholds.acd" is not a site' });
    assert.equal(domain.message, '"thresholds.acd" is not a site');
  });

  it('lists problems in screen order and gathers each control’s messages', () => {
    const located = locateProblems(
      [
        { field: 'schedule.ranges[1].end', message: 'must be a time from 00:00 to 24:00' },
        { field: 'allowedDomains[2]', message: '"c d" is not a site' },
        { field: 'name', message: 'must not be empty' },
        { field: 'allowedDomains[0]', message: '"a b" is not a site' },
        { field: 'schedule.ranges[0].start', message: 'must be a time from 00:00 to 23:59' },
      ],
      [1, 2, 4],
    );
    assert.deepEqual(
      located.map(summaryLine),
      [
        'Name: must not be empty',
        'Allowed domains, line 1: "a b" is not a site',
        'Allowed domains, line 4: "c d" is not a site',
        'Schedule, row 1, opens: must be a time from 00:00 to 23:59',
        'Schedule, row 2, closes: must be a time from 00:00 to 24:00',
      ],
    );
    const messages = messagesByControl(located);
    assert.equal(messages.get('name'), 'Must not be empty.');
    assert.equal(messages.get('allowedDomains'), 'Line 1: "a b" is not a site. Line 4: "c d" is not a site.');
    assert.equal(messages.get('ranges.1.end'), 'Must be a time from 00:00 to 24:00.');
  });

  it('places the editor’s own problems, found on form controls, the same way', () => {
    const located = locateControlProblems([
      { control: 'feedbackMessage.pt', message: 'must not be empty' },
      { control: 'ranges.7.start', message: 'enter a time from 00:00 to 23:59' },
      { control: 'name', message: 'must not be empty' },
    ]);
    assert.deepEqual(located.map(summaryLine), [
      'Name: must not be empty',
      'Feedback request (Português): must not be empty',
      'Schedule, row 8, opens: enter a time from 00:00 to 23:59',
    ]);
    assert.equal(located[1]?.language, 'pt');
  });
});
