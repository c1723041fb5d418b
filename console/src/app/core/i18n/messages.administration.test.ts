import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMINISTRATION_EN } from './messages.administration.en';
import { ADMINISTRATION_ES } from './messages.administration.es';
import { ADMINISTRATION_PT } from './messages.administration.pt';
import { EN } from './messages.en';

describe('administration texts', () => {
  it('has every text in Spanish and Portuguese with the same parameters, and no key of the shared dictionary', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [name, dictionary] of [['es', ADMINISTRATION_ES], ['pt', ADMINISTRATION_PT]] as const) {
      assert.deepEqual(Object.keys(dictionary).sort(), Object.keys(ADMINISTRATION_EN).sort(), `${name} keys`);
      for (const key of Object.keys(ADMINISTRATION_EN) as (keyof typeof ADMINISTRATION_EN)[]) {
        assert.deepEqual(params(dictionary[key]), params(ADMINISTRATION_EN[key]), `${name} ${key}`);
        assert.notEqual(dictionary[key].trim(), '', `${name} ${key} is empty`);
      }
    }
    for (const key of Object.keys(ADMINISTRATION_EN)) assert.ok(!(key in EN), `${key} would hide a shared text`);
  });
});
