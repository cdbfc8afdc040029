/**
 * A short lint run in draftlint's own process goes without V8's optimising compiler (TurboFan):
 * issue 9, the pre-commit case.
 *
 * A one-file run lasts about 80 ms of JavaScript. Its hot functions (micromark's tokenizer, the
 * rules' scans) get hot enough to be queued for TurboFan, whose compilations then take one of the
 * two cores from the run and must end before the process can: they are never used. Measured on
 * the bench's 10 KB draft (twelfth session, 15 alternating runs): 131 ms instead of 145 ms wall,
 * and 170–183 ms instead of 187–219 ms for a 30 KB law; at 100 KB the optimised code starts to
 * pay (+10 ms without it), at 300 KB it is 60 ms faster. So a run of at most LEAN_RUN_BYTES in
 * at most MAX_LEAN_FILES files turns TurboFan off once it knows its files, and the loader turns it
 * back on before it writes its code cache (V8 accepts a cache only under the flags it was made
 * with).
 *
 * Only the process that bin/draftlint.js started does this (the loader marks it): V8 flags are the
 * whole process's, and a library user, the daemon's spares or a test calling the command line in
 * its own process keep theirs. Results are the same either way: only how the code runs changes.
 * `DRAFTLINT_LEAN=off` keeps TurboFan on (to compare, or should a V8 release misbehave).
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

export const LEAN_RUN_BYTES = 64 * 1024;
export const MAX_LEAN_FILES = 16;

interface LeanState {
  /** TurboFan was turned off by this module */
  optimizerOff: boolean;
  /** how many times (for tests: a probe reads it at exit) */
  times: number;
}
/** shared by the loader (dist/start.cjs) and the bundle, which each have their own copy of this module */
const KEY = Symbol.for('draftlint.lean-run');
const slot = globalThis as unknown as Record<symbol, LeanState | undefined>;

/** Marks this thread as the command line's own process (src/cli/loader.ts). */
export function markOwnProcess(): void {
  slot[KEY] ??= { optimizerOff: false, times: 0 };
}

/**
 * node:v8 (about 2 ms to load, with node:stream) is loaded only when a flag is set. The flag is
 * `--turbofan`, its name since V8 10.7 (Node 20 has 11.3), not the old alias `--opt`: V8 prints an
 * error to standard output for a flag it does not know.
 */
let v8: typeof import('node:v8') | undefined;
const setFlags = (flags: string) => (v8 ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);

/**
 * The total size of `files` when they are all files and at most `limit` bytes in all, else null
 * (a directory or a glob: the files are not known yet).
 */
function smallTotal(files: readonly string[], limit: number): number | null {
  let bytes = 0;
  for (const f of files) {
    let st;
    try {
      st = statSync(f);
    } catch {
      return null; // no such file (a glob?), or one that cannot be read
    }
    if (!st.isFile()) return null;
    bytes += st.size;
    if (bytes > limit) return null;
  }
  return bytes;
}

/**
 * Before linting `input` (the files, or the byte length of standard input): in the command
 * line's own process, turns TurboFan off when the run is short. True when it did.
 */
export function leanRunFor(input: readonly string[] | number): boolean {
  const state = slot[KEY];
  if (!state || state.optimizerOff || process.env.DRAFTLINT_LEAN === 'off' || tieringSetByUser()) return false;
  if (typeof input === 'number' ? input > LEAN_RUN_BYTES : input.length > MAX_LEAN_FILES || smallTotal(input, LEAN_RUN_BYTES) === null) return false;
  setFlags('--no-turbofan');
  state.optimizerOff = true;
  state.times++;
  return true;
}

/**
 * Node was started with flags that choose how code is compiled (`--no-opt`, `--jitless`…): they
 * stay as given, since turning TurboFan back on after the run would override them.
 */
function tieringSetByUser(): boolean {
  return TIERING_FLAG.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);
}
const TIERING_FLAG = /--(?:no-)?(?:opt|turbofan|jitless|max-opt|always-opt|always-turbofan|sparkplug|maglev)\b/;

/** Turns TurboFan back on if leanRunFor turned it off. */
export function restoreOptimizer(): void {
  const state = slot[KEY];
  if (!state?.optimizerOff) return;
  setFlags('--turbofan');
  state.optimizerOff = false;
}

/** For tests: whether this process runs without TurboFan now. */
export function optimizerOff(): boolean {
  return slot[KEY]?.optimizerOff ?? false;
}
