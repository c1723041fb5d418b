/** The audit log's actions and setting names in the console's language. Pure, unit-tested. */
import type { MessageKey, MessageParams } from '../core/i18n/i18n';
import { localizedLabel } from './campaign-problems.i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export const ACTIONS = [
  'apiKey.created', 'apiKey.revoked', 'campaign.created', 'campaign.updated', 'campaign.memberSet', 'campaign.memberRemoved',
  'campaign.cannedResponseCreated', 'campaign.cannedResponseUpdated', 'campaign.cannedResponseDeleted', 'campaign.archived', 'campaign.restored',
  'campaign.deleted', 'pauseReasons.set', 'qualityModel.created', 'qualityModel.updated', 'qualityModel.archived', 'qualityModel.restored',
  'qualityModel.deleted', 'user.created', 'user.updated', 'user.passwordReset', 'user.deactivated', 'user.reactivated',
] as const;

/** The key of an action's words; an action this console does not know yet reads "Other change". */
export function actionKey(action: string): MessageKey {
  return (ACTIONS as readonly string[]).includes(action) ? (`changes.action.${action as (typeof ACTIONS)[number]}` as const) : 'changes.action.other';
}

const CAMPAIGN_ALIASES: Readonly<Record<string, string>> = { serviceLevelTarget: 'serviceLevelPercent', qualityModel: 'qualityModelId', schedule: 'ranges' };
const MESSAGES = new Set(['welcomeMessage', 'outOfTimeMessage', 'notAvailableMessage', 'feedbackMessage']);
const SCOPES = new Set(['CAMPAIGNS_READ', 'INTERACTIONS_READ', 'STATS_READ']);
const OTHER: Readonly<Record<string, MessageKey>> = {
  name: 'users.name', email: 'users.email', role: 'users.role', questions: 'quality.questions', thresholds: 'editor.thresholds',
};

/** What a changed setting is called on screen ("welcomeMessage" is "Welcome message"); unknown names stay as stored. */
export function changeLabel(subjectType: string, change: string, t: Translate): string {
  const scope = /^scopes:(\w+)$/.exec(change);
  if (scope) return SCOPES.has(scope[1]!) ? t(`apiKeys.scope.${scope[1]}` as MessageKey) : change;
  if (subjectType === 'pauseReasons') return change;
  if (subjectType === 'campaign') {
    if (MESSAGES.has(change)) return t(`message.${change}.label` as MessageKey);
    const label = localizedLabel(CAMPAIGN_ALIASES[change] ?? change, t);
    if (label) return label;
  }
  const key = OTHER[change];
  return key ? t(key) : change;
}
