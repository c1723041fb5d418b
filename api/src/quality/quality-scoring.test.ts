import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QualityQuestionKind } from './quality-model.entity';
import { scoreQuality } from './quality-scoring';

const questions = [
  { id: 'greet', text: 'Greeted', kind: QualityQuestionKind.YES_NO, weight: 1 },
  { id: 'solve', text: 'Solved', kind: QualityQuestionKind.SCORE, weight: 3 },
  { id: 'notes', text: 'Notes', kind: QualityQuestionKind.TEXT, weight: 5 },
];

describe('quality scoring', () => {
  it('scores the weighted mean of scored answers', () => {
    const result = scoreQuality(questions, [{ questionId: 'greet', value: 'Yes' }, { questionId: 'solve', value: '3' }, { questionId: 'notes', value: 'ok' }]);
    assert.equal(result.problem, undefined);
    assert.equal(result.score, (1 * 1 + 3 * 0.5) / 4);
    assert.equal(result.answers[0]?.value, 'yes');
  });

  it('names the answer that is wrong', () => {
    assert.equal(scoreQuality(questions, [{ questionId: 'solve', value: '6' }]).problem?.field, 'quality[0].value');
    assert.equal(scoreQuality(questions, [{ questionId: 'greet', value: 'maybe' }]).problem?.field, 'quality[0].value');
    assert.equal(scoreQuality(questions, [{ questionId: 'other', value: '1' }]).problem?.field, 'quality[0].questionId');
    assert.equal(scoreQuality(questions, [{ questionId: 'greet', value: 'yes' }, { questionId: 'greet', value: 'no' }]).problem?.field, 'quality[1].questionId');
    assert.equal(scoreQuality(questions, [{ questionId: 'greet', value: 'yes' }]).problem?.field, 'quality');
  });

  it('has no score when nothing is scored', () => {
    assert.equal(scoreQuality([questions[2] as (typeof questions)[number]], [{ questionId: 'notes', value: '' }]).score, null);
  });
});
