// Bundles the widget's unit tests (src/**/*.test.ts) for Node's test runner into dist/spec.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const testsUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? testsUnder(full) : entry.name.endsWith('.test.ts') ? [full] : [];
  });

rmSync('dist/spec', { recursive: true, force: true });
await build({
  entryPoints: testsUnder('src'),
  outdir: 'dist/spec',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: ['node20'],
  packages: 'external',
  logLevel: 'warning',
});
