import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { validCampaignInput } from '../campaigns/campaign.fixtures';
import { createTestDatabase, startApi, type ApiProcess, type TestDatabase } from '../testing/api-process';
import { login, ok } from '../testing/graphql-client';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent, not decompressed. */
  body: Buffer;
}

/** One HTTP exchange with nothing decoded on the way, so the test sees what the server put on the wire. */
function exchange(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const CAMPAIGNS = '{ campaigns { id key name enabled } }';
const UPDATE = 'mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';
const CREATE = 'mutation($input: CampaignInput!) { createCampaign(input: $input) { id key } }';

describe('HTTP edge: security headers, compression, explorer, demo page', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let production: ApiProcess;

  before(async () => {
    db = await createTestDatabase();
    api = await startApi({ databaseUrl: db.url, env: { PARLEY_DEMO: '1' } });
    production = await startApi({ databaseUrl: db.url, env: { NODE_ENV: 'production', HSTS_MAX_AGE: '600' } });
  });
  after(async () => {
    await Promise.all([api?.stop(), production?.stop()]);
    await db?.drop();
  });

  it('serves the console with a CSP that lets only its own scripts run and forbids framing', async () => {
    const page = await exchange(`${api.url}/login`, { headers: HTML });
    assert.equal(page.status, 200);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
    assert.match(csp, /(^|; )object-src 'none'(;|$)/);
    assert.match(csp, /connect-src [^;]*ws:\/\/127\.0\.0\.1:\d+/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal(page.headers['strict-transport-security'], undefined, 'no HSTS unless HSTS_MAX_AGE is set');
    assert.match(page.body.toString(), /<parley-root>/);
  });

  it('serves hashed console files precompressed with brotli or gzip, cached for a year', async () => {
    const html = (await exchange(`${api.url}/`, { headers: HTML })).body.toString();
    const main = /src="(main-[A-Z0-9]{8}\.js)"/.exec(html)?.[1];
    assert.ok(main, `no hashed main script in ${html}`);
    const plain = await exchange(`${api.url}/${main}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);

    const br = await exchange(`${api.url}/${main}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /^(application|text)\/javascript/);
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(br.headers.vary), /Accept-Encoding/i);
    assert.ok(br.body.length < plain.body.length);
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);

    const gzip = await exchange(`${api.url}/${main}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gzip.body), plain.body);

    const widget = await exchange(`${api.url}/widget.js`, { headers: { 'accept-encoding': 'br', origin: 'https://shop.example.test' } });
    assert.equal(widget.headers['content-encoding'], 'br');
    assert.equal(widget.headers['access-control-allow-origin'], '*');
    assert.equal(widget.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(String(widget.headers['content-type']), /javascript/);
  });

  it('compresses a large GraphQL response with gzip when the client accepts it', async () => {
    const body = JSON.stringify({ query: '{ __schema { types { name fields { name } } } }' });
    const response = await exchange(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-encoding'], 'gzip');
    const result = JSON.parse(gunzipSync(response.body).toString()) as { data: { __schema: { types: unknown[] } } };
    assert.ok(result.data.__schema.types.length > 10);
  });

  it('answers a body that is not JSON, or too large, with a coded GraphQL refusal and no stack trace', async () => {
    for (const [body, status] of [['{"query": "{ __typename }"', 400], [JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }), 413]] as const) {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, status);
      const text = await response.text();
      assert.doesNotMatch(text, /at \w+ \(|node_modules/, 'no stack trace');
      assert.equal((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'BAD_REQUEST');
    }
  });

  it('sends HSTS on every response only when HSTS_MAX_AGE is set', async () => {
    for (const path of ['/healthz', '/', '/graphql', '/widget.js']) {
      const response = await exchange(`${production.url}${path}`, { headers: HTML });
      assert.equal(response.headers['strict-transport-security'], 'max-age=600; includeSubDomains', path);
      const without = await exchange(`${api.url}${path}`, { headers: HTML });
      assert.equal(without.headers['strict-transport-security'], undefined, path);
    }
  });

  it('opens a self-hosted GraphQL explorer in a browser, with no script from another host', async () => {
    const page = await exchange(`${api.url}/graphql`, { headers: HTML });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /(^|; )script-src 'self'(;|$)/);
    const html = page.body.toString();
    assert.doesNotMatch(html, /https?:\/\//, 'the page names no other host');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] ?? '');
    assert.ok(scripts.length >= 3, html);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
    for (const src of scripts) {
      assert.match(src, /^\/[^/]/, `${src} is same-origin`);
      const script = await exchange(`${api.url}${src}`);
      assert.equal(script.status, 200, src);
      assert.match(String(script.headers['content-type']), /javascript/, src);
    }
    // GraphQL clients are unaffected, and Apollo's CDN landing page is gone.
    const landing = await exchange(`${api.url}/graphql`, { headers: { accept: 'application/json' } });
    assert.doesNotMatch(landing.body.toString(), /apollo-server-landing-page|embeddable-sandbox/);
  });

  it('shows no explorer in production', async () => {
    const page = await exchange(`${production.url}/graphql`, { headers: HTML });
    assert.equal(page.status, 404);
    assert.match(String(page.headers['content-type']), /^text\/plain/);
    assert.doesNotMatch(page.body.toString(), /graphiql|<script/i);
    const bundle = await exchange(`${production.url}/graphql-explorer/graphiql.min.js`);
    assert.doesNotMatch(String(bundle.headers['content-type']), /javascript/, 'the explorer bundle is not served');
  });

  it('keeps showing the demo campaign on /demo when it is disabled, and names an unknown key', async () => {
    const token = await login(api.url, 'admin@parley.local', 'parley-admin');
    const [demo] = (await ok<{ campaigns: { id: string; key: string; name: string }[] }>(api.url, CAMPAIGNS, {}, { token })).campaigns;
    assert.ok(demo);
    const other = (await ok<{ createCampaign: { key: string } }>(api.url, CREATE, { input: validCampaignInput({ name: 'Enabled elsewhere' }) }, { token })).createCampaign;
    await ok(api.url, UPDATE, { id: demo.id, input: validCampaignInput({ name: demo.name, enabled: false }) }, { token });

    const page = await exchange(`${api.url}/demo`, { headers: HTML });
    assert.equal(page.status, 200);
    const html = page.body.toString();
    assert.match(html, new RegExp(`data-campaign="${demo.key}"`));
    assert.doesNotMatch(html, new RegExp(other.key));
    assert.match(html, /is disabled/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /(^|; )script-src 'self' http:\/\/localhost:\d+(;|$)/);
    assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);

    const chosen = await exchange(`${api.url}/demo?campaign=${other.key}`, { headers: HTML });
    assert.match(chosen.body.toString(), new RegExp(`data-campaign="${other.key}"`));
    const unknown = await exchange(`${api.url}/demo?campaign=no-such-campaign`, { headers: HTML });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.toString(), /No campaign has the key <code>no-such-campaign<\/code>/);
    assert.doesNotMatch(unknown.body.toString(), /data-campaign=/);
  });
});
