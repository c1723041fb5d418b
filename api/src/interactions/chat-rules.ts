import type { Campaign } from '../campaigns/campaign.entity';
import { isEmail } from '../campaigns/campaign.validation';
import type { FieldProblem } from '../campaigns/campaign.validation';

export interface VisitorDetails {
  name: string;
  email: string | null;
  customFieldValue: string | null;
}

/** The pre-chat form against the campaign's rules: trimmed values, or the first problem. */
export function checkVisitorDetails(
  campaign: Pick<Campaign, 'emailRequired' | 'customField'>,
  input: { name: string; email?: string | null; customFieldValue?: string | null },
): { details: VisitorDetails; problem?: FieldProblem } {
  const details = {
    // A name is one line: control characters (line breaks included) become spaces.
    name: input.name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim(),
    email: input.email?.trim().toLowerCase() || null,
    customFieldValue: input.customFieldValue?.trim() || null,
  };
  const problem = (field: string, message: string) => ({ details, problem: { field, message } });
  if (details.name === '' || details.name.length > 120) return problem('name', 'must have 1 to 120 characters');
  if (details.email === null && campaign.emailRequired) return problem('email', 'is required by this campaign');
  if (details.email !== null && !isEmail(details.email)) return problem('email', 'must be a valid email address');
  if (details.customFieldValue === null && campaign.customField.required) return problem('customFieldValue', `${campaign.customField.label} is required`);
  if (details.customFieldValue !== null && details.customFieldValue.length > 200) return problem('customFieldValue', 'must have at most 200 characters');
  return { details };
}
