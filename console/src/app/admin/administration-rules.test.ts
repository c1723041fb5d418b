import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { poorWithWhite, textOn } from './colour-contrast';
import { sectionOf } from './editor-sections';
import { exceptionProblem, parseHours } from './exception-rules';
import { modelProblems, toModelInput } from './quality-rules';
import { refusalWords } from './refusal-words';
import { userProblems } from './user-rules';
import { shortcutProblem } from './canned-responses-rules';

const t = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`;

describe('administration rules', () => {
  it('checks a new user before the API does: name, email, password length and not the email', () => {
    const draft = { name: ' ', email: 'dana@parley', role: 'AGENT' as const, password: 'short' };
    assert.deepEqual(userProblems(draft, ['name', 'email', 'password']), { name: 'users.problem.name', email: 'users.problem.email', password: 'users.problem.passwordShort' });
    assert.deepEqual(userProblems({ ...draft, name: 'Dana', email: 'dana.ortiz@example.com', password: 'dana.ortiz' }, ['name', 'email', 'password']), { password: 'refusal.passwordIsEmail' });
    assert.deepEqual(userProblems({ ...draft, name: 'Dana', email: 'dana@example.com', password: 'Orchid-Lantern-42' }, ['name', 'email', 'password']), {});
  });

  it('translates the API password refusals it knows and keeps others as written', () => {
    assert.equal(refusalWords('must have at least 10 characters', t as never), 'refusal.minLength{"min":"10"}');
    assert.equal(refusalWords('is one of the most common passwords; choose one that is harder to guess', t as never), 'refusal.commonPassword{}');
    assert.equal(refusalWords('something new', t as never), 'Something new');
  });

  it('names quality model problems by the API path, and sends free text unweighted', () => {
    const problems = modelProblems({ name: '', questions: [{ id: null, kind: 'SCORE', text: ' ', weight: '150' }] });
    assert.deepEqual([...problems.keys()], ['name', 'questions[0].text', 'questions[0].weight']);
    assert.equal(modelProblems({ name: 'Q', questions: [] }).get('questions'), 'quality.problem.questions');
    assert.deepEqual(toModelInput({ name: ' Q ', questions: [{ id: 'a', kind: 'TEXT', text: ' Note ', weight: '7' }] }), { name: 'Q', questions: [{ id: 'a', kind: 'TEXT', text: 'Note', weight: 0 }] });
  });

  it('reads special opening hours and refuses incomplete special days', () => {
    assert.deepEqual(parseHours('9:00-13:00, 15:00-18:00', '2026-12-24'), [
      { weekday: 4, start: '09:00', end: '13:00' },
      { weekday: 4, start: '15:00', end: '18:00' },
    ]);
    assert.equal(parseHours('18:00-09:00', '2026-12-24'), null);
    assert.equal(exceptionProblem({ date: '', closed: true, hours: '' }), 'exceptions.problem.date');
    assert.equal(exceptionProblem({ date: '2026-12-24', closed: false, hours: 'soon' }), 'exceptions.problem.hours');
    assert.equal(exceptionProblem({ date: '2026-12-25', closed: true, hours: '' }), null);
  });

  it('keeps canned shortcuts unique in a campaign, as the API stores them', () => {
    const others = [{ id: '1', shortcut: 'thanks', text: 'Thanks!' }];
    assert.equal(shortcutProblem('/Thanks', others), 'canned.problem.taken');
    assert.equal(shortcutProblem('bye bye', others), 'refusal.shortcut');
    assert.equal(shortcutProblem('/bye', others), null);
  });

  it('warns when white text is hard to read on the campaign colour, as the widget decides', () => {
    assert.equal(poorWithWhite('#7C3AED'), false);
    assert.equal(textOn('#7C3AED'), '#ffffff');
    assert.equal(poorWithWhite('#FDE047'), true);
    assert.equal(textOn('#FDE047'), '#111827');
  });

  it('opens the tab that holds a control', () => {
    assert.equal(sectionOf('allowedDomains'), 'domains');
    assert.equal(sectionOf('thresholds.acd'), 'thresholds');
    assert.equal(sectionOf('customField.label'), 'extra');
    assert.equal(sectionOf('offerTimeoutSeconds'), 'other');
    assert.equal(sectionOf('welcomeMessage.es'), 'basic');
    assert.equal(sectionOf('ranges.2.end'), 'basic');
  });
});
