/**
 * Compiled forms of shipped data files, kept beside the build (dist/.compiled/), so that a run
 * reads typed arrays with one read instead of decoding the data again in every process and
 * thread (issue 9: a one-file pre-commit run). The compiled file's name carries the format
 * version and the source's stamp (its name, size and modification time, as the jieba lexicon's
 * stamp does): an edited or replaced source misses and is compiled again, then saved (best
 * effort: a read-only install compiles in memory each time), and the superseded compiled files
 * of that source are removed. A stamp, not a hash of the bytes: hashing the 2 MB language model
 * took about a tenth of a cold one-file run.
 */
import { closeSync, fstatSync, openSync, readSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1aHex } from './fnv.js';
import { earlyReads, readShared } from './early-read.js';
import { makeDir } from './make-dir.js';

/** dist/.compiled (also when the TypeScript runs, as in the tests). */
export const compiledDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/.compiled/' : '../.compiled/', import.meta.url));

/** A whole file in a buffer of its own, offset 0 (typed-array views need aligned offsets). */
export function readAligned(file: string): Buffer {
  const shared = sharedFiles.get(file);
  if (shared) return Buffer.from(shared);
  const early = readAhead.get(file);
  // read ahead: taken; still being read: read here, and the read ahead is dropped when it ends
  readAhead.delete(file);
  if (early?.buf) return early.buf;
  return readWhole(file, (size) => Buffer.from(new ArrayBuffer(size)));
}

/** The bytes of `file` in a buffer from `make(size)` (a view of what was read). */
function readWhole<T extends Uint8Array>(file: string, make: (size: number) => T): T {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = make(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got) as T;
  } finally {
    closeSync(fd);
  }
}

/** Files read once for all threads of a run (`shareFiles`), by path. */
const sharedFiles = new Map<string, SharedArrayBuffer>();

/**
 * Reads `files` into shared memory for the worker threads of a run (issue 9): each worker's
 * `readAligned` then sees the one copy instead of reading its own 25 MB of lexicon and model.
 * Files that cannot be read are left out (read, and reported, where they are needed).
 */
export function shareFiles(files: Iterable<string>): Record<string, SharedArrayBuffer> {
  const out: Record<string, SharedArrayBuffer> = {};
  for (const file of files) {
    let sab = sharedFiles.get(file);
    if (!sab) {
      try {
        const view = readWhole(file, (size) => new Uint8Array(new SharedArrayBuffer(size)));
        if (view.length !== view.buffer.byteLength) continue; // the file shrank while read
        sab = view.buffer as SharedArrayBuffer;
      } catch {
        continue;
      }
      sharedFiles.set(file, sab);
    }
    out[file] = sab;
  }
  return out;
}

/** In a worker: the files its parent shared (`shareFiles`). */
export function useSharedFiles(files: Record<string, SharedArrayBuffer> | undefined): void {
  for (const [file, sab] of Object.entries(files ?? {})) sharedFiles.set(file, sab);
}

/** Reads started by `readAheadFiles`: the buffer once read (undefined while reading or after a failure). */
const readAhead = new Map<string, { buf?: Buffer; done: Promise<void> }>();

/**
 * Starts reading `files` on libuv's thread pool, so that the `readAligned` of a rule's first run
 * finds them read (issue 9: the jieba lexicon and the language model are 25 MB, about 30 ms of a
 * cold one-file run when read on the main thread, time it can spend on the rules before them).
 * Resolves when every read has ended; a file that cannot be read is simply read (and fails) later.
 * A file is read ahead again only after `readAligned` took it.
 */
export function readAheadFiles(files: Iterable<string>): Promise<void> {
  const waits: Array<Promise<void>> = [];
  for (const file of files) {
    if (sharedFiles.has(file)) continue;
    const early = adoptEarlyRead(file);
    if (early) {
      waits.push(early);
      continue;
    }
    let r = readAhead.get(file);
    if (!r) {
      const entry: { buf?: Buffer; done: Promise<void> } = { done: Promise.resolve() };
      entry.done = readShared(file).then((sab) => {
        if (readAhead.get(file) !== entry) return;
        if (sab) entry.buf = Buffer.from(sab);
        else readAhead.delete(file); // unreadable: read (and reported) where it is needed
      });
      readAhead.set(file, (r = entry));
    }
    waits.push(r.done);
  }
  return Promise.all(waits).then(() => undefined);
}

/**
 * The read of `file` begun by the command line's loader (early-read.ts), if any: once it ends,
 * the bytes are this thread's shared copy of the file (`readAligned`, and `shareFiles` for workers).
 */
function adoptEarlyRead(file: string): Promise<void> | null {
  const early = earlyReads()?.get(file);
  if (!early) return null;
  return early.then((sab) => {
    if (sab && !sharedFiles.has(file)) sharedFiles.set(file, sab);
  });
}

/** Waits for the early reads (early-read.ts) of any of `files`, so that `shareFiles` takes them. */
export async function adoptEarlyReads(files: Iterable<string>): Promise<void> {
  await Promise.all([...files].map((f) => adoptEarlyRead(f)));
}

/** compiled forms of a site's own files kept per format name (the most recently written) */
const SITE_FORMS = 8;

/**
 * Keeps at most SITE_FORMS compiled forms of files that are not shipped (a site's lists, each
 * keyed by its whole path), removing the least recently written: sites and test runs come and go.
 */
function pruneSiteForms(dir: string, mine: (f: string) => boolean): void {
  let shipped: Set<string>;
  try {
    shipped = new Set(readdirSync(join(packageDir, 'dictionaries')).map((n) => fnv1aHex(n)));
  } catch {
    return;
  }
  const site = readdirSync(dir)
    .filter((f) => mine(f) && !shipped.has(/-v\d+-([0-9a-f]{8})-\d+-\d+\.bin$/.exec(f)?.[1] ?? ''))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of site.slice(SITE_FORMS - 1)) rmSync(join(dir, f), { force: true });
}

/** The compiled file of `source` in `dir`: `<name>-v<version>-<source's name hash>-<size>-<mtime>.bin`. */
export function compiledFileOf(name: string, version: number, source: string, dir = compiledDir): string {
  return join(dir, `${name}-v${version}-${compiledKey(source)}-${fileStamp(source)}.bin`);
}

/**
 * A file's size and modification time, `<size>-<ms>`: what the caches beside the build (compiled
 * files, the parsed shipped YAML, the shipped rules) are keyed by instead of a hash of the bytes.
 */
export function fileStamp(file: string): string {
  const st = statSync(file);
  return `${st.size}-${Math.floor(st.mtimeMs)}`;
}
/** the package's folder (two up from dist/.compiled) */
const packageDir = resolve(compiledDir, '..', '..');
/**
 * A source's key in compiled file names: a shipped file's name (the package may be moved or
 * installed elsewhere after the build), a site's file by its whole path (two sites' lists of the
 * same name, size and time must not share a compiled form).
 */
const compiledKey = (source: string): string => {
  const abs = resolve(source);
  return fnv1aHex(abs.startsWith(packageDir + sep) ? basename(abs) : abs);
};

/**
 * The compiled form of the file `source`: from dist/.compiled when there, else `compile(its
 * bytes)` (then saved). `name` and `version` name the format; bump `version` when `compile` changes.
 */
export function compiledOf(name: string, version: number, source: string, compile: (bytes: Buffer) => Buffer, dir = compiledDir): Buffer {
  const file = compiledFileOf(name, version, source, dir);
  try {
    return readAligned(file);
  } catch {
    /* not compiled yet */
  }
  return saveCompiled(name, source, file, compile(readFileSync(source)), dir);
}

/**
 * `load(compiledOf(…))`: the data a compiled file holds. A compiled file that `load` refuses
 * (cut short, overwritten) is compiled again from its source and saved over.
 */
export function loadCompiled<T>(name: string, version: number, source: string, compile: (bytes: Buffer) => Buffer, load: (raw: Buffer) => T, dir = compiledDir): T {
  const raw = compiledOf(name, version, source, compile, dir);
  try {
    return load(raw);
  } catch {
    return load(saveCompiled(name, source, compiledFileOf(name, version, source, dir), compile(readFileSync(source)), dir));
  }
}

/**
 * Saves `out` as `file` (best effort: a read-only install compiles in memory each time), removes
 * the forms it supersedes, and returns `out` in a buffer of its own, 8-byte aligned like a file read.
 */
function saveCompiled(name: string, source: string, file: string, out: Buffer, dir: string): Buffer {
  try {
    makeDir(dir);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, file);
    // superseded forms of this source (older versions, an earlier stamp)
    const prefix = `${name}-v`;
    const key = `-${compiledKey(source)}-`;
    const mine = (f: string) => f.startsWith(prefix) && f.endsWith('.bin') && f !== basename(file);
    for (const f of readdirSync(dir)) if (mine(f) && (f.includes(key) || !/-\d+-\d+\.bin$/.test(f))) rmSync(join(dir, f), { force: true });
    pruneSiteForms(dir, mine);
  } catch {
    /* read-only: compiled in memory only */
  }
  const own = Buffer.from(new ArrayBuffer(out.length));
  out.copy(own);
  return own;
}
