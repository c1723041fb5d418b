import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { qualityLines } from './quality-lines';

describe('quality lines', () => {
  const questions = [
    { id: 'q1', text: 'Greeted the client warmly', kind: 'YES_NO', weight: 3 },
    { id: 'q2', text: 'Resolution', kind: 'SCORE', weight: 1 },
  ];

  it('shows the question and weight as they were when the chat was closed', () => {
    const lines = qualityLines([{ questionId: 'q1', value: 'yes', questionText: 'Greeted the customer by name', weight: 2 }], questions, 'Removed');
    assert.deepEqual(lines, [{ question: 'Greeted the customer by name', kind: 'YES_NO', value: 'yes', weight: 2 }]);
  });

  it("falls back to today's model only for old answers that did not keep them", () => {
    const lines = qualityLines([{ questionId: 'q2', value: '4', questionText: null, weight: null }], questions, 'Removed');
    assert.deepEqual(lines, [{ question: 'Resolution', kind: 'SCORE', value: '4', weight: 1 }]);
  });

  it('keeps the words of a question since removed, and says so when it has none', () => {
    const lines = qualityLines(
      [
        { questionId: 'gone', value: 'fine', questionText: 'Tone', weight: 1.5 },
        { questionId: 'gone2', value: 'ok', questionText: null, weight: null },
      ],
      questions,
      'Removed',
    );
    assert.deepEqual(lines, [
      { question: 'Tone', kind: null, value: 'fine', weight: 1.5 },
      { question: 'Removed', kind: null, value: 'ok', weight: null },
    ]);
  });
});
