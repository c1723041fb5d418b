// Prints the built widget's size: raw, gzip and brotli (what browsers download). Run after `npm run build -w widget`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist/widget.js');
const source = readFileSync(file);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`widget.js  raw ${kb(source.length)}  gzip ${kb(gzip)}  brotli ${kb(brotli)}  (budget: 30 KB gzip)`);
