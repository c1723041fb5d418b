import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { AppError } from './app-error';
import { MAX_BUCKETS } from '../stats/stats-history';

/** A field that returns a page: the argument that sizes it, the size when it is left out, and the largest size allowed. */
export interface Page {
  readonly argument: string;
  readonly default: number;
  readonly max: number;
}

/**
 * Every paged field of the schema, by `Type.field`. The services page by
 * the same figures; here they are checked for every operation before it
 * runs, on both transports, whoever asks.
 */
export const PAGES: Readonly<Record<string, Page>> = {
  'Query.interactions': { argument: 'first', default: 20, max: 100 },
  'Query.auditLog': { argument: 'first', default: 50, max: 500 },
  'Query.spySessions': { argument: 'first', default: 50, max: 500 },
  'Query.staffMessages': { argument: 'first', default: 50, max: 200 },
};

/** The size assumed for a list that takes no size argument: about a screenful. */
export const DEFAULT_LIST_SIZE = 20;

/**
 * Lists whose size is known otherwise: `contactHistory` answers at most 100
 * chats; a schedule (stored with its campaign, read with it) has about two
 * opening ranges a weekday and a few exception days of one or two ranges.
 */
const FIXED_SIZES: Readonly<Record<string, number>> = {
  'Query.contactHistory': 100,
  'Schedule.ranges': 14,
  'Schedule.exceptions': 10,
  'ScheduleException.ranges': 2,
};

const BUCKET_MS = { QUARTER_HOUR: 15 * 60_000, HOUR: 60 * 60_000, DAY: 24 * 60 * 60_000 } as const;

/** statsHistory answers one bucket per interval of [from, to), at most MAX_BUCKETS. */
function statsBuckets(args: Record<string, unknown>): number {
  const from = new Date(args.from as Date | string).getTime();
  const to = new Date(args.to as Date | string).getTime();
  const step = BUCKET_MS[args.interval as keyof typeof BUCKET_MS];
  if (!Number.isFinite(from) || !Number.isFinite(to) || step === undefined) return MAX_BUCKETS;
  return Math.min(MAX_BUCKETS, Math.max(1, Math.ceil((to - from) / step) + 1));
}

const SIZED_BY_ARGUMENTS: Readonly<Record<string, (args: Record<string, unknown>) => number>> = { 'Query.statsHistory': statsBuckets };

/** A page argument out of its range, found while estimating. */
class PageRefusal extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Record<string, unknown>;
  /** The cost of each fragment at multiplier 1, by name and the page size it inherits. */
  readonly fragmentCosts: Map<string, number>;
  readonly visiting: Set<string>;
  /** Whether any argument was read: a cost that read none holds for every request with this document. */
  readArguments: boolean;
}

function argumentsOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> | undefined {
  walk.readArguments = true;
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    // Arguments that do not coerce are refused by execution with its own error; the size falls back to the default.
    return undefined;
  }
}

/** The number of items a list field (or the list under a connection) is expected to hold; undefined for fields that do not size a list. */
function sizeOf(walk: Walk, parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
  const coordinate = `${parent.name}.${field.name}`;
  const page = PAGES[coordinate];
  if (page) {
    const value = argumentsOf(walk, field, node)?.[page.argument];
    if (value === undefined || value === null) return page.default;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > page.max) {
      throw new PageRefusal(new AppError('BAD_USER_INPUT', `${page.argument}: must be from 1 to ${page.max}`, page.argument, 400));
    }
    return value;
  }
  const fixed = FIXED_SIZES[coordinate];
  if (fixed !== undefined) return fixed;
  const sized = SIZED_BY_ARGUMENTS[coordinate];
  if (sized) {
    const args = argumentsOf(walk, field, node);
    return args ? sized(args) : MAX_BUCKETS;
  }
  return undefined;
}

/**
 * The cost of a selection at multiplier 1: one per field, each counted once
 * per item of every list around it. A page size found on a field that is not
 * itself a list (a connection) sizes the first list below it (its edges).
 */
function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType, inherited: number | undefined): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += 1;
      if (!selection.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const size = sizeOf(walk, parent, field, selection);
      const isList = isListType(getNullableType(field.type));
      const multiplier = isList ? (size ?? inherited ?? DEFAULT_LIST_SIZE) : 1;
      cost += multiplier * selectionCost(walk, selection.selectionSet, getNamedType(field.type), isList ? undefined : size);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      cost += selectionCost(walk, selection.selectionSet, type ?? parent, inherited);
    } else {
      cost += fragmentCost(walk, selection.name.value, inherited);
    }
  }
  return cost;
}

/** A fragment is costed once per page size it inherits, however often it is spread: nested spreads cannot make the estimate itself slow. */
function fragmentCost(walk: Walk, name: string, inherited: number | undefined): number {
  const key = `${name}:${inherited ?? ''}`;
  const known = walk.fragmentCosts.get(key);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  // Unknown and cyclic fragments are refused by validation.
  if (!fragment || walk.visiting.has(name)) return 0;
  const type = walk.schema.getType(fragment.typeCondition.name.value);
  if (!type) return 0;
  walk.visiting.add(name);
  const cost = selectionCost(walk, fragment.selectionSet, type, inherited);
  walk.visiting.delete(name);
  walk.fragmentCosts.set(key, cost);
  return cost;
}

/**
 * Costs that depend on the document alone (no page or size argument read), by
 * document and operation name: clients send the same few documents (kept
 * parsed) over and over, most of them without page arguments.
 */
const fixedCosts = new WeakMap<DocumentNode, { readonly schema: GraphQLSchema; readonly costs: Map<string | null, number> }>();

/**
 * The estimated cost of running an operation: the number of fields it would
 * resolve, each multiplied by the sizes of the lists around it (a page's
 * `first`, or the list's usual size). Variables must already be coerced.
 * A page argument out of its range answers BAD_USER_INPUT naming it.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number | AppError {
  // No name (null) picks the only operation; '' names none.
  const name = operationName ?? null;
  const known = fixedCosts.get(document);
  const fixed = known?.schema === schema ? known.costs.get(name) : undefined;
  if (fixed !== undefined) return fixed;
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  try {
    const walk: Walk = { schema, fragments, variables, fragmentCosts: new Map(), visiting: new Set(), readArguments: false };
    const cost = selectionCost(walk, operation.selectionSet, root, undefined);
    // Only operations the document holds are kept: made-up names cannot grow the map.
    if (!walk.readArguments) {
      if (known?.schema === schema) known.costs.set(name, cost);
      else fixedCosts.set(document, { schema, costs: new Map([[name, cost]]) });
    }
    return cost;
  } catch (error) {
    if (error instanceof PageRefusal) return error.refusal;
    throw error;
  }
}

/** The refusal (HTTP status 400) of an operation whose page arguments are out of range or whose estimated cost is above `maxCost`; undefined when it may run. */
export function costRefusal(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, maxCost: number): AppError | undefined {
  const cost = estimateCost(schema, document, operationName, variables);
  if (typeof cost !== 'number') return cost;
  if (cost <= maxCost) return undefined;
  return new AppError('BAD_USER_INPUT', `This operation would cost about ${Math.round(cost)}, above the limit of ${maxCost}: ask for fewer items (first) or fewer nested lists`, undefined, 400);
}
