import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unstorableTextAt } from './storable-text';

describe('unstorableTextAt', () => {
  it('accepts any well-formed text, emoji and zero-width characters included', () => {
    const input = { name: '<script>alert(1)</script>', texts: ['👩🏽‍💻', 'a\u200Bb\u202E', '\uD83D\uDE00'], nested: { line: 'x'.repeat(10_000) }, count: 3, none: null };
    assert.equal(unstorableTextAt(input, 'input'), undefined);
  });

  it('names the first NUL character or unpaired surrogate by its path', () => {
    assert.equal(unstorableTextAt('a\u0000b', 'text'), 'text');
    assert.equal(unstorableTextAt({ welcomeMessage: { en: 'ok', es: 'lone \uD800' } }, ''), 'welcomeMessage.es');
    assert.equal(unstorableTextAt({ en: 'nul \u0000' }, 'message'), 'message.en');
    assert.equal(unstorableTextAt(['ok', 'ok', 'low \uDC00 first'], 'reasons'), 'reasons[2]');
    assert.equal(unstorableTextAt('reversed \uDC00\uD800', 'note'), 'note');
    assert.equal(unstorableTextAt('ends high \uD83D', 'note'), 'note');
  });
});
