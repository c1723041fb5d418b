/**
 * The closing form: the campaign's quality questions, what the agent answered, and which answers
 * are missing or refused. Pure, unit-tested.
 */

export type QualityQuestionKind = 'SCORE' | 'YES_NO' | 'TEXT';

export interface QualityQuestion {
  readonly id: string;
  readonly text: string;
  readonly kind: QualityQuestionKind;
  readonly weight: number;
}

export interface QualityModel {
  readonly id: string;
  readonly name: string;
  readonly questions: readonly QualityQuestion[];
}

/** Scores and yes/no answers are required; free text may stay empty. */
export const isRequired = (question: QualityQuestion): boolean => question.kind !== 'TEXT';

/** The ids of required questions left unanswered, in form order. */
export function missingAnswers(questions: readonly QualityQuestion[], answers: Readonly<Record<string, string>>): string[] {
  return questions.filter((question) => isRequired(question) && (answers[question.id] ?? '').trim() === '').map((question) => question.id);
}

/** What closeInteraction receives: one answer per question, in the model's order. */
export function qualityInput(questions: readonly QualityQuestion[], answers: Readonly<Record<string, string>>): { questionId: string; value: string }[] {
  return questions.map((question) => ({ questionId: question.id, value: (answers[question.id] ?? '').trim() }));
}

/** The question an API refusal is about: `quality[2].value` names the third answer sent. */
export function questionOfField(field: string | undefined, questions: readonly QualityQuestion[]): string | null {
  const match = /^quality\[(\d+)\]/.exec(field ?? '');
  if (!match) return null;
  return questions[Number(match[1])]?.id ?? null;
}
