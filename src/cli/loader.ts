/**
 * Loads the bundled command line for bin/draftlint.js, with a V8 code cache (issue 9, the one-file
 * run): the CommonJS bundle dist/bundle/cli.cjs is compiled with `vm.Script` from the cached code
 * of an earlier run, so that neither the 1.6 MB bundle nor the functions a lint run uses are
 * compiled again (about 80 ms of a one-file run). Node 20 has no compile cache of its own
 * (`module.enableCompileCache` came in Node 22).
 *
 * The cache file's name carries the bundle's size and modification time, the Node version and
 * architecture, and a hash of the Node options: V8 checks only the source's length, so a rebuilt
 * bundle must never meet an old cache. The build writes the cache after linting sample drafts
 * (`DRAFTLINT_CODE_CACHE=write`); where it is missing or V8 rejects it, the bundle is compiled as
 * usual, and when the directory is writable a cache is written after the run
 * (`DRAFTLINT_CODE_CACHE_DIR` puts caches elsewhere). Code compiled by `vm.Script` has no module
 * loader: the CommonJS bundle turns every `import()` into `require()` (esbuild), and the one ES
 * module that require() cannot load, dictionary-en, is imported through dist/start.cjs (see
 * spelling.ts).
 * Without the CommonJS bundle, or with `DRAFTLINT_CODE_CACHE=off`, the ES module bundle is imported.
 */
import { isAscii } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { fnv } from '../daemon/paths.js';
import { EARLY_READS_MANIFEST, startEarlyReads } from '../engine/early-read.js';
import { isLintRun } from './argv.js';
import { markOwnProcess, restoreOptimizer } from './lean.js';

export { isLintRun };

type Main = (argv: string[]) => Promise<number>;

/**
 * The cache file for `bundle`. V8 rejects a cache made under other flags (its flag hash), so runs
 * with other Node options (NODE_OPTIONS, flags before the script) get a cache of their own instead
 * of rewriting one another's.
 */
export function codeCacheFile(bundle: string, env: NodeJS.ProcessEnv = process.env): string {
  const s = statSync(bundle);
  const flags = fnv(`${process.execArgv.join(' ')}\0${env.NODE_OPTIONS ?? ''}`);
  const name = `${basename(bundle)}.${s.size}-${Math.floor(s.mtimeMs)}.${process.version}-${process.arch}-${flags}.v8cache`;
  // DRAFTLINT_CODE_CACHE_DIR: elsewhere than beside the bundle (a read-only installation)
  return join(env.DRAFTLINT_CODE_CACHE_DIR ? resolve(env.DRAFTLINT_CODE_CACHE_DIR) : dirname(bundle), name);
}

/** Code caches kept per directory: one per set of Node options and bundle, about 1.2 MB each. */
export const MAX_CODE_CACHES = 8;

/**
 * Removes all but the MAX_CODE_CACHES most recently written caches of `bundleName` beside
 * `cacheFile`: those of a bundle since rebuilt or upgraded, of another Node, of options no longer
 * used would otherwise pile up (in `DRAFTLINT_CODE_CACHE_DIR` above all, which no build clears).
 * A cache removed while still in use is written again by its next run.
 */
export function pruneCodeCaches(cacheFile: string, bundleName: string): void {
  const dir = dirname(cacheFile);
  const caches = readdirSync(dir)
    .filter((f) => f.startsWith(`${bundleName}.`) && f.endsWith('.v8cache'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const c of caches.slice(MAX_CODE_CACHES)) if (join(dir, c.f) !== cacheFile) rmSync(join(dir, c.f), { force: true });
}

/** The command line's `main`, and `done()` to call after it (writes the code cache when due). */
export async function loadCli(bundleDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ main: Main; done(): void }> {
  const bundle = join(bundleDir, 'cli.cjs');
  // this process is draftlint's own: a short lint may run without TurboFan (lean.ts)
  markOwnProcess();
  // a lint run: the rules' large data files are read on the thread pool while the bundle compiles
  // and the rule set is built (early-read.ts). Not for other commands, help or the version, which
  // would wait for them.
  if (isLintRun(process.argv)) startEarlyReads(join(bundleDir, '..', '.compiled', EARLY_READS_MANIFEST));
  if (env.DRAFTLINT_CODE_CACHE === 'off' || !existsSync(bundle)) {
    const { main } = (await import(pathToFileURL(join(bundleDir, 'cli.js')).href)) as { main: Main };
    return { main, done: restoreOptimizer };
  }
  const cacheFile = codeCacheFile(bundle, env);
  let cachedData: Buffer | undefined;
  if (env.DRAFTLINT_CODE_CACHE !== 'write') {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      /* none yet */
    }
  }
  // the build writes the bundle in ASCII: taken as one-byte text, without decoding UTF-8 (~5 ms)
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} as { main: Main } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, bundleDir);
  return {
    main: mod.exports.main,
    done() {
      // the flags the cache was (or will be) made under
      restoreOptimizer();
      if (cachedData && !script.cachedDataRejected) return;
      // after the run: the cache then holds the functions the run compiled as well
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        pruneCodeCaches(cacheFile, basename(bundle));
      } catch {
        /* a read-only installation: compiled anew each time */
      }
    },
  };
}
