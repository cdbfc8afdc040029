/**
 * Linting a list of files: read, lint, optionally fix and write back, per file. The CLI (and any
 * other front end) calls `lintFiles`; how the work is spread lives here:
 * - in-process for a handful of files (spawning workers costs more than it saves);
 * - otherwise over `worker_threads` (`--jobs N`, default the available cores), each worker
 *   compiling its rule sets once, lazily, and taking small batches from a shared queue, in the
 *   files' order, outsized files first (`workOrder`); results come back in the order of `files`,
 *   identical to the in-process path.
 *   This thread only hands out work and keeps the results: the heap that lints is a worker's,
 *   whose size can be capped (`workerHeapMb`), and the results are not kept beside it;
 * - a result keeps the decoded `source` only when it has messages (every report shows source
 *   text only next to a finding): for a corpus the texts are most of what results weigh;
 * - `--cache`: unchanged files (content, config, rules, dictionaries) are answered from the cache;
 * - `--shard i/n`: `shardFiles` keeps a deterministic part of the list (see below).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1a } from './fnv.js';
import { dataFilesFor, DEFAULT_MAX_FILE_SIZE, fix, lintFile, packageRoot, resolveConfig, UsageError, type LintOptions, type LintResult } from './index.js';
import { adoptEarlyReads, shareFiles } from './compiled.js';
import { writeFixed } from './write.js';
import { prefetchDraft } from './read-file.js';
import { fixRefusal } from '../document/input.js';
import { decode } from '../document/decode.js';
import { fromCache, LintCache, sha1 } from './cache.js';
import { timing } from './timing.js';

export interface RunOptions extends LintOptions {
  maxFileSize?: number;
  /** apply fixes and write the files */
  fix?: boolean;
  /** compute fixes and return them as a unified diff; write nothing */
  fixDryRun?: boolean;
  /** worker threads: undefined = available cores; 1 = in-process */
  jobs?: number;
  /** use the results cache */
  cache?: boolean;
  /** `--cache-location` (directory, or a file ending in .json) */
  cacheLocation?: string;
  /** working directory (cache location, relative paths in the cache); default process.cwd() */
  cwd?: string;
  /** below how many files / bytes to stay in-process (default MIN_FILES_FOR_WORKERS / MIN_BYTES_FOR_WORKERS) */
  workerThreshold?: { files: number; bytes: number };
  /** a worker's old-generation heap limit in MB (default `workerHeapMb` of the largest file) */
  workerHeapMb?: number;
  /** read files with synchronous calls (set by `lintFiles` for a few files on this thread; see `lintFile`) */
  readSync?: boolean;
}

/**
 * What the last `lintFiles` call did (for tests, `--timing` and the command line's notes): worker
 * count, cache hits, files linted, workers that ran out of memory, and why the cache could not be
 * saved (the results stand; the next run lints those files again).
 */
export const lastRun: { workers: number; cached: number; linted: number; outOfMemory: number; cacheNotSaved?: string } = { workers: 0, cached: 0, linted: 0, outOfMemory: 0 };

export interface FileOutcome {
  result: LintResult;
  /** unified diff of the fixes (with fixDryRun) */
  diff?: string;
  /** a problem writing the fixes back */
  note?: string;
}

/** Below these, one process: worker start-up (module loading, dictionaries) would not pay off. */
export const MIN_FILES_FOR_WORKERS = 16;
export const MIN_BYTES_FOR_WORKERS = 1024 * 1024;

/** Lint one file; with `hashed`, also returns the SHA-1 of the bytes that were linted (for the cache). */
export async function lintOneFileHashed(file: string, base: RunOptions, hashed: boolean): Promise<{ outcome: FileOutcome; hash?: string }> {
  const r = await lintAndFix(file, base, hashed);
  const result = r.outcome.result;
  // nothing is reported from a file without messages: its text need not be kept (nor sent over
  // from a worker) until the report
  if (!result.messages.length && result.source !== undefined) {
    const { source: _source, ...rest } = result;
    r.outcome = { ...r.outcome, result: rest };
  }
  return r;
}

async function lintAndFix(file: string, base: RunOptions, hashed: boolean): Promise<{ outcome: FileOutcome; hash?: string }> {
  const o = { ...lintOptionsOf(base), filename: file };
  const { result, info } = await lintFile(file, o);
  // only the cache needs it (a one-file run without --cache would hash for nothing)
  const hash = hashed && info.bytes ? sha1(info.bytes) : undefined;
  if ((base.fix || base.fixDryRun) && info.kind && info.kind !== 'markdown' && result.messages.some((m) => m.fix))
    return { outcome: { result, note: fixRefusal(file, base.lang ?? 'zh') ?? undefined }, hash };
  if (!(base.fix || base.fixDryRun) || !info.decoded || !result.messages.some((m) => m.fix)) return { outcome: { result }, hash };
  const r = await fix(info.decoded.text, o);
  if (!r.changed) return { outcome: { result }, hash };
  if (base.fixDryRun) return { outcome: { result, diff: (await import('diff')).createTwoFilesPatch(file, file, info.decoded.text, r.output) }, hash };
  const w = await writeFixed(file, r.output, info.decoded, info, info.bytes);
  let note: string | undefined;
  if (w.outcome === 'changed-on-disk') note = `${file}: 文件在检查期间被修改，未写入修正 / changed on disk since it was read; fixes not written`;
  else if (w.outcome === 'unencodable') note = `${file}: 修正后的文字无法用原编码保存，未写入 / cannot be saved in the file's encoding; not written`;
  else if (w.outcome === 'failed') note = `${file}: 写入失败 / write failed (${w.reason})`;
  if (note) return { outcome: { result, note } };
  return { outcome: { result: { ...r.result, filePath: file } } };
}

/** The options of `lintFile` (the runner's own ones removed: they are not for the engine). */
function lintOptionsOf(base: RunOptions): RunOptions {
  const { jobs: _j, cache: _c, cacheLocation: _l, cwd: _w, workerThreshold: _t, workerHeapMb: _h, ...rest } = base;
  return rest;
}

/** files read at once when the cache is asked about them */
const CACHE_READ_AHEAD = 32;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Options that change results, for the cache key (everything but paths and output concerns). */
function keyOptions(base: RunOptions): Record<string, unknown> {
  return { only: base.only, lang: base.lang, online: !!base.online, overrides: base.overrides, ruleOverrides: base.ruleOverrides, maxFileSize: base.maxFileSize };
}

export async function lintFiles(files: string[], base: RunOptions, onProgress?: (done: number, total: number) => void): Promise<FileOutcome[]> {
  const cwd = base.cwd ?? process.cwd();
  const out: FileOutcome[] = new Array(files.length);
  let done = 0;
  const tick = () => onProgress?.(++done, files.length);

  // 1. answer what the cache can
  const cache = base.cache && !base.online ? await LintCache.open(base.cacheLocation, cwd, packageRoot) : null;
  const keys: Array<{ config: string } | undefined> = new Array(files.length);
  let todo = files.map((_, i) => i);
  if (cache) {
    todo = [];
    const opts = keyOptions(base);
    const limitOf = (file: string) => {
      const { config, file: cfgFile } = resolveConfig({ ...lintOptionsOf(base), filename: file }, cwd);
      return { env: cache.envHash(config, cfgFile, opts), limit: base.maxFileSize ?? (config.maxFileSize as number | undefined) ?? DEFAULT_MAX_FILE_SIZE };
    };
    // Whether file i is answered by the cache: its bytes are hashed and, for a hit that has
    // findings, decoded for the report. Files are read CACHE_READ_AHEAD at a time, so that a
    // rerun over thousands of files does not wait on one read after another.
    const probe = async (i: number): Promise<FileOutcome | null> => {
      const file = files[i]!;
      let env: string;
      let limit: number;
      try {
        ({ env, limit } = limitOf(file));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        return null;
      }
      keys[i] = { config: env };
      let bytes: Buffer;
      try {
        if (fileSize(file) > limit) throw new Error('too large');
        bytes = await readFile(file);
      } catch {
        return null;
      }
      const hit = cache.get(file, `${sha1(bytes)}:${env}`);
      if (!hit || ((base.fix || base.fixDryRun) && hit.messages.some((m) => m.fix))) return null;
      const d = hit.hasSource ? decode(bytes) : null;
      return { result: fromCache(hit, file, d?.ok ? d.text.replace(/^\ufeff/, '') : undefined) };
    };
    for (let from = 0; from < files.length; from += CACHE_READ_AHEAD) {
      const indices = files.slice(from, from + CACHE_READ_AHEAD).map((_, k) => from + k);
      const answers = await Promise.all(indices.map(probe));
      indices.forEach((i, k) => {
        const answer = answers[k];
        if (!answer) return void todo.push(i);
        out[i] = answer;
        tick();
      });
    }
  }

  // 2. lint the rest, in-process or over workers
  const store = (i: number, r: { outcome: FileOutcome; hash?: string }) => {
    out[i] = r.outcome;
    const k = keys[i];
    if (cache && k) {
      const changed = r.outcome.result.output !== undefined || r.outcome.diff !== undefined || r.outcome.note !== undefined;
      if (r.hash && !changed) cache.set(files[i]!, `${r.hash}:${k.config}`, r.outcome.result);
      else cache.delete(files[i]!);
    }
    tick();
  };
  const jobs = Math.max(1, Math.floor(base.jobs ?? defaultJobs()));
  const min = base.workerThreshold ?? { files: MIN_FILES_FOR_WORKERS, bytes: MIN_BYTES_FOR_WORKERS };
  const sizes = jobs > 1 && todo.length >= min.files ? todo.map((i) => fileSize(files[i]!)) : [];
  const total = sizes.reduce((a, b) => a + b, 0);
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  Object.assign(lastRun, { workers: 0, cached: files.length - todo.length, linted: todo.length, outOfMemory: 0, cacheNotSaved: undefined });
  if (jobs > 1 && todo.length >= Math.max(2, min.files) && total >= min.bytes && existsSync(workerFile)) {
    const order = workOrder(todo, sizes, jobs);
    lastRun.workers = Math.min(jobs, Math.ceil(order.length / 8));
    const heapMb = base.workerHeapMb ?? workerHeapMb(sizes.reduce((a, b) => Math.max(a, b), 0));
    await runWorkers(workerFile, files, order, lintOptionsOf(base), lastRun.workers, heapMb, !!cache, store);
  } else {
    // a few files: read synchronously. Many (--jobs 1): asynchronously, so that the thread returns
    // to its event loop between drafts (see lintFile)
    const o = { ...lintOptionsOf(base), readSync: todo.length < MIN_FILES_FOR_WORKERS };
    for (const [k, i] of todo.entries()) {
      const next = todo[k + 1];
      if (!o.readSync && next !== undefined) prefetchDraft(files[next]!); // read while this one is linted
      store(i, await lintOneFileHashed(files[i]!, o, !!cache));
    }
  }
  if (cache)
    try {
      await cache.save();
    } catch (e) {
      lastRun.cacheNotSaved = `${cache.file}: ${(e as Error).message}`;
    }
  return out;
}

/**
 * The order in which the workers are handed the files `todo` (with their `sizes`): the files as
 * given (sorted paths: a folder's drafts together), except that a file over 1/64 of a worker's
 * share of the bytes goes first, largest first, so that no long file is left for one worker at
 * the end. Over the 3,258 laws (none that large) this took 5–9% less time than handing out all
 * the files largest first, as before (medians of 3–6 alternating runs, 7 of 9 pairs), with a
 * third fewer optimised compilations: the long drafts one after another promote more of their
 * trees, so more full collections drop the optimised code of the parser's closures (see
 * docs/bench.md); a random order did no better than largest first.
 */
export function workOrder(todo: readonly number[], sizes: readonly number[], jobs: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const outsized = total / Math.max(1, jobs) / 64;
  const big = todo.map((i, k) => ({ i, size: sizes[k]! })).filter((f) => f.size > outsized);
  big.sort((a, b) => b.size - a.size || a.i - b.i);
  const first = new Set(big.map((f) => f.i));
  return [...first, ...todo.filter((i) => !first.has(i))];
}

/**
 * V8 heap limits of a lint worker. Measured over the 3,258 laws with two workers (CPU time and
 * peak RSS of the whole run; the threads that lint are all workers so that all get them):
 * - young generation 96 MB, i.e. 32 MB semi-spaces (V8 rounds a semi-space, a third of this, up
 *   to a power of two; its default is 16 MB). Linting a draft allocates about a thousand times its
 *   size, and its tree and runs live until the draft is done: with small semi-spaces they survive
 *   two scavenges, are copied twice, promoted, and found dead again by a full collection. Here most
 *   die young. 64 MB semi-spaces (192 MB) took about 2% less time on a fast, quiet machine (Intel
 *   Xeon, twelfth session: 13.5 against 13.8 s, four alternating runs each) but peaked at
 *   605–635 MB over the laws, past the 600 MB target; 96 MB peaked at 485–490 MB.
 * - old generation capped (`workerHeapMb`). Besides the cap, under 2 GB V8 grows the heap less past
 *   its live data between full collections (a factor of about 1.6 at 1 GB, up to 4 without a
 *   limit); with few objects promoted that costs few extra collections and keeps the run under
 *   600 MB. Without the larger young generation the same cap costs 20–40% more CPU.
 */
export const WORKER_YOUNG_GENERATION_MB = 96;

/**
 * The old-generation limit of a worker, in MB, for a run whose largest file has `bytes`. Linting
 * needs about 60 MB plus 50 MB per MB of the file at hand (a 5 MB file: 200–300 MB), so the limit
 * grows with the largest file, keeping more than twice that; a worker that still runs out of
 * memory has its files linted by this thread (see runWorkers).
 */
export function workerHeapMb(bytes: number): number {
  return Math.max(1024, Math.ceil(128 + (128 * bytes) / (1024 * 1024)));
}

interface WorkerReply {
  type: 'result' | 'error' | 'idle' | 'timing';
  i?: number;
  outcome?: FileOutcome;
  hash?: string;
  error?: { message: string; usage: boolean; stack?: string };
  times?: Array<[string, number]>;
}

async function runWorkers(
  workerFile: string,
  files: string[],
  order: number[],
  base: RunOptions,
  count: number,
  heapMb: number,
  hashed: boolean,
  store: (i: number, r: { outcome: FileOutcome; hash?: string }) => void,
): Promise<void> {
  const { Worker, MessageChannel } = await import('node:worker_threads');
  const { serveSpelling } = await import('../checks/spelling.js');
  const ports: Array<import('node:worker_threads').MessagePort> = [];
  let next = 0;
  // small batches: few messages, yet the last files still spread over all threads
  const batch = Math.max(1, Math.min(8, Math.floor(order.length / (count * 16))));
  const workers: InstanceType<typeof Worker>[] = [];
  // the jieba lexicon and the language model, read once into memory all workers share
  let shared: Record<string, SharedArrayBuffer> = {};
  try {
    const data = await dataFilesFor(files[order[0]!]!, base);
    await adoptEarlyReads(data); // read by the loader already, or being read
    shared = shareFiles(data);
  } catch {
    /* a configuration problem: the workers report it */
  }
  let failed = false;
  await new Promise<void>((resolveAll, rejectAll) => {
    let live = count; // the threads still linting
    const done = () => {
      if (--live === 0 && !failed) resolveAll();
    };
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      rejectAll(e);
    };
    // A worker that ran out of memory: this thread (whose heap is not capped) lints the files
    // that worker had not answered, then takes its place on the queue, so the run still gives
    // the results of one thread.
    const takeOver = (left: number[]) => {
      live++;
      void (async () => {
        for (const i of left) store(i, await lintOneFileHashed(files[i]!, base, hashed));
        while (!failed && next < order.length) {
          const i = order[next++]!;
          store(i, await lintOneFileHashed(files[i]!, base, hashed));
          await new Promise((r) => setImmediate(r)); // let the workers' messages through
        }
        done();
      })().catch((e: Error) => fail(e));
    };
    for (let k = 0; k < count; k++) {
      const spelling = new MessageChannel();
      serveSpelling(spelling.port1);
      ports.push(spelling.port1);
      const w = new Worker(workerFile, {
        workerData: { base, hashed, timing: timing.enabled, spelling: spelling.port2, shared },
        transferList: [spelling.port2],
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      workers.push(w);
      const unanswered = new Set<number>();
      let pending = 0;
      let finished = false;
      const feed = () => {
        if (next >= order.length) {
          if (pending === 0) w.postMessage({ type: 'finish' });
          return;
        }
        const items = order.slice(next, next + batch).map((i) => ({ i, file: files[i]! }));
        next += items.length;
        pending++;
        for (const it of items) unanswered.add(it.i);
        w.postMessage({ type: 'lint', items });
      };
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'result') {
          unanswered.delete(m.i!);
          store(m.i!, { outcome: m.outcome!, hash: m.hash });
        } else if (m.type === 'idle') {
          pending--;
          feed();
        } else if (m.type === 'timing') {
          timing.merge(m.times ?? []);
          finished = true; // terminate() ends the worker with exit code 1: expected from here on
          void w.terminate();
          done();
        } else if (m.type === 'error') {
          const e = m.error!.usage ? new UsageError(m.error!.message) : new Error(m.error!.message);
          if (m.error!.stack && !m.error!.usage) e.stack = m.error!.stack;
          fail(e);
        }
      });
      w.on('error', (e: Error & { code?: string }) => {
        if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY' || failed || finished) return fail(e);
        finished = true;
        lastRun.outOfMemory++;
        takeOver([...unanswered]);
        done();
      });
      w.on('exit', (code) => {
        if (code !== 0 && !failed && !finished) fail(new Error(`worker exited with code ${code}`));
      });
      // two batches in flight, so a worker never waits for the next one
      feed();
      feed();
    }
  }).finally(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const p of ports) p.close();
  });
}

// ------------------------------------------------------------------------------------ sharding

export interface ShardSpec {
  /** 1-based */
  index: number;
  count: number;
}

/** `--shard i/n` → {index, count}; a UsageError for anything else. */
export function parseShard(spec: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard 应写成 i/n（1 ≤ i ≤ n），如 --shard 2/4 / expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4: ${spec}`);
  return { index, count };
}


/**
 * The files of shard `index` of `count`: a file belongs to shard (hash of its path relative to
 * `cwd`, with `/` separators, mod count) + 1. Deterministic for the same checkout wherever it
 * lies; the shards partition the list, and each keeps the list's (sorted) order.
 */
export function shardFiles(files: string[], shard: ShardSpec, cwd = process.cwd()): string[] {
  return files.filter((f) => fnv1a(relative(cwd, resolve(cwd, f)).split(sep).join('/')) % shard.count === shard.index - 1);
}
