import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate, pickLanguage } from './i18n';
import { EN } from './messages.en';
import { ES } from './messages.es';
import { PT } from './messages.pt';

describe('console languages', () => {
  it('keeps the stored choice, else the browser language we speak, else English', () => {
    assert.equal(pickLanguage('pt', ['es-ES']), 'pt');
    assert.equal(pickLanguage(null, ['fr-FR', 'es-MX']), 'es');
    assert.equal(pickLanguage('klingon', ['pt-BR']), 'pt');
    assert.equal(pickLanguage(null, ['de-DE']), 'en');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    assert.equal(interpolate('Chat with {name}', { name: 'Ana' }), 'Chat with Ana');
    assert.equal(interpolate('{a} of {b}', { a: 1 }), '1 of {b}');
  });

  it('has every text in Spanish and Portuguese with the same parameters as in English', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [name, dictionary] of [['es', ES], ['pt', PT]] as const) {
      assert.deepEqual(Object.keys(dictionary).sort(), Object.keys(EN).sort(), `${name} keys`);
      for (const key of Object.keys(EN) as (keyof typeof EN)[]) {
        assert.deepEqual(params(dictionary[key]), params(EN[key]), `${name} ${key}`);
        assert.notEqual(dictionary[key].trim(), '', `${name} ${key} is empty`);
      }
    }
  });
});
