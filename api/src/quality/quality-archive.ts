import type { FieldProblem } from '../campaigns/campaign.validation';

/**
 * When a quality model may be archived, deleted or chosen, without I/O. No
 * campaign, archived or not, ever points at an archived model: an agent
 * closing a chat always meets a form that is still offered.
 */

const quoted = (names: readonly string[]): string => names.map((name) => `“${name}”`).join(', ');

/** A model in use is archived only once its campaigns use another one. */
export function modelArchiveProblem(usedBy: readonly string[]): FieldProblem | null {
  if (usedBy.length === 0) return null;
  const campaigns = usedBy.length === 1 ? 'campaign' : 'campaigns';
  return { field: 'id', message: `the model is the qualityModelId of ${campaigns} ${quoted(usedBy)}: choose another quality model there first` };
}

/** Only a model no campaign uses and no chat was scored with is deleted; scored chats keep pointing at its questions. */
export function modelDeletionProblem(usedBy: readonly string[], scoredChats: number): FieldProblem | null {
  const inUse = modelArchiveProblem(usedBy);
  if (inUse) return inUse;
  if (scoredChats === 0) return null;
  const chats = scoredChats === 1 ? '1 chat was' : `${scoredChats} chats were`;
  return { field: 'id', message: `${chats} scored with this model: archive it instead` };
}

/** A campaign may not take an archived model. */
export function modelChoiceProblem(model: { readonly archivedAt?: Date | null }): FieldProblem | null {
  return model.archivedAt ? { field: 'qualityModelId', message: 'is archived: restore it or choose another quality model' } : null;
}

/** An archived model's questions stay as they were until it is restored. */
export function archivedModelProblem(model: { readonly archivedAt?: Date | null }): FieldProblem | null {
  return model.archivedAt ? { field: 'id', message: 'the quality model is archived: restore it before changing it' } : null;
}
