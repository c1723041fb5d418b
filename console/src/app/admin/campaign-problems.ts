/**
 * From the API's refusal of a campaign (BAD_USER_INPUT with `extensions.field` and
 * `extensions.problems`, paths such as `schedule.ranges[7].start`) to what the editor shows:
 * the form control each problem belongs to, its label on screen, and a message without raw paths.
 * Pure, so it is unit-tested with Node's test runner (campaign-problems.test.ts).
 */
import { labelOf, languageOf, screenPosition, type Language } from './campaign-fields';

/** One refused input value as the API names it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A problem placed on the editor. */
export interface LocatedProblem {
  /** Form control path ("ranges.7.start"); some ("ranges", "exceptions") have no control of their own. */
  readonly control: string;
  /** The message tab the control is on, for localized messages. */
  readonly language: Language | undefined;
  /** What people call the setting: "Schedule, row 8, opens", "Allowed domains, line 2". */
  readonly label: string;
  /** What is wrong, starting in lower case: "must not be empty". */
  readonly message: string;
  /** For allowed domains: the line of the box the entry is on. */
  readonly line?: number;
}

const OTHER_SETTING = 'Campaign settings';

/** The problems a GraphQL error reports about the input; none when it is not a BAD_USER_INPUT naming a field. */
export function fieldProblemsOf(error: { readonly message: string; readonly extensions?: Readonly<Record<string, unknown>> }): FieldProblem[] {
  const extensions = error.extensions ?? {};
  if (extensions['code'] !== 'BAD_USER_INPUT') return [];
  const listed = extensions['problems'];
  if (Array.isArray(listed)) {
    const problems = listed.filter(isFieldProblem);
    if (problems.length > 0) return problems;
  }
  const field = extensions['field'];
  if (typeof field !== 'string' || field === '') return [];
  // A single refusal's message is "<field>: <what is wrong>".
  const prefix = `${field}: `;
  return [{ field, message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message }];
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['field'] === 'string' && typeof candidate['message'] === 'string';
}

/** The form control an API input path names, and for `allowedDomains[i]` the entry's index. */
export function controlOfField(field: string): { control: string; entry?: number } {
  if (field === 'serviceLevelTarget') return { control: 'serviceLevelPercent' };
  if (field === 'schedule.timezone') return { control: 'timezone' };
  if (field.startsWith('schedule.exceptions')) return { control: 'exceptions' };
  const domain = /^allowedDomains\[(\d+)\]$/.exec(field);
  if (domain) return { control: 'allowedDomains', entry: Number(domain[1]) };
  const path = field.replace(/^schedule\./, '').replace(/\[(\d+)\]/g, '.$1');
  return { control: path };
}

/** Places one problem; `domainLines[i]` is the line of the allowed-domains box that entry i came from. */
export function locateProblem(problem: FieldProblem, domainLines: readonly number[] = []): LocatedProblem {
  const { control, entry } = controlOfField(problem.field);
  const known = labelOf(control);
  const line = entry === undefined ? undefined : (domainLines[entry] ?? entry + 1);
  const label = known === undefined ? OTHER_SETTING : line === undefined ? known : `${known}, line ${line}`;
  return { control, language: languageOf(control), label, message: humaneMessage(problem, control), ...(line === undefined ? {} : { line }) };
}

/** Every problem placed, in the order the settings appear on screen. */
export function locateProblems(problems: readonly FieldProblem[], domainLines: readonly number[] = []): LocatedProblem[] {
  return inScreenOrder(problems.map((problem) => locateProblem(problem, domainLines)));
}

/** The editor's own problems, found on form controls ("ranges.2.end"), placed like the API's. */
export function locateControlProblems(problems: readonly { control: string; message: string }[]): LocatedProblem[] {
  return inScreenOrder(
    problems.map(({ control, message }) => ({ control, language: languageOf(control), label: labelOf(control) ?? OTHER_SETTING, message })),
  );
}

function inScreenOrder(problems: LocatedProblem[]): LocatedProblem[] {
  return problems
    .map((located, index) => ({ located, index }))
    .sort((a, b) => order(a.located) - order(b.located) || a.index - b.index)
    .map(({ located }) => located);
}

const order = (problem: LocatedProblem): number => screenPosition(problem.control) + (problem.line ?? 0) / 1_000_000;

/** The line of the summary at the top of the editor. */
export const summaryLine = (problem: LocatedProblem): string => `${problem.label}: ${problem.message}`;

/** What to show next to each control: its problems as sentences ("Line 2: …" for allowed domains). */
export function messagesByControl(problems: readonly LocatedProblem[]): Map<string, string> {
  const messages = new Map<string, string[]>();
  for (const problem of problems) {
    const sentence = problem.line === undefined ? sentenceCase(problem.message) : `Line ${problem.line}: ${problem.message}`;
    const list = messages.get(problem.control) ?? [];
    if (!list.includes(sentence)) list.push(sentence);
    messages.set(problem.control, list);
  }
  return new Map([...messages].map(([control, list]) => [control, list.map(withStop).join(' ')]));
}

export const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const withStop = (text: string): string => (/[.!?)"]$/.test(text) ? text : `${text}.`);

/** The API's message in the editor's words: units as shown on screen, other settings by their labels. */
function humaneMessage(problem: FieldProblem, control: string): string {
  if (control === 'serviceLevelPercent' && /between 0 and 1\b/.test(problem.message)) return 'must be between 0 and 100';
  let message = problem.message;
  if (/^ranges\.\d+\.(start|end)$/.test(control)) {
    message = message.replace(/\bthan end$/, 'than the closing time').replace(/\bthan start$/, 'than the opening time');
  }
  // Only outside quotes: a quoted part is the value that was typed, and stays as typed.
  return message
    .split('"')
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\b[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*|\[\d+\])+/g, namedSetting)))
    .join('"');
}

function namedSetting(path: string): string {
  const label = labelOf(controlOfField(path).control);
  return label === undefined ? path : `the ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}
