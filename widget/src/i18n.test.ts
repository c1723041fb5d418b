import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chooseLanguage, T, translator, type Language } from './i18n';

// The texts are a table in the order of the keys (the bundle carries positions, not names): read both from the source.
const source = readFileSync(path.resolve(__dirname, '../../src/i18n.ts'), 'utf8');
const keys = [...(/export const enum T \{([^}]*)\}/.exec(source)?.[1] ?? '').matchAll(/(\w+),/g)].map((match) => match[1]);
const rows = [...(/const TEXTS: readonly string\[\] = \[([\s\S]*?)\n\];/.exec(source)?.[1] ?? '').matchAll(/\/\* (\w+) \*\//g)].map((match) => match[1]);
const LANGUAGES: Language[] = ['en', 'es', 'pt'];
const placeholders = (text: string) => [...text.matchAll(/\{\d\}/g)].map((match) => match[0]).sort();

describe("the widget's texts", () => {
  it('have one row per key, in the order of the keys', () => {
    assert.ok(keys.length > 80);
    assert.deepEqual(rows, keys);
  });

  it('exist in English, Spanish and Portuguese, with the same placeholders', () => {
    // Placeholders filled with themselves: the texts as written.
    const written = LANGUAGES.map((language) => keys.map((_, key) => translator(language)(key as T, '{0}', '{1}')));
    keys.forEach((name, key) => {
      const [en = '', es = '', pt = ''] = written.map((texts) => texts[key] ?? '');
      for (const text of [en, es, pt]) assert.notEqual(text.trim(), '', `${name} is missing a language`);
      assert.deepEqual(placeholders(es), placeholders(en), `${name} (es)`);
      assert.deepEqual(placeholders(pt), placeholders(en), `${name} (pt)`);
    });
  });

  it('fill in values and follow the language', () => {
    assert.equal(translator('en')(T.VideoCallFrom, 'Ana'), 'Video call from Ana');
    assert.equal(translator('es')(T.VoiceCallFrom, 'Ana'), 'Llamada de voz de Ana');
    assert.equal(translator('pt')(T.AcceptCall), 'Atender chamada');
    assert.equal(chooseLanguage(undefined, ['pt-BR', 'en']), 'pt');
  });
});
