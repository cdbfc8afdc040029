// The second half of `npm run build`, after tsc (issue 9, start-up of a one-file run):
// - copy the desk's static page into dist/;
// - compile jieba's dictionary into dist/.jieba-lexicon.bin (src/checks/lexicon.ts), so that a run
//   loads it with one read instead of rebuilding it on every start;
// - parse the rule files and the column catalog into dist/.rules-cache.json (and the shipped rules
//   as a whole into dist/.rules-dir-cache.json);
// - list the large files the default rules read (read ahead by the loader of a lint run);
// - decode the character language model, and compile the suffix matchers of the word lists, the
//   similar-character table and the column model, into dist/.compiled/;
// - bundle the command line and its worker into dist/bundle/ with esbuild: one file instead of
//   about 400 modules (yaml, micromark, commander…) to resolve and read at every start. Modules
//   reached only through `import()` (formatters, commands, check kinds) stay lazy inside the
//   bundle. Native and rarely used packages stay outside and load from node_modules when needed.
//   The library (`dist/index.js`) is tsc's output, unbundled.
// - bundle what bin/draftlint.js requires as CommonJS (dist/start.cjs), and the command line once
//   more as CommonJS (dist/bundle/cli.cjs) with a V8 code cache written after linting samples.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

cpSync('src/server/public', 'dist/server/public', { recursive: true });
const { compileLexicon, lexiconFile } = await import('../dist/checks/lexicon.js');
compileLexicon(lexiconFile);
// parsed rule files and the column catalog, cached afresh (src/engine/rule-cache.ts)
rmSync('dist/.rules-cache.json', { force: true });
rmSync('dist/.rules-dir-cache.json', { force: true });
const { loadRules } = await import('../dist/engine/rules.js');
loadRules(process.cwd());
const { loadDefaultColumns } = await import('../dist/checks/column/catalog.js');
loadDefaultColumns(process.cwd());
// the large files the default rules read, which the command line's loader starts reading first
// thing in a lint run (src/engine/early-read.ts): listed before this process loads them
const { loadLM, lmReadAhead } = await import('../dist/checks/typo/lm.js');
{
  const { lexiconReadAhead } = await import('../dist/checks/lexicon.js');
  const { compiledDir } = await import('../dist/engine/compiled.js');
  const { EARLY_READS_MANIFEST } = await import('../dist/engine/early-read.js');
  const files = [...lexiconReadAhead(), ...lmReadAhead(join(process.cwd(), 'dictionaries', 'lm-char.bin'))];
  mkdirSync(compiledDir, { recursive: true });
  writeFileSync(join(compiledDir, EARLY_READS_MANIFEST), JSON.stringify({ files: files.map((f) => relative(compiledDir, f)) }));
}
// the language model of typo/suspect, decoded into dist/.compiled/ (src/engine/compiled.ts)
loadLM('dictionaries/lm-char.bin');
// the suffix matchers of the law titles, of typo/confusion's wrong forms and of the shipped word
// lists of the `dictionary` and `political` rules (src/checks/util/matcher.ts)
const { listSuffixMatcher } = await import('../dist/checks/util/matcher.js');
for (const list of ['law-titles.txt', 'typo-confusion.tsv', 'xinhua.tsv', 'redundancy.tsv', 'political.tsv']) listSuffixMatcher(join('dictionaries', list));
// typo/severe's and typo/suspect's similar-character table (src/checks/typo/data.ts)
const { similarChars } = await import('../dist/checks/typo/data.js');
similarChars(process.cwd());
// column/mismatch's statistical model (src/checks/column/model.ts)
const { loadColumnModel } = await import('../dist/checks/column/model.js');
loadColumnModel(process.cwd());
// commander requires node:child_process when it loads, for subcommands that are executables of
// their own (draftlint has none): in the bundles it is required on first use instead, so that a
// lint run does not load it and the socket and stream modules it brings (a few ms of a one-file run)
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'draftlint-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'draftlint-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};
// native and rarely used packages load from node_modules when needed
const common = {
  plugins: [lazyChildProcess],
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['nodehun', '@node-rs/jieba', 'fastify', 'mammoth', 'dictionary-en', 'iconv-lite'],
  legalComments: 'none',
  logLevel: 'warning',
};
/** CommonJS, with `import.meta.url` standing for the file `as` (relative to the output's folder). */
const commonjs = (as) => ({
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': '__draftlintFileUrl' },
  banner: { js: `const __draftlintFileUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(as)})).href;` },
});
// what bin/draftlint.js (CommonJS) requires on every run, the daemon client and the command
// line's loader (src/cli/start.ts): one small file; its import.meta.url is dist/cli/start.js's, so
// that packageRoot is two levels up
await build({ ...commonjs('cli/start.js'), entryPoints: ['dist/cli/start.js'], outfile: 'dist/start.cjs' });
await build({
  ...common,
  entryPoints: { cli: 'dist/cli/index.js', worker: 'dist/engine/worker.js' },
  outdir: 'dist/bundle',
  format: 'esm',
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins
  banner: { js: "import { createRequire as __draftlintRequire } from 'node:module'; const require = __draftlintRequire(import.meta.url);" },
});
// The same command line as CommonJS, which bin/draftlint.js compiles with a V8 code cache
// (src/cli/loader.ts); `import.meta.url` is the ES module bundle's, so relative paths are the same.
await build({
  ...commonjs('cli.js'),
  entryPoints: ['dist/cli/index.js'],
  outfile: 'dist/bundle/cli.cjs',
  // code compiled by vm.Script has no module loader: import() becomes require() (see loader.ts)
  supported: { 'dynamic-import': false },
});
// ASCII only (esbuild already escapes strings and regexes; this reaches the comments it keeps), so
// that the loader can take the file's bytes as a one-byte string instead of decoding UTF-8
{
  const cjs = readFileSync('dist/bundle/cli.cjs', 'utf8');
  writeFileSync('dist/bundle/cli.cjs', cjs.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
// its code cache, from linting sample drafts (the functions a lint run needs are then cached too)
for (const f of readdirSync('dist/bundle')) if (f.endsWith('.v8cache')) rmSync(join('dist/bundle', f));
const samples = ['fixtures/drafts', 'fixtures/language'].filter((d) => existsSync(d));
if (samples.length)
  spawnSync(process.execPath, ['bin/draftlint.js', 'lint', ...samples, '--jobs', '1', '-o', devNull], {
    stdio: 'ignore',
    env: { ...process.env, DRAFTLINT_CODE_CACHE: 'write', DRAFTLINT_DAEMON: '0' },
  });
