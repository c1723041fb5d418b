/**
 * `/shortcut` completion of canned responses in the reply box. Pure, unit-tested.
 */

export interface CannedResponse {
  readonly id: string;
  readonly shortcut: string;
  readonly text: string;
}

/** The `/word` being typed at the caret (at the start or after a space), or null. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([\w-]*)$/.exec(before);
  if (!match) return null;
  return { start: before.length - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Responses whose shortcut starts with the query first, then those that contain it. */
export function cannedMatches(responses: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = responses.filter((response) => response.shortcut.toLowerCase().startsWith(q));
  const contains = responses.filter((response) => !starts.includes(response) && response.shortcut.toLowerCase().includes(q));
  return [...starts, ...contains];
}

/** Puts `insert` in place of text[start, end) and says where the caret goes. */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
