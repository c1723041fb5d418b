import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseAllowedEntry, originAllowed } from './allowed-origin';

describe('allowed origins', () => {
  it('allows every site when the list is empty', () => {
    assert.equal(originAllowed(undefined, []), true);
    assert.equal(originAllowed('https://anything.test', []), true);
  });

  it('matches a bare host on https:443 and http:80 only', () => {
    assert.equal(originAllowed('https://example.com', ['example.com']), true);
    assert.equal(originAllowed('https://example.com:443', ['example.com']), true);
    assert.equal(originAllowed('http://example.com', ['example.com']), true);
    assert.equal(originAllowed('https://EXAMPLE.com', ['example.com']), true);
    assert.equal(originAllowed('https://www.example.com', ['example.com']), false);
    assert.equal(originAllowed('https://example.com.evil.test', ['example.com']), false);
    assert.equal(originAllowed('https://notexample.com', ['example.com']), false);
  });

  it('refuses another port or scheme on an allowed host unless listed', () => {
    assert.equal(originAllowed('http://example.com:8081', ['example.com']), false);
    assert.equal(originAllowed('http://example.com:8080', ['example.com']), false);
    assert.equal(originAllowed('https://example.com:8443', ['example.com']), false);
    assert.equal(originAllowed('http://example.com:443', ['example.com']), false);
    assert.equal(originAllowed('https://example.com:80', ['example.com']), false);
    assert.equal(originAllowed('ftp://example.com', ['example.com']), false);
    assert.equal(originAllowed('chrome-extension://example.com', ['example.com']), false);
    assert.equal(originAllowed('http://localhost:4000', ['localhost']), false);
    assert.equal(originAllowed('https://shop.example.com:8443', ['*.example.com']), false);
  });

  it('matches an explicit origin on exactly its scheme, host and port', () => {
    const list = ['https://shop.example.com:8443', 'http://localhost:4000', 'https://secure.example.org'];
    assert.equal(originAllowed('https://shop.example.com:8443', list), true);
    assert.equal(originAllowed('http://shop.example.com:8443', list), false);
    assert.equal(originAllowed('https://shop.example.com', list), false);
    assert.equal(originAllowed('http://localhost:4000', list), true);
    assert.equal(originAllowed('https://localhost:4000', list), false);
    assert.equal(originAllowed('http://localhost:4001', list), false);
    assert.equal(originAllowed('http://localhost', list), false);
    assert.equal(originAllowed('https://secure.example.org', list), true);
    assert.equal(originAllowed('http://secure.example.org', list), false);
    assert.equal(originAllowed('https://secure.example.org:444', list), false);
    assert.equal(originAllowed('https://a.example.com:9443', ['https://*.example.com:9443']), true);
    assert.equal(originAllowed('https://a.example.com', ['https://*.example.com:9443']), false);
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

  it('reads entries strictly and stores them in one canonical spelling', () => {
    assert.equal(normaliseAllowedEntry(' Shop.Example.com. '), 'shop.example.com');
    assert.equal(normaliseAllowedEntry('*.shop.example.com'), '*.shop.example.com');
    assert.equal(normaliseAllowedEntry('localhost'), 'localhost');
    assert.equal(normaliseAllowedEntry('HTTPS://Shop.Example.com:8443/'), 'https://shop.example.com:8443');
    assert.equal(normaliseAllowedEntry('https://example.com:443'), 'https://example.com');
    assert.equal(normaliseAllowedEntry('http://localhost:4000'), 'http://localhost:4000');
    assert.equal(normaliseAllowedEntry('example.com:8443'), 'https://example.com:8443');
    assert.equal(normaliseAllowedEntry('https://*.example.com:9443'), 'https://*.example.com:9443');
    for (const bad of ['', 'exa mple.com', '-bad.com', '*.com', 'https://*.com', 'https://example.com/shop', 'https://example.com?x=1', 'https://user@example.com', 'ftp://example.com', 'ws://example.com', 'example.com:0', 'example.com:65536', '//example.com', 'https://[::1]:4000']) {
      assert.equal(normaliseAllowedEntry(bad), undefined, bad);
    }
  });
});
