import type { Viewer } from '../auth/viewer';

/**
 * Why `uploader` may not add files or voice notes to a chat of `campaign`, or
 * undefined when they may. `mediaEnabled` is the admin's switch for what
 * customers send: off means no files and no voice notes from customers.
 * Agents may still send files either way (a form, an invoice): the setting
 * keeps unexpected content from arriving, not the contact center's answers.
 */
export function uploadRefusal(uploader: Viewer['kind'], campaign: { readonly mediaEnabled: boolean }): string | undefined {
  if (uploader === 'visitor' && !campaign.mediaEnabled) {
    return 'This campaign does not accept files or voice notes from customers: its setting mediaEnabled is off';
  }
  return undefined;
}
