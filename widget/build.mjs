// Bundles the widget into one script (dist/widget.js) and the call chunk it imports when a call
// starts (dist/widget-call.js: janus.js and the call's view), each with its brotli and gzip
// variants, so the API serves the new build compressed even without the root precompress step.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const outfile = 'dist/widget.js';
const callFile = 'dist/widget-call.js';

const common = {
  bundle: true,
  minify: true,
  // ES2020 (optional chaining, ??, import()) runs natively since Chrome 80, Firefox 74, Safari 13.1.
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  // Texts as UTF-8 rather than \u escapes (smaller); both files are served with charset=utf-8.
  charset: 'utf8',
  logLevel: 'warning',
};

// An ES module, fetched with import() from the same origin as widget.js: its top-level names stay
// in the module, none on the page. janus.js picks AMD or CommonJS when the page has `define` or
// `module` globals (some sites load RequireJS): neither exists for it here.
await build({ ...common, entryPoints: ['src/call/stage.ts'], format: 'esm', outfile: callFile, define: { define: 'undefined', module: 'undefined' } });
const callSource = await readFile(callFile);
const callHash = createHash('sha256').update(callSource).digest('hex').slice(0, 12);

await build({
  ...common,
  entryPoints: ['src/index.ts'],
  format: 'iife',
  outfile,
  // widget.js and the call chunk it asks for come from the same build, whatever the caches hold.
  define: { CALL_CHUNK: JSON.stringify(`widget-call.js?v=${callHash}`) },
});

for (const file of [outfile, callFile]) {
  const source = await readFile(file);
  await writeFile(`${file}.gz`, await promisify(gzip)(source, { level: 9 }));
  await writeFile(
    `${file}.br`,
    await promisify(brotliCompress)(source, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}
