import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { AppError } from './app-error';
import { costRefusal, DEFAULT_LIST_SIZE, estimateCost, PAGES } from './query-cost';
import { buildParleySchema } from './schema';

/** Nested fragments, each spreading the next one twice: 2^levels copies of the innermost field. */
function fanOut(levels: number): string {
  let text = '{ ...F0 }';
  for (let i = 0; i < levels; i += 1) text += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${text} fragment F${levels} on Query { pauseReasons }`;
}

describe('query cost', () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await buildParleySchema();
  });
  const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost(schema, parse(query), undefined, variables);
  const refusal = (query: string, variables: Record<string, unknown> = {}) => {
    const result = cost(query, variables);
    assert.ok(result instanceof AppError, `expected a refusal, got ${String(result)}`);
    return { code: result.extensions.code, field: result.extensions.field, message: result.message };
  };

  it('counts each field once per item of every list around it', () => {
    // campaigns(20) × (id, name, members(20) × (penalty, agent { id }))
    assert.equal(cost('{ campaigns { id name members { penalty agent { id } } } }'), 1 + DEFAULT_LIST_SIZE * (3 + DEFAULT_LIST_SIZE * 3));
    assert.equal(cost('{ me { id name } }'), 3);
    assert.equal(cost('mutation { logout }'), 1);
  });

  it("sizes a connection's edges by its first argument, literal or variable, or the page's default", () => {
    const query = 'query($n: Int) { interactions(first: $n) { totalCount edges { node { id } } } }';
    assert.equal(cost(query, { n: 10 }), 1 + 2 + 10 * 2);
    assert.equal(cost(query), 1 + 2 + (PAGES['Query.interactions']?.default ?? NaN) * 2);
    assert.equal(cost('{ interactions(first: 100) { edges { node { id messages { id } } } } }'), 1 + 1 + 100 * (1 + 1 + 1 + DEFAULT_LIST_SIZE));
    assert.equal(cost('query($n: Int) { auditLog(first: $n) { id actor { name } } }', { n: 7 }), 1 + 7 * 3);
  });

  it('sizes statsHistory by its range and interval, at most MAX_BUCKETS', () => {
    const query = 'query($from: DateTime!, $to: DateTime!, $i: StatsInterval!) { statsHistory(campaignId: "c", from: $from, to: $to, interval: $i) { from to } }';
    const day = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') };
    assert.equal(cost(query, { ...day, i: 'QUARTER_HOUR' }), 1 + 97 * 2);
    assert.equal(cost(query, { ...day, i: 'DAY' }), 1 + 2 * 2);
    assert.equal(cost(query, { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2030-01-01T00:00:00Z'), i: 'QUARTER_HOUR' }), 1 + 3000 * 2);
  });

  it('counts fragments and inline fragments as their fields, with the sizes around the spread', () => {
    const spread = cost('{ campaigns { ...C } } fragment C on Campaign { id members { penalty } }');
    assert.equal(spread, cost('{ campaigns { id members { penalty } } }'));
    assert.equal(cost('{ campaigns { ... on Campaign { id } } }'), 1 + DEFAULT_LIST_SIZE);
    assert.equal(cost('{ interactions(first: 5) { ...Page } } fragment Page on InteractionConnection { edges { node { id } } }'), 1 + 1 + 5 * 2);
  });

  it('estimates fragments spread over and over without walking every copy', () => {
    const started = performance.now();
    assert.equal(cost(fanOut(40)), 2 ** 40);
    assert.ok(performance.now() - started < 1000, 'the estimate walked every copy of the fragments');
  });

  it('refuses a page size out of range with BAD_USER_INPUT naming the argument, literal or variable', () => {
    assert.deepEqual(refusal('{ interactions(first: 101) { totalCount } }'), { code: 'BAD_USER_INPUT', field: 'first', message: 'first: must be from 1 to 100' });
    assert.equal(refusal('query($n: Int) { interactions(first: $n) { totalCount } }', { n: 0 }).field, 'first');
    assert.equal(refusal('{ auditLog(first: 501) { id } }').message, 'first: must be from 1 to 500');
    assert.equal(refusal('{ spySessions(first: -1) { id } }').field, 'first');
    assert.equal(refusal('{ staffMessages(withUserId: "u", first: 201) { id } }').message, 'first: must be from 1 to 200');
    // Nested inside another field or behind a fragment, the same.
    assert.equal(refusal('{ me { id } ...Q } fragment Q on Query { interactions(first: 1000) { totalCount } }').field, 'first');
    assert.equal(typeof cost('{ interactions(first: 100) { totalCount } auditLog(first: 500) { id } staffMessages(withUserId: "u", first: 200) { id } }'), 'number');
  });

  it('caps every paged field of the schema, and only fields that exist', () => {
    const paged: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((arg) => ['first', 'last', 'limit', 'take', 'pageSize'].includes(arg.name))) paged.push(`${type.name}.${field.name}`);
      }
    }
    assert.deepEqual(paged.sort(), Object.keys(PAGES).sort());
    for (const [coordinate, page] of Object.entries(PAGES)) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const field = schema.getQueryType()?.name === typeName ? schema.getQueryType()?.getFields()[fieldName] : undefined;
      assert.ok(field?.args.some((arg) => arg.name === page.argument), coordinate);
      assert.ok(page.default >= 1 && page.default <= page.max, coordinate);
    }
  });

  it('refuses an operation above the limit with BAD_USER_INPUT giving its cost and the limit', () => {
    const query = parse('query($n: Int) { interactions(first: $n) { edges { node { id messages { id text } } } } }');
    const atOne = estimateCost(schema, query, undefined, { n: 1 });
    assert.equal(typeof atOne, 'number');
    assert.equal(costRefusal(schema, query, undefined, { n: 1 }, atOne as number), undefined);
    const refused = costRefusal(schema, query, undefined, { n: 2 }, atOne as number);
    assert.equal(refused?.extensions.code, 'BAD_USER_INPUT');
    assert.match(refused?.message ?? '', new RegExp(`cost about ${estimateCost(schema, query, undefined, { n: 2 }) as number}, above the limit of ${atOne as number}`));
    assert.equal(costRefusal(schema, parse('{ interactions(first: 101) { totalCount } }'), undefined, {}, 1_000_000)?.extensions.field, 'first');
  });
});
