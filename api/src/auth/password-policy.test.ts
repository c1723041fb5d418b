import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPasswords, parsePasswordList, passwordProblem } from './password-policy';

const EMAIL = 'Ann.Smith@Example.test';
const list = parsePasswordList('# comment\nqwertyuiop\n  Password123 \n\n');

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    assert.equal(passwordProblem('violet kettle drum', EMAIL, list), undefined);
    assert.equal(passwordProblem('ünïcødé-ök', EMAIL, list), undefined);
  });

  it('refuses fewer than 10 characters, counting characters rather than UTF-16 units', () => {
    assert.equal(passwordProblem('nine char', EMAIL, list), 'must have at least 10 characters');
    assert.equal(passwordProblem('😀😀😀😀😀', EMAIL, list), 'must have at least 10 characters');
    assert.equal(passwordProblem('x'.repeat(201), EMAIL, list), 'must have at most 200 characters');
  });

  it('refuses a password of only spaces, whatever its length', () => {
    assert.equal(passwordProblem(' '.repeat(12), EMAIL, list), 'must not be only spaces');
    assert.equal(passwordProblem('\t \n'.repeat(5), EMAIL, list), 'must not be only spaces');
  });

  it('refuses the email or its local part, in any case', () => {
    assert.equal(passwordProblem('ann.smith@example.test', EMAIL, list), 'must not be the email address or its part before @');
    assert.equal(passwordProblem('ANN.SMITH@EXAMPLE.TEST', EMAIL, list), 'must not be the email address or its part before @');
    assert.equal(passwordProblem('Margaret.Hamilton', 'margaret.hamilton@example.test', list), 'must not be the email address or its part before @');
    assert.equal(passwordProblem('margaret.hamilton!', 'margaret.hamilton@example.test', list), undefined);
  });

  it('refuses common passwords in any case', () => {
    assert.match(passwordProblem('QwertyUiop', EMAIL, list) ?? '', /most common passwords/);
    assert.match(passwordProblem('password123', EMAIL, list) ?? '', /most common passwords/);
  });

  it('ships a list of a few thousand common passwords, readable from the built code', () => {
    const shipped = commonPasswords();
    assert.ok(shipped.size > 3000, `only ${shipped.size} passwords`);
    assert.equal(commonPasswords(), shipped, 'read once');
    for (const common of ['1234567890', 'qwertyuiop', 'password123', '1q2w3e4r5t', 'Manchester']) {
      assert.match(passwordProblem(common, EMAIL, shipped) ?? '', /most common passwords/, common);
    }
  });

  it('accepts the demo and test-fixture passwords', () => {
    const shipped = commonPasswords();
    const fixtures: [string, string][] = [
      ['parley-admin', 'admin@parley.local'],
      ['parley-supervisor', 'supervisor@parley.local'],
      ['parley-agent', 'agent1@parley.local'],
      ['admin password', 'admin@example.test'],
      ['agent password', 'agent@example.test'],
      ['super password', 'sol@example.test'],
      ['a long password', 'stored@example.test'],
      ['correct horse battery', 'root@example.test'],
    ];
    for (const [password, email] of fixtures) assert.equal(passwordProblem(password, email, shipped), undefined, password);
  });
});
