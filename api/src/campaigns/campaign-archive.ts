import { AppError } from '../graphql/app-error';
import type { FieldProblem } from './campaign.validation';

/**
 * Archiving keeps a campaign's chats, recordings and statistics while taking
 * it out of use; deleting is only for a campaign no chat ever reached. These
 * are the decisions, without I/O.
 */

interface Archivable {
  readonly archivedAt?: Date | null;
}

/** An archived campaign answers the widget as a disabled one, and restoring it brings back its own `enabled`. */
export const takesChats = (campaign: Archivable & { readonly enabled: boolean }): boolean => campaign.enabled && !campaign.archivedAt;

/** The `archivedAt` an archive or restore sets; undefined when there is nothing to change (both are idempotent). */
export function archiveChange(current: Date | null | undefined, archive: boolean, now: Date): { archivedAt: Date | null } | undefined {
  if (archive) return current ? undefined : { archivedAt: now };
  return current ? { archivedAt: null } : undefined;
}

/** An archived campaign's settings, members and canned responses stay as they were until it is restored; `field` is the argument that named it. */
export function archivedCampaignProblem(campaign: Archivable, field: 'id' | 'campaignId' = 'id'): FieldProblem | null {
  return campaign.archivedAt ? { field, message: 'the campaign is archived: restore it before changing it' } : null;
}

/** A campaign that chats have reached keeps them: it can be archived, not deleted. */
export function campaignDeletionProblem(interactionCount: number): FieldProblem | null {
  if (interactionCount === 0) return null;
  const chats = interactionCount === 1 ? '1 chat' : `${interactionCount} chats`;
  return { field: 'id', message: `the campaign has ${chats} in its recordings and statistics: archive it instead` };
}

/** A refusal because of what exists (the campaign's chats, the model's campaigns), naming the argument it concerns. */
export const conflict = (problem: FieldProblem): AppError => new AppError('CONFLICT', `${problem.field}: ${problem.message}`, problem.field);
