/**
 * The quality review of a recording as it was filled in: each answer with the question's words
 * and weight when the chat was closed (stored with the answer), so later edits of the model do
 * not rewrite old reviews. Pure, unit-tested.
 */

export interface StoredQualityAnswer {
  readonly questionId: string;
  readonly value: string;
  /** Null only for answers stored before the API kept the question with them. */
  readonly questionText: string | null;
  readonly weight: number | null;
}

export interface ModelQuestion {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  readonly weight: number;
}

export interface QualityLine {
  readonly question: string;
  /** The question's kind today (answers do not keep it); null when the question was removed. */
  readonly kind: string | null;
  readonly value: string;
  readonly weight: number | null;
}

/** The current model is only a fallback, for old answers; `removed` names a question neither knows. */
export function qualityLines(answers: readonly StoredQualityAnswer[], questions: readonly ModelQuestion[], removed: string): QualityLine[] {
  const byId = new Map(questions.map((question) => [question.id, question]));
  return answers.map((answer) => {
    const question = byId.get(answer.questionId);
    return {
      question: answer.questionText ?? question?.text ?? removed,
      kind: question?.kind ?? null,
      value: answer.value,
      weight: answer.weight ?? question?.weight ?? null,
    };
  });
}
