// The second half of `npm run build`, after tsc (issue 9, start-up of a one-file run):
// - copy the desk's static page into dist/;
// - compile jieba's dictionary into dist/.jieba-lexicon.bin (src/checks/lexicon.ts), so that a run
//   loads it with one read instead of rebuilding it on every start;
// - parse the rule files and the column catalog into dist/.rules-cache.json;
// - decode the character language model into dist/.compiled/;
// - bundle the command line and its worker into dist/bundle/ with esbuild: one file instead of
//   about 400 modules (yaml, micromark, commander…) to resolve and read at every start. Modules
//   reached only through `import()` (formatters, commands, check kinds) stay lazy inside the
//   bundle. Native and rarely used packages stay outside and load from node_modules when needed.
//   The library (`dist/index.js`) is tsc's output, unbundled.
// - bundle the daemon client as CommonJS (dist/daemon/client.cjs) for bin/draftlint.js.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

cpSync('src/server/public', 'dist/server/public', { recursive: true });
const { compileLexicon, lexiconFile } = await import('../dist/checks/lexicon.js');
compileLexicon(lexiconFile);
// parsed rule files and the column catalog, cached afresh (src/engine/rule-cache.ts)
rmSync('dist/.rules-cache.json', { force: true });
const { loadRules } = await import('../dist/engine/rules.js');
loadRules(process.cwd());
const { loadDefaultColumns } = await import('../dist/checks/column/catalog.js');
loadDefaultColumns(process.cwd());
// the language model of typo/suspect, decoded into dist/.compiled/ (src/engine/compiled.ts)
const { loadLM } = await import('../dist/checks/typo/lm.js');
loadLM('dictionaries/lm-char.bin');
// the daemon client, required by bin/draftlint.js (CommonJS) on every run: one small file
await build({
  entryPoints: ['dist/daemon/client.js'],
  outfile: 'dist/daemon/client.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__draftlintFileUrl' },
  banner: { js: "const __draftlintFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: { cli: 'dist/cli/index.js', worker: 'dist/engine/worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['nodehun', '@node-rs/jieba', 'fastify', 'mammoth', 'dictionary-en', 'iconv-lite'],
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins
  banner: { js: "import { createRequire as __draftlintRequire } from 'node:module'; const require = __draftlintRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
