import {
  astFromValue,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from 'graphql';
import { HOSTILE_TEXTS, hostileText, PLAIN_TEXTS, UNSTORABLE_TEXTS } from './hostile-text';
import type { Random } from './seeded-random';

/**
 * Seeded generators of GraphQL argument values for property-based tests:
 * well-typed values full of hostile text, values of the wrong type, and
 * valid values with a few parts replaced. The same seed gives the same values.
 */

/** What the tests know of the data: ids of other people's things, campaign keys. */
export interface GenerationContext {
  readonly ids: readonly string[];
  readonly campaignKeys: readonly string[];
}

/** Plausible values for fields whose name says what they hold, so that some inputs get past the first checks. */
function plausibleText(random: Random, name: string, context: GenerationContext): string {
  const n = random.int(1, 1_000_000);
  const field = name.toLowerCase();
  if (field.includes('email')) return random.pick([`fuzz${n}@example.test`, `Fuzz.${n}+tag@Example.Test`, 'fuzz@sub.example.test']);
  if (field.includes('password')) return `fuzz password ${n}`;
  if (field === 'colour') return random.pick(['#A1B2C3', '#ffffff', '#000000']);
  if (field === 'timezone') return random.pick(['Europe/Madrid', 'UTC', 'America/Sao_Paulo', 'Asia/Kathmandu']);
  if (field === 'start') return random.pick(['00:00', '08:30', '23:59']);
  if (field === 'end') return random.pick(['24:00', '18:00', '12:00']);
  if (field === 'date') return random.pick(['2030-01-15', '2024-02-29', '2031-12-31']);
  if (field === 'campaignkey') return random.pick(context.campaignKeys);
  if (field === 'alloweddomains') return random.pick(['example.com', '*.example.org', 'https://shop.example.com:8443', 'http://localhost:4000']);
  if (field === 'value') return random.pick(['1', '5', 'yes', 'no', 'Solved']);
  if (field === 'shortcut' || field === 'clientid') return `fuzz-${n}`;
  return random.pick(PLAIN_TEXTS);
}

/** Ids of every kind: someone's real id, a random UUID, and strings that are not ids at all. */
function idValue(random: Random, context: GenerationContext): string {
  const roll = random.next();
  if (roll < 0.5 && context.ids.length > 0) return random.pick(context.ids);
  if (roll < 0.65) return random.uuid();
  return random.pick([
    '00000000-0000-0000-0000-000000000000',
    random.uuid().toUpperCase(),
    `{${random.uuid()}}`,
    `${random.uuid()}\u0000`,
    `${random.uuid()} `,
    '1',
    '-1',
    '',
    "' OR 1=1 --",
    '../..',
    'x'.repeat(10_000),
    random.pick(HOSTILE_TEXTS),
    random.pick(UNSTORABLE_TEXTS),
  ]);
}

const INTS = [0, 1, -1, 2, 3, 5, 7, 10, 59, 60, 100, 600, 601, 86_400, 1_000_000, 2_147_483_647, -2_147_483_648];
const FLOATS = [0, 1, 0.5, 0.8, -0.1, 1.0000001, 0.1 + 0.2, 1e-7, 5e-324, 1e308, -1e308, 2 ** 53];
const DATE_TIMES = ['2030-01-15T10:00:00Z', '1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59+14:00', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z'];

function scalarValue(typeName: string, name: string, random: Random, context: GenerationContext): unknown {
  switch (typeName) {
    case 'String':
      return random.chance(0.3) ? plausibleText(random, name, context) : hostileText(random);
    case 'ID':
      return idValue(random, context);
    case 'Int':
      return random.chance(0.6) ? random.pick(INTS) : random.int(-1000, 1000);
    case 'Float':
      return random.chance(0.7) ? random.pick(FLOATS) : random.next() * random.pick([1, 10, 1000]);
    case 'Boolean':
      return random.chance(0.5);
    case 'DateTime':
      return random.pick(DATE_TIMES);
    default:
      return hostileText(random);
  }
}

/** The most a long generated list is written as, in characters. */
const MAX_LIST_CHARS = 4_000_000;

/** How long a generated list is: mostly short, sometimes empty or far past any sensible limit. */
function listLength(random: Random): number {
  const roll = random.next();
  if (roll < 0.2) return 0;
  if (roll < 0.85) return random.int(1, 3);
  if (roll < 0.97) return random.int(101, 500);
  return 10_000;
}

/** A value the type accepts, its text and numbers hostile; `name` is the field or argument it is for. */
export function valueOf(type: GraphQLInputType, name: string, random: Random, context: GenerationContext, depth = 0): unknown {
  if (!isNonNullType(type) && random.chance(0.2)) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    let length = depth > 2 ? Math.min(listLength(random), 3) : listLength(random);
    // Long lists repeat one item: the size is the point, not the variety.
    const first = length > 0 ? valueOf(inner.ofType, name, random, context, depth + 1) : undefined;
    // Long lists of large items (lists of lists of long texts) stop at a few megabytes: far past every limit already, and within what a string can hold.
    if (length > 3) length = Math.min(length, Math.max(4, Math.floor(MAX_LIST_CHARS / toJson(first).length)));
    return Array.from({ length }, (_, i) => (i === 0 || length > 3 ? first : valueOf(inner.ofType, name, random, context, depth + 1)));
  }
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const optional = !isNonNullType(field.type) || field.defaultValue !== undefined;
      if (optional && random.chance(0.3)) continue;
      value[field.name] = valueOf(field.type, field.name, random, context, depth + 1);
    }
    return value;
  }
  if (isEnumType(inner)) return random.pick(inner.getValues()).value;
  return scalarValue(inner.name, name, random, context);
}

/** A number written as JSON text that JavaScript cannot hold as is (`1e400`): sent raw, over HTTP only. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A value the type refuses: wrong scalar, missing or unknown fields, null where it must not be. */
export function wrongValueOf(type: GraphQLInputType, random: Random): unknown {
  if (isNonNullType(type) && random.chance(0.25)) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return random.pick([[null], [wrongValueOf(inner.ofType, random)], { length: 1 }]);
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    const roll = random.next();
    if (roll < 0.3) return random.pick(['{}', [], 7, true]);
    if (roll < 0.6 && required.length > 0) {
      const { [random.pick(required).name]: _dropped, ...rest } = Object.fromEntries(fields.map((field) => [field.name, null]));
      return rest;
    }
    return { [random.pick(['__proto__', 'constructor', 'extra', 'id', '<b>x</b>'])]: 'unexpected', [random.pick(fields).name]: wrongValueOf(random.pick(fields).type, random) };
  }
  if (isEnumType(inner)) {
    const valid = random.pick(inner.getValues()).value as string;
    return random.pick(['NOT_A_VALUE', valid.toLowerCase(), ` ${valid}`, 1, '', '<script>']);
  }
  switch ((inner as GraphQLNamedInputType).name) {
    case 'Int':
      return random.pick([1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, '7', true, 'NaN', new RawJson('1e400'), new RawJson('-1e400'), new RawJson('12345678901234567890')]);
    case 'Float':
      return random.pick(['NaN', 'Infinity', '0.5', true, new RawJson('1e400'), new RawJson('-1e999'), {}]);
    case 'Boolean':
      return random.pick(['true', 1, 0, 'yes', []]);
    case 'DateTime':
      return random.pick(['yesterday', '2024-13-45T99:99:99Z', '2024-02-30T00:00:00Z', 1_700_000_000_000, '', 'NaN']);
    default:
      return random.pick<unknown>([1.5, true, {}, [['nested']], { toString: 'x' }, new RawJson('1e400')]);
  }
}

/** One place in a value: the path to it, its type, and the name of the field or argument it is. */
interface Slot {
  readonly path: readonly (string | number)[];
  readonly type: GraphQLInputType;
  readonly name: string;
}

/** Every place in `value` that has a type: fields (set or not) and the first few items of lists. */
function slots(value: unknown, type: GraphQLInputType, path: readonly (string | number)[], name: string, found: Slot[] = []): Slot[] {
  found.push({ path, type, name });
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner) && Array.isArray(value)) value.slice(0, 3).forEach((item, i) => slots(item, inner.ofType, [...path, i], name, found));
  if (isInputObjectType(inner) && value !== null && typeof value === 'object') {
    for (const field of Object.values(inner.getFields())) slots((value as Record<string, unknown>)[field.name], field.type, [...path, field.name], field.name, found);
  }
  return found;
}

/** An argument of a root field, as the schema declares it. */
export interface ArgumentType {
  readonly name: string;
  readonly type: GraphQLInputType;
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let holder: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = holder[key];
    if (next === null || typeof next !== 'object') return;
    holder = next as Record<string | number, unknown>;
  }
  holder[path.at(-1) as string | number] = value;
}

/**
 * `args` with `count` places replaced: by `replace(slot)`. Places are chosen
 * among every argument and every field inside them, leaves more often.
 */
export function replaceSome(
  args: Record<string, unknown>,
  types: readonly ArgumentType[],
  count: number,
  random: Random,
  replace: (type: GraphQLInputType, name: string) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(args);
  for (let i = 0; i < count; i += 1) {
    const all = types.flatMap((arg) => slots(copy[arg.name], arg.type, [arg.name], arg.name));
    if (all.length === 0) break;
    const leaves = all.filter((slot) => {
      const named = getNullableType(slot.type);
      return !isListType(named) && !isInputObjectType(named);
    });
    const slot = random.chance(0.8) && leaves.length > 0 ? random.pick(leaves) : random.pick(all);
    setAt(copy, slot.path, replace(slot.type, slot.name));
  }
  return copy;
}

/** JSON text of `value`, with RawJson written as its text. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : toJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const containsRaw = (value: unknown): boolean =>
  value instanceof RawJson || (Array.isArray(value) ? value.some(containsRaw) : value !== null && typeof value === 'object' && Object.values(value).some(containsRaw));

/** The value written as a GraphQL literal for the document itself, or undefined where the type cannot write it. */
export function toLiteral(value: unknown, type: GraphQLInputType): string | undefined {
  try {
    const ast = astFromValue(value, type);
    return ast ? print(ast) : undefined;
  } catch {
    return undefined;
  }
}
