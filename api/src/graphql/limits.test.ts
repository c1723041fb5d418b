import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse, validate } from 'graphql';
import { queryLimits } from './limits';

const schema = buildSchema('type Node { id: ID! child: Node } type Query { node: Node }');
const errors = (query: string) => validate(schema, parse(query), [queryLimits(4, 3)]).map((error) => error.message);

describe('query limits', () => {
  it('lets reasonable operations through', () => {
    assert.deepEqual(errors('{ node { child { child { id } } } }'), []);
  });

  it('refuses operations nested too deep, also through fragments', () => {
    assert.equal(errors('{ node { child { child { child { id } } } } }').length, 1);
    assert.equal(errors('{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { id } } }').length, 1);
  });

  it('refuses alias batching', () => {
    assert.equal(errors('{ a: node { id } b: node { id } c: node { id } d: node { id } }').length, 1);
    assert.deepEqual(errors('{ a: node { id } b: node { id } c: node { id } }'), []);
  });

  it('measures fragments spread over and over without walking every copy', () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 40; i += 1) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    const started = performance.now();
    assert.deepEqual(errors(`${query} fragment F40 on Query { node { id } }`), []);
    assert.equal(errors(`${query} fragment F40 on Query { a: node { id } }`).length, 1, 'each copy of an alias counts');
    assert.ok(performance.now() - started < 1000, 'validation walked every copy of the fragments');
  });

  it('does not loop on cyclic fragments', () => {
    assert.doesNotThrow(() => errors('{ node { ...A } } fragment A on Node { child { ...A } }'));
  });
});
