// Writes brotli (.br) and gzip (.gz) variants beside the console's and the widget's built files,
// so the API serves them compressed without compressing anything per request.
// Run by `npm run build` after the console and widget builds.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = [path.join(root, 'console/dist/console/browser'), path.join(root, 'widget/dist')];
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.map', '.xml', '.ico']);
const MIN_BYTES = 256;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const found = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    }),
  );
  return found.flat();
}

async function precompress(file) {
  const source = await readFile(file);
  const variants = [
    ['.br', () => brotli(source, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })],
    ['.gz', () => gzipAsync(source, { level: 9 })],
  ];
  let saved = 0;
  for (const [suffix, compress] of variants) {
    const compressed = source.length >= MIN_BYTES ? await compress() : undefined;
    // A variant that saves nothing is not worth a negotiation; remove any stale one.
    if (compressed && compressed.length < source.length * 0.95) {
      await writeFile(file + suffix, compressed);
      if (suffix === '.br') saved += source.length - compressed.length;
    } else {
      await rm(file + suffix, { force: true });
    }
  }
  return saved;
}

const started = Date.now();
let count = 0;
let saved = 0;
for (const dir of targets) {
  const files = (await filesUnder(dir)).filter((file) => !/\.(br|gz)$/.test(file));
  // Variants whose file is gone (a rebuild with new hashes) would only take space.
  for (const variant of (await filesUnder(dir)).filter((file) => /\.(br|gz)$/.test(file))) {
    if (!(await stat(variant.replace(/\.(br|gz)$/, '')).catch(() => undefined))) await rm(variant, { force: true });
  }
  for (const file of files.filter((name) => COMPRESSIBLE.has(path.extname(name)))) {
    saved += await precompress(file);
    count += 1;
  }
}
console.log(`precompressed ${count} files (brotli and gzip), ${Math.round(saved / 1024)} kB saved by brotli in ${Date.now() - started} ms`);
