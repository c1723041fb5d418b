import type { FieldProblem } from '../campaigns/campaign.validation';
import { QualityQuestionKind, type QualityQuestion } from './quality-model.entity';

export interface Answer {
  questionId: string;
  value: string;
}

/** An answer as stored with the chat: with the question as it read then, so later edits of the model keep old scores meaningful. */
export interface StoredAnswer extends Answer {
  questionText: string;
  weight: number;
}

/**
 * Checks an agent's quality answers against the campaign's model (every
 * question answered once, values of the question's kind) and scores them:
 * SCORE 1-5 maps to 0..1, YES_NO to 1 or 0, TEXT is not scored; the score is
 * the weighted mean, or null when nothing is scored.
 */
export function scoreQuality(questions: readonly QualityQuestion[], answers: readonly Answer[]): { problem?: FieldProblem; answers: StoredAnswer[]; score: number | null } {
  const normalised: StoredAnswer[] = [];
  const fail = (field: string, message: string) => ({ problem: { field, message }, answers: [], score: null });
  for (const [i, answer] of answers.entries()) {
    const question = questions.find((q) => q.id === answer.questionId);
    if (!question) return fail(`quality[${i}].questionId`, 'is not a question of this campaign’s quality model');
    if (normalised.some((a) => a.questionId === answer.questionId)) return fail(`quality[${i}].questionId`, 'is answered twice');
    const value = answer.value.trim();
    if (question.kind === QualityQuestionKind.SCORE && !/^[1-5]$/.test(value)) return fail(`quality[${i}].value`, 'must be a score from 1 to 5');
    if (question.kind === QualityQuestionKind.YES_NO && !['yes', 'no'].includes(value.toLowerCase())) return fail(`quality[${i}].value`, 'must be yes or no');
    if (value.length > 2000) return fail(`quality[${i}].value`, 'must have at most 2000 characters');
    normalised.push({ questionId: question.id, value: question.kind === QualityQuestionKind.YES_NO ? value.toLowerCase() : value, questionText: question.text, weight: question.weight });
  }
  const missing = questions.findIndex((q) => !normalised.some((a) => a.questionId === q.id));
  if (missing >= 0) return fail('quality', `question "${questions[missing]?.text}" needs an answer`);
  let weighted = 0;
  let weights = 0;
  for (const question of questions) {
    const value = normalised.find((a) => a.questionId === question.id)?.value ?? '';
    if (question.kind === QualityQuestionKind.TEXT || question.weight <= 0) continue;
    weighted += question.weight * (question.kind === QualityQuestionKind.SCORE ? (Number(value) - 1) / 4 : value === 'yes' ? 1 : 0);
    weights += question.weight;
  }
  return { answers: normalised, score: weights === 0 ? null : weighted / weights };
}
