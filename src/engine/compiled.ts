/**
 * Compiled forms of shipped data files, kept beside the build (dist/.compiled/), so that a run
 * reads typed arrays with one read instead of decoding the data again in every process and
 * thread (issue 9: a one-file pre-commit run). Content-addressed: the name carries the SHA-1 of
 * the source bytes and the format version, so an edited or replaced source simply misses and is
 * compiled again (then saved, best effort: a read-only install compiles in memory each time).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/.compiled (also when the TypeScript runs, as in the tests). */
export const compiledDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/.compiled/' : '../.compiled/', import.meta.url));

/** A whole file in a buffer of its own, offset 0 (typed-array views need aligned offsets). */
export function readAligned(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.from(new ArrayBuffer(size));
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n <= 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * The compiled form of `source` (its bytes): from dist/.compiled when there, else `compile(source)`
 * (then saved). `name` and `version` name the format; bump `version` when `compile` changes.
 */
export function compiledOf(name: string, version: number, source: Buffer, compile: (source: Buffer) => Buffer): Buffer {
  const file = join(compiledDir, `${name}-v${version}-${createHash('sha1').update(source).digest('hex')}.bin`);
  try {
    return readAligned(file);
  } catch {
    /* not compiled yet */
  }
  const out = compile(source);
  try {
    mkdirSync(compiledDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch {
    /* read-only: compiled in memory only */
  }
  // a copy of our own, 8-byte aligned like a file read
  const own = Buffer.from(new ArrayBuffer(out.length));
  out.copy(own);
  return own;
}
