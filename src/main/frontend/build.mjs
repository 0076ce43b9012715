// Bundles the browser side with esbuild into the Quarkus static resources of the build output.
// Usage: node src/main/frontend/build.mjs [outDir]   (default target/classes/META-INF/resources)

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const out = path.resolve(root, process.argv[2] || 'target/classes/META-INF/resources');

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'linked',
  logLevel: 'warning',
  // pdf.js's viewer stylesheet (text layer) refers to its icons: inlined
  loader: { '.svg': 'dataurl', '.gif': 'dataurl' },
};

await build({ ...common, entryPoints: [path.join(here, 'tandem/index.js')], format: 'iife',
  outfile: path.join(out, 'tandem.js') });
await build({ ...common, entryPoints: {
  console: path.join(here, 'console/index.js'),
  workspace: path.join(here, 'workspace/index.js'),
  supervisor: path.join(here, 'supervisor/index.js'),
  branding: path.join(here, 'lib/branding-page.js'),
}, format: 'esm', outdir: path.join(out, 'assets') });
// the join page's script (static page src/main/resources/web/join): the workspace bundle is loaded after consent
await build({ ...common, entryPoints: [path.join(here, 'join/index.js')], format: 'esm',
  external: ['/assets/workspace.js'], outfile: path.join(out, 'join/join.js') });
// pdf.js parses documents in a worker: bundled from the same npm package, served as /assets/pdf.worker.js
await build({ ...common, entryPoints: { 'pdf.worker': path.join(root, 'node_modules/pdfjs-dist/build/pdf.worker.mjs') },
  format: 'esm', outdir: path.join(out, 'assets') });
console.log(`bundled tandem.js, join/join.js and assets/ into ${path.relative(root, out)}`);
