import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { originAllowed } from './allowed-origin';

describe('allowed origins', () => {
  it('allows every site when the list is empty', () => {
    assert.equal(originAllowed(undefined, []), true);
    assert.equal(originAllowed('https://anything.test', []), true);
  });

  it('matches exact hostnames whatever the scheme or port', () => {
    assert.equal(originAllowed('https://example.com', ['example.com']), true);
    assert.equal(originAllowed('http://example.com:8080', ['example.com']), true);
    assert.equal(originAllowed('https://www.example.com', ['example.com']), false);
    assert.equal(originAllowed('https://example.com.evil.test', ['example.com']), false);
    assert.equal(originAllowed('https://notexample.com', ['example.com']), false);
  });

  it('matches subdomains of a wildcard, not the bare domain or look-alikes', () => {
    assert.equal(originAllowed('https://shop.example.com', ['*.example.com']), true);
    assert.equal(originAllowed('https://a.b.example.com', ['*.example.com']), true);
    assert.equal(originAllowed('https://example.com', ['*.example.com']), false);
    assert.equal(originAllowed('https://evilexample.com', ['*.example.com']), false);
  });

  it('refuses a missing, opaque or malformed Origin when a list is set', () => {
    assert.equal(originAllowed(undefined, ['example.com']), false);
    assert.equal(originAllowed('null', ['example.com']), false);
    assert.equal(originAllowed('not a url', ['example.com']), false);
  });
});
