// Bundles the test pages' web components (src/test/frontend/components.js) and ConferenceCallTest's call panel page
// (src/test/frontend/conference.js) into the test classpath's static resources, served as /test-pages/*.js by the
// app under test. Never part of the product's bundles.
// Usage: node src/test/frontend/build-test-pages.mjs <outDir>
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.resolve(here, '../../../target/test-classes/META-INF/resources/test-pages'));
await build({ entryPoints: [path.join(here, 'components.js')], bundle: true, format: 'esm', target: ['chrome110'],
  outfile: path.join(out, 'components.js'), logLevel: 'warning', legalComments: 'none' });
// ConferenceCallTest's second advisor: the call panel alone, bundled as the console bundles it
await build({ entryPoints: [path.join(here, 'conference.js')], bundle: true, format: 'esm', target: ['chrome110'],
  outfile: path.join(out, 'conference.js'), logLevel: 'warning', legalComments: 'none' });
console.log(`bundled the test pages' web components and the conference page into ${out}`);
