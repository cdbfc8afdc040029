/**
 * A draft file's bytes for `lintFile`, with its stat. Asynchronous by default, but in one request
 * to libuv's thread pool: the file is opened and its size taken synchronously (microseconds), then
 * read whole. `fs.promises.readFile` makes four requests (open, stat, read, close), each waiting
 * for the thread to come back to its event loop: in a corpus run that idled each worker about
 * 0.9 ms a file (issue 9). A worker still returns to its event loop once a draft, as it must (its
 * GC tasks and English spelling replies run there). With `sync`, everything is synchronous (the
 * main thread's few files: see `lintFile`).
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readOpenFile } from './early-read.js';

export type DraftBytes = { st: Stats; bytes: Buffer } | { st: Stats; directory: true } | { st: Stats; tooLarge: true };

/**
 * Reads `path` unless it is a directory or larger than `limit()` bytes. Throws the system's error
 * (ENOENT, EACCES, ELOOP…) when it cannot be opened or read.
 */
export async function readDraftBytes(path: string, limit: () => number, sync = false): Promise<DraftBytes> {
  const early = prefetched.get(path);
  if (early) {
    prefetched.delete(path);
    const r = await early;
    if (r && 'bytes' in r) return r.st.size > limit() ? { st: r.st, tooLarge: true } : r;
    if (r && 'directory' in r) return r;
    // failed, or over the prefetch's own limit: read as usual
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    // a folder cannot be opened for reading on some systems
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return { st: statSync(path), directory: true };
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { st, directory: true };
    if (st.size > limit()) return { st, tooLarge: true };
    if (sync) return { st, bytes: readFileSync(fd) };
    // not a regular file (a pipe): its size says nothing, read it to the end
    if (!st.isFile()) return { st, bytes: await readFile(path) };
    const bytes = Buffer.allocUnsafe(st.size);
    const got = await readOpenFile(fd, bytes);
    return { st, bytes: got === st.size ? bytes : bytes.subarray(0, got) }; // the file shrank while read
  } finally {
    closeSync(fd);
  }
}

/** reads begun by `prefetchDraft`, by path (null: it failed) */
const prefetched = new Map<string, Promise<DraftBytes | null>>();
/** files larger than this are not read ahead */
const PREFETCH_MAX = 1024 * 1024;

/**
 * Begins reading `path` for the `readDraftBytes` that will ask for it (a worker reads its next
 * file while it lints the one before: the read then costs it no wait at all). Files over 1 MB are
 * left to be read when asked for.
 */
export function prefetchDraft(path: string): void {
  if (prefetched.has(path)) return;
  prefetched.set(
    path,
    readDraftBytes(path, () => PREFETCH_MAX).catch(() => null),
  );
}
