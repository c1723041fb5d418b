/** The campaign editor's tabs, and which tab holds each control (by its form path). Pure, unit-tested. */
export const EDITOR_SECTIONS = ['basic', 'other', 'thresholds', 'checks', 'extra', 'domains', 'canned', 'members'] as const;
export type EditorSection = (typeof EDITOR_SECTIONS)[number];

const OTHER = new Set(['maxInteractionsPerAgent', 'qualityModelId', 'automaticAgentMessage', 'offerTimeoutSeconds']);
const CHECKS = new Set(['showAgentName', 'emailRequired', 'feedbackEnabled', 'mediaEnabled', 'offlineMessageEnabled', 'offlineMessageEmail']);

export function sectionOf(control: string): EditorSection {
  const top = control.split('.')[0] ?? '';
  if (OTHER.has(top)) return 'other';
  if (top === 'thresholds') return 'thresholds';
  if (CHECKS.has(top)) return 'checks';
  if (top === 'customField') return 'extra';
  if (top === 'allowedDomains') return 'domains';
  return 'basic';
}
