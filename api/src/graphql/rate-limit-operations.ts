import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { RateLimited, type Counter, type RateLimitStore } from './rate-limit';

/** Requests allowed per minute, by who makes them. */
export interface RateLimitsPerMinute {
  /** Root fields per API key. */
  readonly apiKey: number;
  /** Root fields other than sendMessage per visitor session. */
  readonly visitor: number;
  /** startChat per client IP. */
  readonly startChat: number;
  /** sendOfflineMessage per client IP. */
  readonly offlineMessage: number;
}

const MINUTE = 60_000;

/** Root fields by document and operation name: clients send the same few documents (kept parsed) over and over. */
const knownRootFields = new WeakMap<DocumentNode, Map<string | null, ReadonlyMap<string, number>>>();

/** How often an operation runs each root field (aliases count), through fragments; each fragment is counted once however often it is spread. */
export function rootFields(document: DocumentNode, operationName: string | null | undefined): ReadonlyMap<string, number> {
  let byName = knownRootFields.get(document);
  if (!byName) knownRootFields.set(document, (byName = new Map()));
  // No name (null) picks the only operation; '' names none.
  const name = operationName ?? null;
  const known = byName.get(name);
  if (known) return known;
  const operation = getOperationAST(document, operationName);
  // Only names the document holds are kept: made-up names cannot grow the map.
  if (!operation) return new Map();
  const fields = countRootFields(document, operation);
  byName.set(name, fields);
  return fields;
}

function countRootFields(document: DocumentNode, operation: OperationDefinitionNode): ReadonlyMap<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const counted = new Map<string, Map<string, number>>();
  const visiting = new Set<string>();
  const count = (selectionSet: SelectionSetNode): Map<string, number> => {
    const fields = new Map<string, number>();
    const add = (name: string, times: number) => fields.set(name, (fields.get(name) ?? 0) + times);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) add(selection.name.value, 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) for (const [name, times] of count(selection.selectionSet)) add(name, times);
      else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown and cyclic fragments are refused by validation.
        if (!fragment || visiting.has(name)) continue;
        let inner = counted.get(name);
        if (!inner) {
          visiting.add(name);
          inner = count(fragment.selectionSet);
          visiting.delete(name);
          counted.set(name, inner);
        }
        for (const [field, times] of inner) add(field, times);
      }
    }
    return fields;
  };
  return count(operation.selectionSet);
}

const counter = (key: string, limit: number, hits: number): Counter[] => (hits > 0 ? [{ key, limit, windowMs: MINUTE, hits }] : []);

/**
 * What an operation counts against: API keys and visitor sessions per root
 * field (a visitor's messages count against their chat's budget instead,
 * see message-budget.ts), chat starts and offline messages per client IP.
 * Staff sessions count against nothing.
 */
export function countersFor(viewer: Viewer, ip: string, fields: ReadonlyMap<string, number>, perMinute: RateLimitsPerMinute): Counter[] {
  if (viewer.kind === 'staff') return [];
  const occurrences = (name: string) => fields.get(name) ?? 0;
  const total = [...fields.values()].reduce((sum, times) => sum + times, 0);
  const widget = [...counter(`startChat:${ip}`, perMinute.startChat, occurrences('startChat')), ...counter(`offlineMessage:${ip}`, perMinute.offlineMessage, occurrences('sendOfflineMessage'))];
  if (viewer.kind === 'apiKey') return [...counter(`apiKey:${viewer.apiKeyId}`, perMinute.apiKey, total), ...widget];
  // A visitor's messages count against their chat's budget, by the statement that stores each (message-budget.ts).
  if (viewer.kind === 'visitor') return [...counter(`visitor:${viewer.sessionId}`, perMinute.visitor, total - occurrences('sendMessage')), ...widget];
  return widget;
}

/**
 * Rate limits checked when an operation is about to run, over HTTP and
 * graphql-ws alike, in one store call (for Redis, one round trip); none for
 * staff sessions and for anonymous operations other than chat starts and
 * offline messages.
 */
export class OperationRateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly perMinute: RateLimitsPerMinute,
  ) {}

  /** RATE_LIMITED with the wait when the operation is over a limit; undefined when it may run (it is then counted). */
  async admit(viewer: Viewer, ip: string, document: DocumentNode, operationName: string | null | undefined): Promise<RateLimited | undefined> {
    if (viewer.kind === 'staff') return undefined;
    const counters = countersFor(viewer, ip, rootFields(document, operationName), this.perMinute);
    if (counters.length === 0) return undefined;
    const decision = await this.store.take(counters);
    return decision.allowed ? undefined : new RateLimited(decision.retryAfterMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
