/** The quality model editor's checks, mirroring the API's (which stays the authority). Pure, unit-tested. */
import type { MessageKey } from '../core/i18n/i18n';

export type QuestionKind = 'SCORE' | 'YES_NO' | 'TEXT';
export interface QuestionDraft { id: string | null; kind: QuestionKind; text: string; weight: string }
export interface ModelDraft { name: string; questions: QuestionDraft[] }

/** Problems by path as the API names them: "name", "questions", "questions[2].text", "questions[0].weight". */
export function modelProblems(draft: ModelDraft): Map<string, MessageKey> {
  const problems = new Map<string, MessageKey>();
  const name = draft.name.trim();
  if (name === '') problems.set('name', 'quality.problem.name');
  else if (name.length > 120) problems.set('name', 'quality.problem.nameLong');
  if (draft.questions.length === 0) problems.set('questions', 'quality.problem.questions');
  if (draft.questions.length > 50) problems.set('questions', 'quality.problem.tooMany');
  draft.questions.forEach((question, i) => {
    const text = question.text.trim();
    if (text === '') problems.set(`questions[${i}].text`, 'quality.problem.text');
    else if (text.length > 500) problems.set(`questions[${i}].text`, 'quality.problem.textLong');
    const weight = Number(question.weight);
    if (question.weight.trim() === '' || !Number.isFinite(weight)) problems.set(`questions[${i}].weight`, 'quality.problem.weightNumber');
    else if (weight < 0 || weight > 100) problems.set(`questions[${i}].weight`, 'quality.problem.weightRange');
  });
  return problems;
}

/** The draft as QualityModelInput: a free-text question is not scored, so its weight is 0. */
export function toModelInput(draft: ModelDraft): { name: string; questions: { id?: string; kind: QuestionKind; text: string; weight: number }[] } {
  return {
    name: draft.name.trim(),
    questions: draft.questions.map((question) => ({
      ...(question.id ? { id: question.id } : {}),
      kind: question.kind,
      text: question.text.trim(),
      weight: question.kind === 'TEXT' ? 0 : Number(question.weight),
    })),
  };
}
