// Prints the built widget's size: raw, gzip and brotli (what browsers download). Run after `npm run build -w widget`.
// The budget is widget.js's; the call chunk loads only when a call starts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
for (const [name, note] of [
  ['widget.js', '(budget: 30 KB gzip)'],
  ['widget-call.js', '(loaded when a call starts)'],
]) {
  const file = path.join(dist, name);
  if (!existsSync(file)) continue;
  const source = readFileSync(file);
  const gzip = gzipSync(source, { level: 9 }).length;
  const brotli = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${name.padEnd(14)} raw ${kb(source.length)}  gzip ${kb(gzip)}  brotli ${kb(brotli)}  ${note}`);
}
