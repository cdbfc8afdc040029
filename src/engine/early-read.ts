/**
 * Reads of the rules' large data files begun before the command line is even compiled (issue 9,
 * a one-file run): the jieba lexicon and the language model are 25 MB, and read on libuv's thread
 * pool from the rule set's build on, they ended after the first rule that needed them had been
 * waiting for them, idle, for 25-45 ms. The build writes the list of the files the default rules
 * read (dist/.compiled/read-ahead.json); the loader of the command line (loader.ts) starts reading
 * them into shared memory first thing, and the engine takes them (`adoptEarlyReads` in
 * compiled.ts) when its rules name the same files. A run whose rules read other files or none
 * simply leaves them.
 *
 * No imports but node:fs and node:path: this module is in dist/start.cjs, which every run loads,
 * and in the bundle, which finds the reads on `globalThis`.
 */
import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type EarlyReads = Map<string, Promise<SharedArrayBuffer | null>>;
const KEY = '__draftlintEarlyReads';

/** The reads `startEarlyReads` began in this thread, by absolute path. */
export function earlyReads(): EarlyReads | undefined {
  return (globalThis as { [KEY]?: EarlyReads })[KEY];
}

/** The manifest's name in dist/.compiled/. */
export const EARLY_READS_MANIFEST = 'read-ahead.json';

/**
 * Starts reading the files the manifest lists (`{ "files": [...] }`, paths relative to the
 * manifest's folder). Without a manifest, or with a broken one, nothing is read.
 */
export function startEarlyReads(manifest: string): void {
  let files: string[];
  try {
    const v = JSON.parse(readFileSync(manifest, 'utf8')) as { files?: unknown };
    files = Array.isArray(v.files) ? v.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return;
  }
  const reads: EarlyReads = earlyReads() ?? new Map();
  for (const f of files) {
    const file = resolve(dirname(manifest), f);
    if (!reads.has(file)) reads.set(file, readShared(file));
  }
  (globalThis as { [KEY]?: EarlyReads })[KEY] = reads;
}

/**
 * The whole file in shared memory (workers can take it as it is), read on libuv's thread pool, or
 * null when it cannot be read (also the engine's reads ahead, compiled.ts). The file is opened and
 * its size taken here, synchronously (microseconds), so that the read itself goes to the thread
 * pool at once as one request: asynchronous open and stat would each wait for this thread to
 * return to its event loop, and a one-file run compiles the command line and builds its rules for
 * 50–100 ms before it does (the reads then began only after that, and the rules waited for them).
 */
export function readShared(file: string): Promise<SharedArrayBuffer | null> {
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Promise.resolve(null);
  }
  try {
    size = fstatSync(fd).size;
  } catch {
    closeSync(fd);
    return Promise.resolve(null);
  }
  const sab = new SharedArrayBuffer(size);
  return readOpenFile(fd, new Uint8Array(sab))
    .then((got) => (got === size ? sab : null), () => null) // an error, or the file shrank
    .finally(() => {
      try {
        closeSync(fd);
      } catch {
        /* closed anyway */
      }
    });
}

/**
 * Reads the open file `fd` from its start into `view` (as much as fits) on the thread pool: one
 * request, more only when the system returns less. Resolves to the number of bytes read, fewer when
 * the file ended sooner; rejects on a read error. The caller closes `fd`.
 */
export function readOpenFile(fd: number, view: Uint8Array): Promise<number> {
  return new Promise((done, fail) => {
    let got = 0;
    const more = (): void => {
      if (got === view.length) return done(got);
      read(fd, view, got, view.length - got, got, (err, n) => {
        if (err) return fail(err);
        if (n <= 0) return done(got);
        got += n;
        more();
      });
    };
    more();
  });
}
