import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printParleySchema, SCHEMA_FILE } from './emit-schema';
import { buildParleySchema } from './schema';

/** The public contract third parties build on, kept in the repository beside the generated schema. */
const CONTRACT_FILE = path.resolve(__dirname, '../../../schema/contract.graphql');

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing the API)', async () => {
    const emitted = printParleySchema(await buildParleySchema());
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), emitted, 'schema/schema.graphql is stale');
  });

  it('keeps every promise of the public contract', async () => {
    assert.ok(existsSync(CONTRACT_FILE), `the contract is expected at ${CONTRACT_FILE}`);
    const contract = buildSchema(readFileSync(CONTRACT_FILE, 'utf8'));
    const emitted = buildSchema(printParleySchema(await buildParleySchema()));
    const breaking = findBreakingChanges(contract, emitted);
    assert.deepEqual(
      breaking.map((change) => change.description),
      [],
    );
  });
});
