import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingAnswers, qualityInput, questionOfField, type QualityQuestion } from './quality-form';

const questions: QualityQuestion[] = [
  { id: 'greet', text: 'Greeted', kind: 'YES_NO', weight: 1 },
  { id: 'score', text: 'Resolution', kind: 'SCORE', weight: 3 },
  { id: 'notes', text: 'Notes', kind: 'TEXT', weight: 0 },
];

describe('quality form', () => {
  it('requires scores and yes/no answers but not free text', () => {
    assert.deepEqual(missingAnswers(questions, {}), ['greet', 'score']);
    assert.deepEqual(missingAnswers(questions, { greet: 'yes', score: ' ' }), ['score']);
    assert.deepEqual(missingAnswers(questions, { greet: 'no', score: '4' }), []);
  });

  it('sends one answer per question in the model order', () => {
    assert.deepEqual(qualityInput(questions, { score: '5', greet: 'yes' }), [
      { questionId: 'greet', value: 'yes' },
      { questionId: 'score', value: '5' },
      { questionId: 'notes', value: '' },
    ]);
  });

  it('finds the question an API refusal names', () => {
    assert.equal(questionOfField('quality[1].value', questions), 'score');
    assert.equal(questionOfField('quality', questions), null);
    assert.equal(questionOfField(undefined, questions), null);
  });
});
