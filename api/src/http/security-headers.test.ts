import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectSources, consoleCsp, demoCsp, explorerCsp, hstsHeader } from './security-headers';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split('; ').map((directive) => {
    const [name = '', ...sources] = directive.split(' ');
    return [name, sources];
  }));
}

describe('security headers', () => {
  it('lets the console run only its own scripts, never framed, with no plugins and no foreign base', () => {
    const csp = directives(consoleCsp({ publicUrl: 'https://chat.example.com' }));
    assert.deepEqual(csp.get('script-src'), ["'self'"]);
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'self'"]);
    assert.deepEqual(csp.get('form-action'), ["'self'"]);
    assert.deepEqual(csp.get('img-src'), ["'self'", 'data:', 'blob:']);
    assert.deepEqual(csp.get('media-src'), ["'self'", 'blob:']);
    for (const sources of csp.values()) assert.ok(!sources.includes("'unsafe-eval'") && !sources.includes('*'));
    assert.ok(!csp.get('script-src')?.includes("'unsafe-inline'"));
  });

  it('allows the WebSocket form of PUBLIC_URL and of the host the page was opened at', () => {
    assert.deepEqual(connectSources('https://chat.example.com'), ["'self'", 'https://chat.example.com', 'wss://chat.example.com']);
    assert.deepEqual(connectSources('http://localhost:4000', 'localhost:4000'), ["'self'", 'http://localhost:4000', 'ws://localhost:4000', 'wss://localhost:4000']);
    assert.deepEqual(connectSources('http://localhost:4000', '10.0.0.5:4000').slice(3), ['ws://10.0.0.5:4000', 'wss://10.0.0.5:4000']);
    assert.deepEqual(connectSources('http://localhost:4000', '[::1]:4000').slice(3), ['ws://[::1]:4000', 'wss://[::1]:4000']);
  });

  it('ignores a Host header that could smuggle directives into the policy', () => {
    for (const host of ["evil.test; script-src 'unsafe-inline'", 'evil.test *', 'a b', '', "'self'"]) {
      const csp = consoleCsp({ publicUrl: 'http://localhost:4000' }, host);
      assert.equal(csp, consoleCsp({ publicUrl: 'http://localhost:4000' }));
    }
  });

  it('lets the demo page load the widget from PUBLIC_URL even when opened at another address', () => {
    const csp = directives(demoCsp({ publicUrl: 'http://localhost:4000' }, '127.0.0.1:4000'));
    assert.deepEqual(csp.get('script-src'), ["'self'", 'http://localhost:4000']);
    assert.ok(csp.get('connect-src')?.includes('ws://localhost:4000'));
    assert.ok(csp.get('connect-src')?.includes('ws://127.0.0.1:4000'));
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  });

  it('gives the explorer nothing but its own scripts and inline fonts', () => {
    const csp = directives(explorerCsp({ publicUrl: 'http://localhost:4000' }));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'self'"]);
    assert.deepEqual(csp.get('font-src'), ["'self'", 'data:']);
  });

  it('sends HSTS only when a max-age is configured', () => {
    assert.equal(hstsHeader(0), undefined);
    assert.equal(hstsHeader(31536000), 'max-age=31536000; includeSubDomains');
  });
});
