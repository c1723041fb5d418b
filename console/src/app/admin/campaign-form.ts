import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, type AbstractControl, type ValidatorFn } from '@angular/forms';
import type { CampaignInput, LocalizedText, ScheduleException, ScheduleRange } from './campaign.operations';
import {
  clockProblem,
  colourProblem,
  emailProblem,
  lengthProblem,
  normaliseClock,
  rangeOrderProblem,
  requiredProblem,
  splitDomains,
  timezoneProblem,
  wholeNumberProblem,
} from './campaign-rules';

/**
 * A validator from the pure rules: its error is `{ problem: message }`, the message shown next to
 * the control. Problems the API finds are set as `{ server: message }` (see campaign-editor.page.ts).
 */
function rule(...checks: ((value: never) => string | null)[]): ValidatorFn {
  return (control) => {
    for (const check of checks) {
      const problem = check(control.value as never);
      if (problem) return { problem };
    }
    return null;
  };
}

const text = (max: number) => rule(requiredProblem, (value: string) => lengthProblem(value, max));
const whole = (min: number, max?: number) => rule((value: unknown) => wholeNumberProblem(value, min, max));

/** The editor's form, shaped like the contract's CampaignInput so saving is a straight copy. */
export function campaignForm(fb: NonNullableFormBuilder, input: CampaignInput) {
  const localized = (value: LocalizedText) => fb.group({ en: [value.en, text(2000)], es: [value.es, text(2000)], pt: [value.pt, text(2000)] });
  const thresholds = Object.fromEntries(Object.entries(input.thresholds).map(([key, value]) => [key, fb.control(value, whole(0))])) as {
    [K in keyof CampaignInput['thresholds']]: FormControl<number>;
  };
  return fb.group({
    name: [input.name, text(120)],
    enabled: [input.enabled],
    distribution: [input.distribution],
    availability: [input.availability],
    serviceLevelPercent: [Math.round(input.serviceLevelTarget * 100), whole(0, 100)],
    maxInteractionsPerAgent: [input.maxInteractionsPerAgent, whole(1, 50)],
    offerTimeoutSeconds: [input.offerTimeoutSeconds ?? 30, whole(3, 600)],
    qualityModelId: new FormControl<string | null>(input.qualityModelId),
    automaticAgentMessage: [input.automaticAgentMessage ?? '', rule((value: string) => lengthProblem(value, 2000))],
    timezone: [input.schedule.timezone, rule(requiredProblem, timezoneProblem)],
    ranges: fb.array(input.schedule.ranges.map((range) => rangeGroup(fb, range))),
    welcomeMessage: localized(input.welcomeMessage),
    outOfTimeMessage: localized(input.outOfTimeMessage),
    notAvailableMessage: localized(input.notAvailableMessage),
    feedbackMessage: localized(input.feedbackMessage),
    thresholds: fb.group(thresholds),
    colour: [input.colour, rule(colourProblem)],
    showAgentName: [input.showAgentName],
    feedbackEnabled: [input.feedbackEnabled],
    emailRequired: [input.emailRequired],
    mediaEnabled: [input.mediaEnabled],
    offlineMessageEnabled: [input.offlineMessageEnabled],
    offlineMessageEmail: [input.offlineMessageEmail ?? '', rule(emailProblem)],
    customField: fb.group({
      label: [input.customField.label, rule((value: string) => lengthProblem(value, 60))],
      visible: [input.customField.visible],
      required: [input.customField.required],
    }),
    allowedDomains: [input.allowedDomains.join('\n')],
  });
}

export type CampaignForm = ReturnType<typeof campaignForm>;
export type RangeGroup = FormGroup<{ weekday: FormControl<number>; start: FormControl<string>; end: FormControl<string> }>;

/** One row of opening hours; closing must come after opening, so the end is checked again when the start changes. */
export function rangeGroup(fb: NonNullableFormBuilder, range: ScheduleRange): RangeGroup {
  const start = fb.control(range.start, rule((value: string) => clockProblem(value, 'start')));
  const end = fb.control(range.end, (control: AbstractControl<string>) => {
    const problem = clockProblem(control.value, 'end') ?? rangeOrderProblem(start.value, control.value);
    return problem ? { problem } : null;
  });
  start.valueChanges.subscribe(() => end.updateValueAndValidity());
  return fb.group({ weekday: fb.control(range.weekday), start, end });
}

export const rangesOf = (form: CampaignForm): FormArray<RangeGroup> => form.controls.ranges;

/** Adds a row of opening hours: the day after the last row's, with its hours; returns the path of the new row's day. */
export function addRange(fb: NonNullableFormBuilder, form: CampaignForm): string {
  const ranges = rangesOf(form);
  const last = ranges.at(ranges.length - 1)?.getRawValue();
  ranges.push(rangeGroup(fb, { weekday: last ? (last.weekday + 1) % 7 : 1, start: last?.start ?? '09:00', end: last?.end ?? '18:00' }));
  form.markAsDirty();
  return `ranges.${ranges.length - 1}.weekday`;
}

export function removeRange(form: CampaignForm, index: number): void {
  rangesOf(form).removeAt(index);
  form.markAsDirty();
}

/** "9:00" becomes "09:00" when the person leaves the field. */
export function tidyClock(control: AbstractControl<string>): void {
  const tidy = normaliseClock(control.value);
  if (tidy !== control.value) control.setValue(tidy);
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
      timezone: value.timezone.trim(),
      ranges: value.ranges.map((range) => ({ weekday: Number(range.weekday), start: normaliseClock(range.start), end: normaliseClock(range.end) })),
      exceptions,
    },
    welcomeMessage: value.welcomeMessage,
    outOfTimeMessage: value.outOfTimeMessage,
    notAvailableMessage: value.notAvailableMessage,
    feedbackMessage: value.feedbackMessage,
    maxInteractionsPerAgent: value.maxInteractionsPerAgent,
    offerTimeoutSeconds: value.offerTimeoutSeconds,
    qualityModelId: value.qualityModelId || null,
    automaticAgentMessage: optional(value.automaticAgentMessage),
    thresholds: value.thresholds,
    colour: value.colour.trim(),
    showAgentName: value.showAgentName,
    feedbackEnabled: value.feedbackEnabled,
    emailRequired: value.emailRequired,
    mediaEnabled: value.mediaEnabled,
    offlineMessageEnabled: value.offlineMessageEnabled,
    offlineMessageEmail: optional(value.offlineMessageEmail),
    customField: value.customField,
    allowedDomains: splitDomains(value.allowedDomains).domains,
  };
}

/** The controls that fail their own checks, by path ("ranges.2.end"), with the message each shows. */
export function controlProblems(control: AbstractControl, path: string[] = []): { control: string; message: string }[] {
  if (control instanceof FormGroup || control instanceof FormArray) {
    return Object.entries(control.controls as Record<string, AbstractControl>).flatMap(([key, child]) => controlProblems(child, [...path, key]));
  }
  const problem: unknown = control.enabled ? control.errors?.['problem'] : undefined;
  return typeof problem === 'string' ? [{ control: path.join('.'), message: problem }] : [];
}

/** Runs every control's own checks again, which also drops the problems the API reported last time. */
export function revalidate(control: AbstractControl): void {
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values(control.controls as Record<string, AbstractControl>)) revalidate(child);
  }
  control.updateValueAndValidity({ onlySelf: true, emitEvent: false });
}
