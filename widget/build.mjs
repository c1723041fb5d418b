// Bundles the widget into one script (dist/widget.js) with its brotli and gzip variants,
// so the API serves the new build compressed even without the root precompress step.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const outfile = 'dist/widget.js';

await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  minify: true,
  format: 'iife',
  // ES2020 (optional chaining, ??) runs natively since Chrome 80, Firefox 74, Safari 13.1.
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile,
  legalComments: 'none',
  // Texts as UTF-8 rather than \u escapes (smaller); /widget.js is served with charset=utf-8.
  charset: 'utf8',
  logLevel: 'warning',
});

const source = await readFile(outfile);
await writeFile(`${outfile}.gz`, await promisify(gzip)(source, { level: 9 }));
await writeFile(
  `${outfile}.br`,
  await promisify(brotliCompress)(source, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11 } }),
);
