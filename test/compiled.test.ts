// dist/.compiled (src/engine/compiled.ts): a data file's compiled form is found by the source's
// stamp, compiled again when the source changes, and the superseded forms are removed.
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledFileOf, compiledOf } from '../src/engine/compiled.js';

describe('compiledOf', () => {
  it('compiles once per source stamp, recompiles an edited source and removes what it replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-compiled-'));
    const out = join(dir, 'out');
    const src = join(dir, 'model.bin');
    const other = join(dir, 'other.bin');
    writeFileSync(src, 'abc');
    writeFileSync(other, 'xyz');
    let calls = 0;
    const upper = (b: Buffer) => {
      calls++;
      return Buffer.from(b.toString('latin1').toUpperCase(), 'latin1');
    };
    expect(compiledOf('m', 1, src, upper, out).toString()).toBe('ABC');
    expect(compiledOf('m', 1, other, upper, out).toString()).toBe('XYZ');
    expect(calls).toBe(2);
    // read back, not compiled again; 8-byte aligned for typed-array views
    const again = compiledOf('m', 1, src, upper, out);
    expect(again.toString()).toBe('ABC');
    expect(again.byteOffset % 8).toBe(0);
    expect(calls).toBe(2);

    // an edit (new size and time): compiled again; the old form of this source goes, the other stays
    const before = compiledFileOf('m', 1, src, out);
    writeFileSync(src, 'abcd');
    utimesSync(src, new Date(), new Date(Date.now() + 5000));
    expect(compiledOf('m', 1, src, upper, out).toString()).toBe('ABCD');
    expect(calls).toBe(3);
    const files = readdirSync(out);
    expect(files).not.toContain(before.split(/[\\/]/).pop());
    expect(files).toContain(compiledFileOf('m', 1, src, out).split(/[\\/]/).pop());
    expect(files).toContain(compiledFileOf('m', 1, other, out).split(/[\\/]/).pop());

    // a new format version replaces the old one too
    expect(compiledOf('m', 2, src, upper, out).toString()).toBe('ABCD');
    const name = (f: string) => f.split(/[\\/]/).pop();
    expect(readdirSync(out).sort()).toEqual([name(compiledFileOf('m', 2, src, out)), name(compiledFileOf('m', 1, other, out))].sort());
  });

  it('still answers where nothing can be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-compiled-'));
    const src = join(dir, 'model.bin');
    writeFileSync(src, 'abc');
    const blocked = join(dir, 'file-not-dir');
    writeFileSync(blocked, '');
    expect(compiledOf('m', 1, src, (b) => Buffer.from(b.reverse()), join(blocked, 'sub')).toString()).toBe('cba');
  });
});
