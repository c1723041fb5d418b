import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, Validators } from '@angular/forms';
import type { CampaignInput, LocalizedText, ScheduleException, ScheduleRange } from './campaign.operations';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
  { code: 'pt', label: 'Português' },
] as const;

export const MESSAGE_FIELDS = [
  { key: 'welcomeMessage', label: 'Welcome message', hint: 'Shown when the widget opens.' },
  { key: 'outOfTimeMessage', label: 'Out of hours', hint: 'Shown outside the schedule.' },
  { key: 'notAvailableMessage', label: 'No agent available', hint: 'Shown when nobody can take the chat.' },
  { key: 'feedbackMessage', label: 'Feedback request', hint: 'Asked when the chat ends.' },
] as const;

export const THRESHOLD_FIELDS = [
  { key: 'serviceLevelSeconds', label: 'Service level (s)', hint: 'Answered within this counts toward service level' },
  { key: 'abandonSeconds', label: 'Short abandon (s)', hint: 'Leaving sooner is not counted as abandoned' },
  { key: 'chatTimeWarnSeconds', label: 'Chat time warning (s)', hint: 'First chat-time limit' },
  { key: 'chatTimeLimitSeconds', label: 'Chat time limit (s)', hint: 'Second chat-time limit' },
  { key: 'agentIdleWarnSeconds', label: 'Agent idle warning (s)', hint: 'Agent without a chat this long' },
  { key: 'acd', label: 'ACD alert', hint: 'Waiting contacts above this raise the alert' },
  { key: 'maxChats', label: 'Queue capacity', hint: 'Waiting chats beyond this are refused' },
  { key: 'waitTimeoutSeconds', label: 'Wait timeout (s)', hint: '0 = wait until closing time' },
  { key: 'autoFinishSeconds', label: 'Auto-finish (s)', hint: 'Customer disconnected this long' },
] as const;

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The editor's form, shaped like the contract's CampaignInput so saving is a straight copy. */
export function campaignForm(fb: NonNullableFormBuilder, input: CampaignInput) {
  const text = (value: LocalizedText) =>
    fb.group({ en: [value.en, Validators.required], es: [value.es, Validators.required], pt: [value.pt, Validators.required] });
  return fb.group({
    name: [input.name, [Validators.required, Validators.maxLength(120)]],
    enabled: [input.enabled],
    distribution: [input.distribution],
    availability: [input.availability],
    serviceLevelPercent: [Math.round(input.serviceLevelTarget * 100), [Validators.min(0), Validators.max(100)]],
    maxInteractionsPerAgent: [input.maxInteractionsPerAgent, [Validators.min(1)]],
    qualityModelId: new FormControl<string | null>(input.qualityModelId),
    automaticAgentMessage: [input.automaticAgentMessage ?? ''],
    timezone: [input.schedule.timezone, Validators.required],
    ranges: fb.array(input.schedule.ranges.map((range) => rangeGroup(fb, range))),
    welcomeMessage: text(input.welcomeMessage),
    outOfTimeMessage: text(input.outOfTimeMessage),
    notAvailableMessage: text(input.notAvailableMessage),
    feedbackMessage: text(input.feedbackMessage),
    thresholds: fb.group({ ...input.thresholds }),
    colour: [input.colour, Validators.pattern(/^#[0-9a-fA-F]{6}$/)],
    showAgentName: [input.showAgentName],
    feedbackEnabled: [input.feedbackEnabled],
    emailRequired: [input.emailRequired],
    mediaEnabled: [input.mediaEnabled],
    offlineMessageEnabled: [input.offlineMessageEnabled],
    offlineMessageEmail: [input.offlineMessageEmail ?? ''],
    customField: fb.group({ ...input.customField }),
    allowedDomains: [input.allowedDomains.join('\n')],
  });
}

export type CampaignForm = ReturnType<typeof campaignForm>;

export function rangeGroup(fb: NonNullableFormBuilder, range: ScheduleRange): FormGroup {
  return fb.group({ weekday: [range.weekday], start: [range.start, Validators.required], end: [range.end, Validators.required] });
}

/** Back to CampaignInput; schedule exceptions are kept as loaded (they have no editor yet). */
export function toCampaignInput(form: CampaignForm, exceptions: ScheduleException[]): CampaignInput {
  const value = form.getRawValue();
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    name: value.name,
    enabled: value.enabled,
    distribution: value.distribution,
    availability: value.availability,
    serviceLevelTarget: value.serviceLevelPercent / 100,
    schedule: {
      timezone: value.timezone,
      ranges: (value.ranges as ScheduleRange[]).map((range) => ({ weekday: Number(range.weekday), start: range.start, end: range.end })),
      exceptions,
    },
    welcomeMessage: value.welcomeMessage,
    outOfTimeMessage: value.outOfTimeMessage,
    notAvailableMessage: value.notAvailableMessage,
    feedbackMessage: value.feedbackMessage,
    maxInteractionsPerAgent: value.maxInteractionsPerAgent,
    qualityModelId: value.qualityModelId || null,
    automaticAgentMessage: optional(value.automaticAgentMessage),
    thresholds: value.thresholds,
    colour: value.colour,
    showAgentName: value.showAgentName,
    feedbackEnabled: value.feedbackEnabled,
    emailRequired: value.emailRequired,
    mediaEnabled: value.mediaEnabled,
    offlineMessageEnabled: value.offlineMessageEnabled,
    offlineMessageEmail: optional(value.offlineMessageEmail),
    customField: value.customField,
    allowedDomains: value.allowedDomains
      .split(/[\s,]+/)
      .map((domain) => domain.trim())
      .filter((domain) => domain !== ''),
  };
}

export const rangesOf = (form: CampaignForm): FormArray => form.controls.ranges as FormArray;
