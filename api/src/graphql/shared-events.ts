import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { mapAsyncIterator } from 'graphql/execution/mapAsyncIterator';
import { isStaffSide, type Viewer } from '../auth/viewer';
import { deliverDirectly, type DeliveryTarget } from './delivery';

/**
 * Subscriptions whose events read the same for every reader of one class:
 * the result depends on the event, the selection (and the variables it
 * uses), and whether the reader is on the staff side (`Sender.userId`),
 * nothing else. Rights are checked per subscriber before an event reaches
 * this point (see whileAllowed); this only spares running the same
 * selection over the same event once per subscriber.
 */
const SHARED_ROOT_FIELDS = new Set(['messageAdded', 'typing']);

/** Per event object, the results already computed, by sharing key. Events are dropped with their results once no stream holds them. */
const results = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();
/** Per event object, the same results serialized for a `next` frame's payload, by sharing key. */
const payloads = new WeakMap<object, Map<string, Promise<string> | string>>();

/** A subscription sent straight to its socket: where, and how a result reads on the wire (errors formatted). */
export interface DirectDelivery extends DeliveryTarget {
  readonly serialize: (result: ExecutionResult) => string;
}

interface DocumentShape {
  readonly id: number;
  /** Variables the selection reads below its root field (directives, nested arguments); those of the root field's own arguments pick the stream, not the result. */
  readonly selectionVariables: readonly string[] | undefined;
  /** The latest event serialized, by the rest of the sharing key: subscribers in step take it with one comparison. */
  readonly latest: Map<string, { event: unknown; json: Promise<string> | string }>;
}
const shapes = new WeakMap<DocumentNode, Map<string, DocumentShape>>();
let nextDocumentId = 0;

function shapeOf(document: DocumentNode, operationName: string | null | undefined): DocumentShape {
  let byOperation = shapes.get(document);
  if (!byOperation) shapes.set(document, (byOperation = new Map()));
  const key = operationName ?? '';
  let shape = byOperation.get(key);
  if (!shape) {
    nextDocumentId += 1;
    shape = { id: nextDocumentId, selectionVariables: sharedSelectionVariables(document, getOperationAST(document, operationName)), latest: new Map() };
    byOperation.set(key, shape);
  }
  return shape;
}

/** The variables read below a shareable root field, or undefined when the operation is not one to share. */
function sharedSelectionVariables(document: DocumentNode, operation: OperationDefinitionNode | null | undefined): readonly string[] | undefined {
  if (!operation || operation.operation !== 'subscription') return undefined;
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length > 0 || root.kind !== Kind.FIELD || root.directives?.length || !SHARED_ROOT_FIELDS.has(root.name.value)) return undefined;
  const used = new Set<string>();
  const collect = { Variable: (node: { name: { value: string } }) => void used.add(node.name.value) };
  if (root.selectionSet) visit(root.selectionSet, collect);
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, collect);
  return [...used].sort();
}

const readerClass = (viewer: Viewer | undefined): string => (viewer && isStaffSide(viewer) ? 'staff' : 'other');

/**
 * graphql's `subscribe`, except that subscribers of a shareable
 * subscription with the same selection and reader class get one execution
 * per event between them instead of one each. With `delivery`, they also
 * share its serialization, and their events go straight to their socket
 * (see deliverDirectly).
 */
export async function subscribeSharingEvents(
  args: ExecutionArgs,
  viewer: Viewer | undefined,
  delivery?: DirectDelivery,
): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const run = (payload: unknown) => execute({ ...args, rootValue: payload });
  const shape = shapeOf(args.document, args.operationName);
  if (shape.selectionVariables === undefined) return mapAsyncIterator(source as AsyncIterable<unknown>, run);
  const values = args.variableValues ?? {};
  const reader = `${readerClass(viewer)}|${JSON.stringify(shape.selectionVariables.map((name) => values[name] ?? null))}`;
  const key = `${shape.id}|${reader}`;
  const shared = (payload: unknown): Promise<ExecutionResult> | ExecutionResult => {
    if (typeof payload !== 'object' || payload === null) return run(payload);
    let byKey = results.get(payload);
    if (!byKey) results.set(payload, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = run(payload)));
    return result;
  };
  if (!delivery) return mapAsyncIterator(source as AsyncIterable<unknown>, shared);
  const { serialize } = delivery;
  let latest = shape.latest.get(reader);
  if (!latest) shape.latest.set(reader, (latest = { event: undefined, json: '' }));
  const inStep = latest;
  const serialized = (payload: unknown): Promise<string> | string => {
    if (typeof payload !== 'object' || payload === null) return Promise.resolve(shared(payload)).then(serialize);
    if (inStep.event === payload) return inStep.json;
    let byKey = payloads.get(payload);
    if (!byKey) payloads.set(payload, (byKey = new Map()));
    let json = byKey.get(key);
    if (json === undefined) {
      const result = shared(payload);
      json = result instanceof Promise ? result.then(serialize) : serialize(result);
      byKey.set(key, json);
      // Once settled, later readers take the string without waiting on a promise.
      if (json instanceof Promise) {
        void json.then(
          (text) => {
            byKey.set(key, text);
            if (inStep.event === payload) inStep.json = text;
          },
          () => undefined,
        );
      }
    }
    inStep.event = payload;
    inStep.json = json;
    return json;
  };
  return deliverDirectly(source as AsyncIterable<unknown>, serialized, delivery) as AsyncGenerator<ExecutionResult>;
}
