/**
 * The editor's problems in the console's language. The rules and the mapping of the API's refusals
 * (campaign-rules.ts, campaign-problems.ts) speak English and are tested in English; this layer
 * translates what it recognises (the rules' own messages, every setting's label) and leaves the
 * rest, such as an API message it has never seen, as the API wrote it. Pure, unit-tested.
 */
import type { MessageKey, MessageParams } from '../core/i18n/i18n';
import { LANGUAGES, MESSAGE_FIELDS, THRESHOLD_FIELDS } from './campaign-fields';
import { sentenceCase, summaryLine, type LocatedProblem } from './campaign-problems';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const RULES: readonly [RegExp, MessageKey, (match: RegExpExecArray) => MessageParams][] = [
  [/^must not be empty$/, 'problem.required', () => ({})],
  [/^must have at most (\d+) characters$/, 'problem.maxLength', (m) => ({ max: m[1]! })],
  [/^enter a number$/, 'problem.number', () => ({})],
  [/^must be a whole number$/, 'problem.whole', () => ({})],
  [/^must be (\d+) or more$/, 'problem.min', (m) => ({ min: m[1]! })],
  [/^must be (\d+) or less$/, 'problem.max', (m) => ({ max: m[1]! })],
  [/^enter a time such as 09:00$/, 'problem.timeExample', () => ({})],
  [/^enter a time from 00:00 to 23:59$/, 'problem.timeStart', () => ({})],
  [/^enter a time from 00:00 to 24:00 \(midnight\)$/, 'problem.timeEnd', () => ({})],
  [/^must be later than the opening time$/, 'problem.later', () => ({})],
  [/^must be a timezone from the list, e\.g\. Europe\/Madrid$/, 'problem.timezone', () => ({})],
  [/^must be a colour written #RRGGBB, e\.g\. #2563EB$/, 'problem.colour', () => ({})],
  [/^must be an email address such as support@example\.com$/, 'problem.email', () => ({})],
  [/^must be between 0 and 100$/, 'problem.percent', () => ({})],
];

/** A rule's message ("must not be empty") in the chosen language; anything unknown as it is. */
export function localizeMessage(message: string, t: Translate): string {
  for (const [pattern, key, params] of RULES) {
    const match = pattern.exec(message);
    if (match) return t(key, params(match));
  }
  return message;
}

const LABELS: Readonly<Record<string, MessageKey>> = {
  name: 'editor.name',
  enabled: 'common.enabled',
  distribution: 'editor.distribution',
  availability: 'editor.availability',
  maxInteractionsPerAgent: 'editor.chatsPerAgent',
  serviceLevelPercent: 'editor.serviceLevelShort',
  offerTimeoutSeconds: 'editor.offerTimeoutShort',
  qualityModelId: 'editor.qualityModel',
  automaticAgentMessage: 'editor.automaticMessage',
  colour: 'editor.colour',
  showAgentName: 'editor.showAgentName',
  emailRequired: 'editor.emailRequired',
  feedbackEnabled: 'editor.feedback',
  mediaEnabled: 'editor.media',
  'customField.label': 'editor.customFieldLabel',
  'customField.visible': 'editor.customFieldShown',
  'customField.required': 'editor.customFieldRequired',
  allowedDomains: 'editor.allowedDomains',
  timezone: 'editor.timezone',
  ranges: 'editor.schedule',
  exceptions: 'editor.exceptions',
  offlineMessageEnabled: 'editor.offline',
  offlineMessageEmail: 'editor.offlineEmail',
};
const PARTS: Readonly<Record<string, MessageKey>> = { weekday: 'editor.partDay', start: 'editor.partOpens', end: 'editor.partCloses' };

/** What a setting is called on screen in the chosen language, or undefined for a control the editor does not know. */
export function localizedLabel(control: string, t: Translate): string | undefined {
  const row = /^ranges\.(\d+)(?:\.(\w+))?$/.exec(control);
  if (row) {
    const part = row[2] ? PARTS[row[2]] : undefined;
    return part ? t('editor.rowPart', { n: Number(row[1]) + 1, part: t(part) }) : t('editor.rowOnly', { n: Number(row[1]) + 1 });
  }
  const [group, code] = control.split('.');
  const message = MESSAGE_FIELDS.find((field) => field.key === group);
  const language = LANGUAGES.find((candidate) => candidate.code === code);
  if (message && language) return `${t(`message.${message.key}.label` as MessageKey)} (${language.label})`;
  const threshold = THRESHOLD_FIELDS.find((field) => `thresholds.${field.key}` === control);
  if (threshold) return t(`threshold.${threshold.key}.label` as MessageKey).replace(/ \(s\)$/, '');
  const key = LABELS[control];
  return key ? t(key) : undefined;
}

/** A line of the summary at the top of the editor; English is exactly campaign-problems' summaryLine. */
export function localizedSummary(problem: LocatedProblem, t: Translate, language: string): string {
  if (language === 'en') return summaryLine(problem);
  const label = localizedLabel(problem.control, t) ?? t('problem.otherSetting');
  const where = problem.line === undefined ? label : t('problem.labelLine', { label, line: problem.line });
  return `${where}: ${localizeMessage(problem.message, t)}`;
}

/** What a control shows under it for its own check ("Must not be empty."). */
export function localizedControlMessage(problem: string, t: Translate): string {
  return `${sentenceCase(localizeMessage(problem, t))}.`;
}

/** The API's refusal shown under a control: "Line 2: …" lines and sentences, translated where recognised. */
export function localizedServerMessage(message: string, t: Translate, language: string): string {
  if (language === 'en') return message;
  return message
    .split(/(?<=\.)\s+(?=Line \d+:|[A-Z])/)
    .map((sentence) => {
      const line = /^Line (\d+): (.*?)\.?$/.exec(sentence);
      if (line) return t('problem.line', { line: line[1]!, message: localizeMessage(line[2]!, t) });
      const plain = sentence.replace(/\.$/, '');
      const localized = localizeMessage(plain.charAt(0).toLowerCase() + plain.slice(1), t);
      return localized === plain.charAt(0).toLowerCase() + plain.slice(1) ? sentence : `${sentenceCase(localized)}.`;
    })
    .join(' ');
}
