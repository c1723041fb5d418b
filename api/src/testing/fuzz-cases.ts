import { getNamedType, isInputObjectType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { AUTHORIZATION_MATRIX } from '../graphql/authorization-matrix';
import { PROBES, selectAll } from './authorization-probes';
import { FUZZ_READERS, MATRIX_COLUMN, type FuzzReader, type FuzzWorld } from './fuzz-world';
import { containsRaw, replaceSome, toJson, toLiteral, valueOf, wrongValueOf, type ArgumentType } from './input-generators';
import type { Random } from './seeded-random';

/**
 * Calls of one mutation for a fuzz: who calls, over which transport, and
 * the exact request. Most start from the authorization matrix's valid
 * arguments with a few parts made hostile, so they get past the first checks.
 */

export type CaseKind =
  /** the matrix's valid arguments, one to three values hostile */
  | 'probe'
  /** every argument generated from its type */
  | 'typed'
  /** valid arguments with one value of the wrong type, a missing or an unknown field */
  | 'wrong'
  /** like `probe`, the values written into the document instead of variables */
  | 'literal'
  /** a malformed request around the mutation: variables not an object, a truncated document, an unknown operation */
  | 'request';

export interface FuzzCase {
  readonly mutation: string;
  readonly index: number;
  readonly reader: FuzzReader;
  readonly kind: CaseKind;
  readonly transport: 'http' | 'ws';
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** The HTTP request body, exactly as sent. */
  readonly body: string;
  /** Arguments and input fields of the mutation: a refusal of its input names one of them. */
  readonly fieldNames: readonly string[];
}

/** Frames larger than 256 KiB close a graphql-ws socket by design (maxPayload); such cases go over HTTP only. */
const WS_MAX_BODY = 200 * 1024;

const KINDS: readonly [CaseKind, number][] = [
  ['probe', 0.42],
  ['typed', 0.2],
  ['wrong', 0.2],
  ['literal', 0.12],
  ['request', 0.06],
];

function pickKind(random: Random): CaseKind {
  let roll = random.next();
  for (const [kind, share] of KINDS) {
    if (roll < share) return kind;
    roll -= share;
  }
  return 'probe';
}

/** Names of the arguments and of every input field reachable from them. */
function fieldNamesOf(types: readonly ArgumentType[]): string[] {
  const names = new Set<string>();
  const visit = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || names.has(`:${named.name}`)) return;
    names.add(`:${named.name}`);
    for (const field of Object.values(named.getFields())) {
      names.add(field.name);
      visit(field.type);
    }
  };
  for (const arg of types) {
    names.add(arg.name);
    visit(arg.type);
  }
  return [...names].filter((name) => !name.startsWith(':'));
}

/** Who calls: mostly someone the matrix lets through, so that the input is looked at. */
function pickReader(mutation: string, random: Random): FuzzReader {
  const row = AUTHORIZATION_MATRIX.Mutation[mutation];
  const allowed = FUZZ_READERS.filter((reader) => row?.outcomes[MATRIX_COLUMN[reader]] === 'allowed');
  return random.chance(0.75) && allowed.length > 0 ? random.pick(allowed) : random.pick(FUZZ_READERS);
}

export function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isLeafType(named) ? '' : isObjectType(named) ? selectAll(named) : '{ __typename }';
}

/** `count` calls of `field`, drawn from `random` alone: the same seed gives the same calls. */
export function mutationCases(field: GraphQLField<unknown, unknown>, count: number, random: Random, world: FuzzWorld): FuzzCase[] {
  const types: ArgumentType[] = field.args.map((arg) => ({ name: arg.name, type: arg.type }));
  const fieldNames = fieldNamesOf(types);
  const selection = selectionOf(field);
  const declared = (names: readonly string[]) => {
    const variables = types.filter((arg) => names.includes(arg.name)).map((arg) => `$${arg.name}: ${String(arg.type)}`);
    return variables.length ? `(${variables.join(', ')})` : '';
  };
  /** The document for arguments written `name: $name` (a variable) or `name: <literal>`. */
  const call = (parts: readonly string[]) => {
    const variables = parts.flatMap((part) => /^\w+: \$(\w+)$/.exec(part)?.[1] ?? []);
    return `mutation Fuzz${declared(variables)} { ${field.name}${parts.length ? `(${parts.join(', ')})` : ''} ${selection} }`;
  };

  return Array.from({ length: count }, (_, index) => {
    const reader = pickReader(field.name, random);
    const kind = field.args.length === 0 && random.chance(0.7) ? 'probe' : pickKind(random);
    const context = world.context();
    const hostile = (type: GraphQLInputType, name: string) => valueOf(type, name, random, context);
    const probe = PROBES.Mutation[field.name]?.args?.(world.current, MATRIX_COLUMN[reader], undefined) ?? {};
    const valid: Record<string, unknown> = {};
    for (const arg of types) {
      const given = probe[arg.name];
      if (given !== undefined && given !== null) valid[arg.name] = given;
      else if (isNonNullType(arg.type) || random.chance(0.5)) valid[arg.name] = hostile(arg.type, arg.name);
    }

    let variables: Record<string, unknown>;
    if (kind === 'typed') variables = Object.fromEntries(types.map((arg) => [arg.name, hostile(arg.type, arg.name)]));
    else if (kind === 'wrong') variables = replaceSome(valid, types, 1, random, (type) => wrongValueOf(type, random));
    else variables = replaceSome(valid, types, random.int(1, 3), random, hostile);

    let query = call(types.filter((arg) => variables[arg.name] !== undefined).map((arg) => `${arg.name}: $${arg.name}`));
    let body = toJson({ query, variables });
    if (kind === 'literal') {
      const parts: string[] = [];
      const rest: Record<string, unknown> = {};
      for (const arg of types) {
        const value = variables[arg.name];
        if (value === undefined) continue;
        const literal = toLiteral(value, arg.type);
        if (literal === undefined) {
          parts.push(`${arg.name}: $${arg.name}`);
          rest[arg.name] = value;
        } else parts.push(`${arg.name}: ${literal}`);
      }
      query = call(parts);
      variables = rest;
      body = toJson({ query, variables });
    } else if (kind === 'request') {
      body = random.pick([
        toJson({ query, variables: random.pick(['variables', [variables], 7, true]) }),
        toJson({ query, variables, operationName: random.pick(['Other', '', '<script>', '__proto__']) }),
        toJson({ query: `${query} mutation Fuzz { logout }`, variables }),
        toJson({ query: query.slice(0, random.int(1, query.length - 1)), variables }),
        toJson({ query: random.pick([7, null, ['mutation'], { query }]), variables }),
        toJson({ query, variables: { ...variables, notDeclared: '<script>alert(1)</script>' } }),
        toJson({ query: query.replace('mutation Fuzz', 'subscription Fuzz'), variables }),
        `${toJson({ query, variables }).slice(0, -1)}`,
      ]);
    }
    const overWs = kind !== 'request' && !containsRaw(variables) && Buffer.byteLength(body) < WS_MAX_BODY && random.chance(0.15);
    return { mutation: field.name, index, reader, kind, transport: overWs ? 'ws' : 'http', query, variables, body, fieldNames };
  });
}
