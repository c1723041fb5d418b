/**
 * The campaign editor's vocabulary: what each setting is called on screen and in which order it
 * appears. Pure (no Angular), so error mapping can be unit-tested with Node's test runner.
 */

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
  { code: 'pt', label: 'Português' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

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

/** The parts of one opening-hours row, as labelled on screen. */
export const RANGE_PARTS = [
  { key: 'weekday', label: 'day' },
  { key: 'start', label: 'opens' },
  { key: 'end', label: 'closes' },
] as const;

/**
 * Every top-level form control in screen order, with its label. Message groups and the
 * thresholds group are expanded below; `ranges` stands for the schedule rows.
 */
const SCREEN: readonly (readonly [control: string, label: string])[] = [
  ['name', 'Name'],
  ['enabled', 'Enabled'],
  ['distribution', 'Routing strategy'],
  ['availability', 'Availability rule'],
  ['maxInteractionsPerAgent', 'Chats per agent'],
  ['serviceLevelPercent', 'Service level target'],
  ['qualityModelId', 'Quality model'],
  ['automaticAgentMessage', 'Automatic agent message'],
  ['colour', 'Colour'],
  ['showAgentName', "Show the agent's name"],
  ['emailRequired', 'Email required'],
  ['feedbackEnabled', 'Ask for feedback'],
  ['mediaEnabled', 'Audio and video calls'],
  ['customField.label', 'Custom field label'],
  ['customField.visible', 'Custom field shown'],
  ['customField.required', 'Custom field required'],
  ['allowedDomains', 'Allowed domains'],
  ...LANGUAGES.flatMap((language) =>
    MESSAGE_FIELDS.map((message) => [`${message.key}.${language.code}`, `${message.label} (${language.label})`] as const),
  ),
  ['timezone', 'Timezone'],
  ['ranges', 'Schedule'],
  ['exceptions', 'Schedule exceptions'],
  ...THRESHOLD_FIELDS.map((threshold) => [`thresholds.${threshold.key}`, threshold.label.replace(/ \(s\)$/, '')] as const),
  ['offerTimeoutSeconds', 'Offer expires after'],
  ['offlineMessageEnabled', 'Offline messages'],
  ['offlineMessageEmail', 'Send offline messages to'],
];

const LABELS = new Map(SCREEN);
const POSITIONS = new Map(SCREEN.map(([control], index) => [control, index]));

/** The label people see for a form control path ("ranges.7.start" is "Schedule, row 8, opens"). */
export function labelOf(control: string): string | undefined {
  const row = /^ranges\.(\d+)(?:\.(\w+))?$/.exec(control);
  if (row) {
    const part = RANGE_PARTS.find((candidate) => candidate.key === row[2]);
    return `Schedule, row ${Number(row[1]) + 1}${part ? `, ${part.label}` : ''}`;
  }
  return LABELS.get(control);
}

/** Where a control sits on screen, for listing problems top to bottom. */
export function screenPosition(control: string): number {
  const row = /^ranges\.(\d+)(?:\.(\w+))?$/.exec(control);
  if (row) {
    const part = RANGE_PARTS.findIndex((candidate) => candidate.key === row[2]);
    return (POSITIONS.get('ranges') ?? 0) + (Number(row[1]) * RANGE_PARTS.length + part + 1) / 10_000;
  }
  return POSITIONS.get(control) ?? SCREEN.length;
}

/** The language tab that holds a control, when it is one of the localized messages. */
export function languageOf(control: string): Language | undefined {
  const [group, code] = control.split('.');
  if (!MESSAGE_FIELDS.some((message) => message.key === group)) return undefined;
  return LANGUAGES.find((language) => language.code === code)?.code;
}
