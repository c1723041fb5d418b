import type { Random } from './seeded-random';

/** Text that is valid Unicode and storable, but dangerous wherever it is rendered, interpolated or parsed. */
export const HOSTILE_TEXTS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(document.cookie)">',
  '"><svg/onload=alert(1)>',
  "'\"><iframe srcdoc='<script>parent.alert(1)</script>'>",
  "{{constructor.constructor('alert(1)')()}}",
  '{{7*7}} ${7*7} #{7*7} <%= 7*7 %>',
  '[click me](javascript:alert(1))',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(String.fromCharCode(88))',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'invoice\u202Efdp.exe',
  '\u202Eevil\u202C right-to-left \u2067isolate\u2069',
  'zero\u200Bwidth\u200C\u200Djoin\uFEFFbom\u2060',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '" OR ""="',
  '\\\\ backslash \\" quote %_ like %',
  '$1 $$ :name ? ?? \\x00',
  '👩🏽‍💻 🎉 🇪🇸 👨‍👩‍👧‍👦',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'e\u0301 é ﬁ İı ß ẞ',
  'مرحبا بالعالم',
  'שלום עולם',
  '日本語のテキスト',
  '__proto__',
  'constructor',
  'toString',
  '%s%n%x%d {0} {{}}',
  '../../../etc/passwd',
  'CON.txt',
  'line one\r\nX-Injected: yes\r\n\r\nbody',
  'tab\tseparated\vvertical\fform',
  '\u0085next\u2028line\u2029paragraph',
  ' leading and trailing ',
  '   ',
  '',
  'NaN',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
  '\u001b[31mred\u001b[0m',
  '\u0007\u0008\u007f',
];

/** Not storable as PostgreSQL text, or not valid Unicode. */
export const UNSTORABLE_TEXTS: readonly string[] = ['nul\u0000byte', '\u0000', 'lone \uD800 high', 'lone \uDC00 low', 'reversed \uDC00\uD800 pair'];

/** Ordinary text, for fields that must look valid. */
export const PLAIN_TEXTS = ['Hello', 'Ada Lovelace', 'Thanks for waiting', 'Árvíztűrő tükörfúrógép', 'Order 4711'];

/** The edges of the limits the API documents: 60, 120, 200, 2000 characters and so on, one under and one over. */
const LIMIT_LENGTHS = [59, 60, 61, 119, 120, 121, 199, 200, 201, 254, 255, 1999, 2000, 2001, 4001, 10_001];

/** A line of `length` characters: one character repeated, or hostile text repeated. */
function longLine(random: Random, length: number): string {
  const unit = random.pick(['a', 'é', '👍', '<b>', '\u200B', HOSTILE_TEXTS[0] as string, 'x ']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Hostile text of any length; `unstorable` lets NUL bytes and lone surrogates in. */
export function hostileText(random: Random, unstorable = true): string {
  const roll = random.next();
  if (roll < 0.55) return random.pick(HOSTILE_TEXTS);
  if (roll < 0.65 && unstorable) return random.pick(UNSTORABLE_TEXTS);
  if (roll < 0.75) return longLine(random, 10_000);
  if (roll < 0.87) return longLine(random, random.pick(LIMIT_LENGTHS));
  if (roll < 0.9) return longLine(random, 100_000);
  return `${random.pick(HOSTILE_TEXTS)}${random.pick(PLAIN_TEXTS)}${random.pick(HOSTILE_TEXTS)}`;
}
