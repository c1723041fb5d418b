import { normaliseAllowedEntry } from './allowed-origin';
import type { CampaignInput, LocalizedTextInput, ScheduleRangeInput } from './campaign.inputs';
import type { CustomField, LocalizedText, Schedule, ScheduleRange, Thresholds } from './campaign.types';
import { canonicalTimezone, parseClock } from './schedule';

/** One refused input value, named by its path in the input ("thresholds.maxChats"). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A campaign's settings after validation: trimmed, canonical, ready to store. */
export interface CampaignSettings {
  name: string;
  enabled: boolean;
  distribution: CampaignInput['distribution'];
  availability: CampaignInput['availability'];
  serviceLevelTarget: number;
  schedule: Schedule;
  welcomeMessage: LocalizedText;
  outOfTimeMessage: LocalizedText;
  notAvailableMessage: LocalizedText;
  feedbackMessage: LocalizedText;
  maxInteractionsPerAgent: number;
  offerTimeoutSeconds: number;
  qualityModelId: string | null;
  automaticAgentMessage: string | null;
  thresholds: Thresholds;
  colour: string;
  showAgentName: boolean;
  feedbackEnabled: boolean;
  emailRequired: boolean;
  mediaEnabled: boolean;
  offlineMessageEnabled: boolean;
  offlineMessageEmail: string | null;
  customField: CustomField;
  allowedDomains: string[];
}

const MAX_TEXT = 2000;
const MAX_NAME = 120;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

/**
 * An allowed-domains entry in canonical form: `example.com`, `*.example.com`,
 * `https://shop.example.com:8443`, `http://localhost:4000` (grammar and meaning
 * in allowed-origin.ts). Undefined when it is not one.
 */
export const normaliseDomain = normaliseAllowedEntry;

export function isCalendarDate(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Checks every rule of a campaign's settings; returns the problems, or the normalised settings when there are none. */
export function validateCampaign(input: CampaignInput): { problems: FieldProblem[]; settings: CampaignSettings } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const name = input.name.trim();
  if (name === '') problem('name', 'must not be empty');
  else if (name.length > MAX_NAME) problem('name', `must have at most ${MAX_NAME} characters`);

  if (!Number.isFinite(input.serviceLevelTarget) || input.serviceLevelTarget < 0 || input.serviceLevelTarget > 1) {
    problem('serviceLevelTarget', 'must be between 0 and 1, e.g. 0.8');
  }
  if (input.maxInteractionsPerAgent < 1 || input.maxInteractionsPerAgent > 50) problem('maxInteractionsPerAgent', 'must be between 1 and 50');
  const offerTimeoutSeconds = input.offerTimeoutSeconds ?? 30;
  if (!Number.isInteger(offerTimeoutSeconds) || offerTimeoutSeconds < 3 || offerTimeoutSeconds > 600) problem('offerTimeoutSeconds', 'must be between 3 and 600 seconds');

  const colour = input.colour.trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(colour)) problem('colour', 'must be a colour written #RRGGBB');

  const thresholds = { ...input.thresholds };
  for (const [key, value] of Object.entries(thresholds)) {
    if (!Number.isInteger(value) || value < 0) problem(`thresholds.${key}`, 'must be 0 or more');
  }
  if (thresholds.chatTimeWarnSeconds >= thresholds.chatTimeLimitSeconds) {
    problem('thresholds.chatTimeWarnSeconds', 'must be less than thresholds.chatTimeLimitSeconds');
  }

  const texts = {
    welcomeMessage: localized('welcomeMessage', input.welcomeMessage, problem),
    outOfTimeMessage: localized('outOfTimeMessage', input.outOfTimeMessage, problem),
    notAvailableMessage: localized('notAvailableMessage', input.notAvailableMessage, problem),
    feedbackMessage: localized('feedbackMessage', input.feedbackMessage, problem),
  };

  const automaticAgentMessage = input.automaticAgentMessage?.trim() || null;
  if (automaticAgentMessage && automaticAgentMessage.length > MAX_TEXT) problem('automaticAgentMessage', `must have at most ${MAX_TEXT} characters`);

  const offlineMessageEmail = input.offlineMessageEmail?.trim().toLowerCase() || null;
  if (offlineMessageEmail !== null && !isEmail(offlineMessageEmail)) problem('offlineMessageEmail', 'must be a valid email address');
  if (input.offlineMessageEnabled && offlineMessageEmail === null) problem('offlineMessageEmail', 'is required when offline messages are on');

  const customField = { label: input.customField.label.trim(), visible: input.customField.visible, required: input.customField.required };
  if (customField.label.length > 60) problem('customField.label', 'must have at most 60 characters');
  if ((customField.visible || customField.required) && customField.label === '') problem('customField.label', 'must not be empty when the field is shown');
  if (customField.required && !customField.visible) problem('customField.required', 'a hidden field cannot be required');

  const allowedDomains: string[] = [];
  if (input.allowedDomains.length > 100) problem('allowedDomains', 'must list at most 100 domains');
  input.allowedDomains.forEach((raw, i) => {
    const domain = normaliseDomain(raw);
    if (domain === undefined) problem(`allowedDomains[${i}]`, `"${raw.slice(0, 80)}" is not a site such as example.com, *.example.com or https://shop.example.com:8443`);
    else if (!allowedDomains.includes(domain)) allowedDomains.push(domain);
  });

  const schedule = validateSchedule(input.schedule, problem);
  const qualityModelId = input.qualityModelId?.trim() || null;

  return {
    problems,
    settings: {
      name,
      enabled: input.enabled,
      distribution: input.distribution,
      availability: input.availability,
      serviceLevelTarget: input.serviceLevelTarget,
      schedule,
      ...texts,
      maxInteractionsPerAgent: input.maxInteractionsPerAgent,
      offerTimeoutSeconds,
      qualityModelId,
      automaticAgentMessage,
      thresholds,
      colour: colour.toUpperCase(),
      showAgentName: input.showAgentName,
      feedbackEnabled: input.feedbackEnabled,
      emailRequired: input.emailRequired,
      mediaEnabled: input.mediaEnabled,
      offlineMessageEnabled: input.offlineMessageEnabled,
      offlineMessageEmail,
      customField,
      allowedDomains,
    },
  };
}

type Report = (field: string, message: string) => void;

function localized(field: string, text: LocalizedTextInput, problem: Report): LocalizedText {
  const value = { en: text.en.trim(), es: text.es.trim(), pt: text.pt.trim() };
  for (const language of ['en', 'es', 'pt'] as const) {
    if (value[language] === '') problem(`${field}.${language}`, 'must not be empty');
    else if (value[language].length > MAX_TEXT) problem(`${field}.${language}`, `must have at most ${MAX_TEXT} characters`);
  }
  return value;
}

function validateRanges(field: string, ranges: readonly ScheduleRangeInput[], problem: Report, weekday?: number): ScheduleRange[] {
  if (ranges.length > 100) problem(field, 'must have at most 100 ranges');
  return ranges.map((range, i) => {
    const at = `${field}[${i}]`;
    if (!Number.isInteger(range.weekday) || range.weekday < 0 || range.weekday > 6) problem(`${at}.weekday`, 'must be 0 (Sunday) to 6 (Saturday)');
    const start = parseClock(range.start);
    const end = parseClock(range.end);
    // Each time is checked on its own, so a range with two bad times names both.
    const startValid = !Number.isNaN(start) && start < 24 * 60;
    if (!startValid) problem(`${at}.start`, 'must be a time from 00:00 to 23:59, written HH:MM');
    if (Number.isNaN(end)) problem(`${at}.end`, 'must be a time from 00:00 to 24:00 (midnight), written HH:MM');
    else if (startValid && start >= end) problem(`${at}.start`, 'must be earlier than end');
    return { weekday: weekday ?? range.weekday, start: range.start, end: range.end };
  });
}

function validateSchedule(input: CampaignInput['schedule'], problem: Report): Schedule {
  const timezone = canonicalTimezone(input.timezone.trim());
  if (timezone === undefined) problem('schedule.timezone', `"${input.timezone.slice(0, 60)}" is not an IANA timezone such as Europe/Madrid`);
  const ranges = validateRanges('schedule.ranges', input.ranges, problem);
  const seen = new Set<string>();
  const exceptions = (input.exceptions ?? []).map((day, i) => {
    const at = `schedule.exceptions[${i}]`;
    if (!isCalendarDate(day.date)) problem(`${at}.date`, 'must be a date written YYYY-MM-DD');
    else if (seen.has(day.date)) problem(`${at}.date`, `${day.date} appears twice`);
    seen.add(day.date);
    const dayRanges = day.closed ? [] : validateRanges(`${at}.ranges`, day.ranges ?? [], problem);
    if (!day.closed && dayRanges.length === 0) problem(`${at}.ranges`, 'an open exception day needs at least one range');
    return { date: day.date, closed: day.closed, ranges: dayRanges };
  });
  if (exceptions.length > 400) problem('schedule.exceptions', 'must have at most 400 days');
  return { timezone: timezone ?? input.timezone, ranges, exceptions };
}
