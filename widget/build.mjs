// Bundles the widget into one script (dist/widget.js) and the call chunk it imports when a call
// starts (dist/widget-call.js: janus.js and the call's view), each with its brotli and gzip
// variants, so the API serves the new build compressed even without the root precompress step.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const outfile = 'dist/widget.js';
const callFile = 'dist/widget-call.js';

/**
 * The stylesheet and the GraphQL documents are written to be read (a CSS rule a line, documents
 * indented); widget.js carries them compact, which keeps it inside its budget: the stylesheet
 * through esbuild's CSS minifier (for the browsers of target es2020), each document without the
 * blanks GraphQL ignores. Only the string assigned to each `export const` is touched.
 */
const compactTexts = {
  name: 'compact-texts',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]styles\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const css = /= `([^`]*)`;/.exec(source)?.[1];
      if (css === undefined || css.includes('${')) throw new Error(`${path}: expected one stylesheet without interpolations`);
      const { code } = await transform(css, { loader: 'css', minify: true, target: ['chrome80', 'firefox74', 'safari13.1'] });
      return { loader: 'ts', contents: source.replace(css, () => code.trim()) };
    });
    build.onLoad({ filter: /[\\/]src[\\/](call[\\/]call-)?operations\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(/(= )(`[^`]*`|'[^'\n]*')/g, (_, assign, text) => assign + text.replace(/\s+/g, ' ').replace(/ ?([{}():,!]) ?/g, '$1'));
      return { loader: 'ts', contents };
    });
  },
};

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
  plugins: [compactTexts],
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
