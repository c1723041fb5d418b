import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkify, safeHref } from './linkify';

describe('linkify', () => {
  it('turns http and https addresses into links and keeps the rest as text', () => {
    assert.deepEqual(linkify('See https://example.com/a?b=1, thanks.'), [
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', thanks.' },
    ]);
    assert.deepEqual(linkify('www.parley.dev'), [{ kind: 'link', text: 'www.parley.dev', href: 'https://www.parley.dev/' }]);
  });

  it('never makes a link of another scheme, and keeps markup as text', () => {
    const typed = 'javascript:alert(1) <img src=x onerror=alert(1)> data:text/html,hi';
    assert.deepEqual(linkify(typed), [{ kind: 'text', text: typed }]);
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref('ftp://example.com'), null);
  });

  it('keeps a parenthesis that belongs to the address', () => {
    const [link] = linkify('https://en.wikipedia.org/wiki/Parley_(film)');
    assert.equal(link?.kind === 'link' && link.text, 'https://en.wikipedia.org/wiki/Parley_(film)');
  });
});
