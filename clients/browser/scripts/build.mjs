// Bundles the client to one ESM file (dist/index.js, next to the declarations tsc wrote) and holds it to its size
// budget: at most 6 KiB minified and gzipped, or the build fails.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const BUDGET = 6 * 1024;
const common = { entryPoints: ['src/index.ts'], bundle: true, format: 'esm', target: 'es2022', platform: 'browser' };

await build({ ...common, outfile: 'dist/index.js' });
const minified = await build({ ...common, minify: true, write: false });
const gzipped = gzipSync(minified.outputFiles[0].contents, { level: 9 }).length;
console.log(`dist/index.js: ${gzipped} bytes minified and gzipped (budget ${BUDGET})`);
if (gzipped > BUDGET) {
  console.error(`over the size budget by ${gzipped - BUDGET} bytes`);
  process.exit(1);
}
