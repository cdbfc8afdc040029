// dist/.compiled (src/engine/compiled.ts): a data file's compiled form is found by the source's
// stamp, compiled again when the source changes, and the superseded forms are removed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFilesFor } from '../src/engine/index.js';
import { adoptEarlyReads, compiledDir, compiledFileOf, compiledOf, loadCompiled, readAheadFiles, readAligned, shareFiles, useSharedFiles } from '../src/engine/compiled.js';
import { EARLY_READS_MANIFEST, earlyReads, readShared, startEarlyReads } from '../src/engine/early-read.js';
import { LM_FORMAT } from '../src/checks/typo/lm.js';

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

  it("a site's files of the same name, size and time do not share a compiled form; shipped files are keyed by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-compiled-'));
    const out = join(dir, 'out');
    const { mkdirSync } = await import('node:fs');
    const a = join(dir, 'site-a', 'confusion.tsv');
    const b = join(dir, 'site-b', 'confusion.tsv');
    mkdirSync(dirname(a));
    mkdirSync(dirname(b));
    writeFileSync(a, 'aaa');
    writeFileSync(b, 'bbb');
    const t = new Date('2026-01-01T00:00:00Z');
    utimesSync(a, t, t);
    utimesSync(b, t, t);
    const copy = (x: Buffer) => Buffer.from(x);
    expect(compiledOf('m', 1, a, copy, out).toString()).toBe('aaa');
    expect(compiledOf('m', 1, b, copy, out).toString()).toBe('bbb');
    expect(compiledOf('m', 1, a, copy, out).toString()).toBe('aaa');
    const { fnv1aHex } = await import('../src/engine/fnv.js');
    const shipped = join(import.meta.dirname, '..', 'dictionaries', 'lm-char.bin');
    expect(compiledFileOf('lm', LM_FORMAT, shipped)).toContain(`-${fnv1aHex('lm-char.bin')}-`);
  });

  it("keeps at most eight compiled forms of a site's files, and every shipped file's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-compiled-'));
    const out = join(dir, 'out');
    const { mkdirSync } = await import('node:fs');
    const copy = (x: Buffer) => Buffer.from(x);
    const shipped = join(import.meta.dirname, '..', 'dictionaries', 'leaders.txt');
    compiledOf('m', 1, shipped, copy, out);
    const sites: string[] = [];
    for (let k = 0; k < 12; k++) {
      const f = join(dir, `site-${k}`, 'list.txt');
      mkdirSync(dirname(f));
      writeFileSync(f, `site ${k}`);
      sites.push(f);
      expect(compiledOf('m', 1, f, copy, out).toString()).toBe(`site ${k}`);
    }
    const left = readdirSync(out);
    expect(left).toContain(compiledFileOf('m', 1, shipped, out).split(/[\\/]/).pop());
    expect(left).toContain(compiledFileOf('m', 1, sites[11]!, out).split(/[\\/]/).pop());
    expect(left.length).toBe(1 + 8);
  });

  it('loadCompiled compiles a file that its loader refuses again, and saves it over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-compiled-'));
    const out = join(dir, 'out');
    const src = join(dir, 'list.txt');
    writeFileSync(src, 'abc');
    const load = (raw: Buffer) => {
      if (raw.toString('latin1') !== 'ABC') throw new Error('damaged');
      return raw.toString('latin1');
    };
    const upper = (b: Buffer) => Buffer.from(b.toString('latin1').toUpperCase(), 'latin1');
    expect(loadCompiled('m', 1, src, upper, load, out)).toBe('ABC');
    const file = compiledFileOf('m', 1, src, out);
    writeFileSync(file, 'AB');
    expect(loadCompiled('m', 1, src, upper, load, out)).toBe('ABC');
    expect(readFileSync(file, 'latin1')).toBe('ABC');
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

describe('reading data ahead and sharing it', () => {
  it('readAligned takes a file read ahead once, then reads it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-ahead-'));
    const f = join(dir, 'data.bin');
    writeFileSync(f, 'first');
    await readAheadFiles([f, join(dir, 'missing.bin')]);
    writeFileSync(f, 'second');
    // the bytes read ahead, not today's: the read happened before the edit
    const a = readAligned(f);
    expect(a.toString()).toBe('first');
    expect(a.byteOffset % 8).toBe(0);
    expect(readAligned(f).toString()).toBe('second');
    // a missing file read ahead is an error only where it is read
    expect(() => readAligned(join(dir, 'missing.bin'))).toThrow();
  });

  it('a read still under way is not waited for, and its bytes are dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-ahead-'));
    const f = join(dir, 'data.bin');
    writeFileSync(f, 'old');
    const pending = readAheadFiles([f]);
    writeFileSync(f, 'new');
    expect(readAligned(f).toString()).toBe('new');
    await pending;
    writeFileSync(f, 'newer');
    expect(readAligned(f).toString()).toBe('newer');
  });

  it('files shared with workers are read once, and read from memory after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-shared-'));
    const f = join(dir, 'lexicon.bin');
    writeFileSync(f, 'shared bytes');
    const shared = shareFiles([f, join(dir, 'missing.bin')]);
    expect(Object.keys(shared)).toEqual([f]);
    expect(shared[f]).toBeInstanceOf(SharedArrayBuffer);
    // as a worker would: the parent's memory, whatever the file now holds
    useSharedFiles(shared);
    writeFileSync(f, 'changed on disk');
    const b = readAligned(f);
    expect(b.toString()).toBe('shared bytes');
    expect(b.buffer).toBe(shared[f]);
  });
});

describe('reads begun by the loader (early-read.ts)', () => {
  it('the files a manifest lists are read into shared memory and taken by the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-early-'));
    const f = join(dir, 'lexicon.bin');
    const g = join(dir, 'model.bin');
    writeFileSync(f, 'lexicon bytes');
    writeFileSync(g, 'x'.repeat(100_000));
    const manifest = join(dir, 'sub', EARLY_READS_MANIFEST);
    // paths relative to the manifest's folder
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dirname(manifest));
    writeFileSync(manifest, JSON.stringify({ files: ['../lexicon.bin', '../model.bin', '../missing.bin'] }));
    startEarlyReads(manifest);
    expect([...earlyReads()!.keys()]).toEqual(expect.arrayContaining([f, g, join(dir, 'missing.bin')]));
    expect(await earlyReads()!.get(join(dir, 'missing.bin'))).toBeNull();
    await readAheadFiles([f, join(dir, 'missing.bin')]);
    writeFileSync(f, 'changed on disk');
    // the bytes the loader read, from shared memory (a worker would get the same memory)
    const b = readAligned(f);
    expect(b.toString()).toBe('lexicon bytes');
    expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => readAligned(join(dir, 'missing.bin'))).toThrow();
    // a run with workers: shareFiles hands on the loader's copy instead of reading again
    await adoptEarlyReads([g]);
    writeFileSync(g, 'y');
    const shared = shareFiles([g]);
    expect(new Uint8Array(shared[g]!).length).toBe(100_000);
    expect(shared[g]).toBe(await earlyReads()!.get(g));
  });

  it('the file is open when readShared returns: its read needs no turn of the event loop to begin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-early-'));
    const f = join(dir, 'data.bin');
    writeFileSync(f, 'z'.repeat(70_000));
    const reading = readShared(f);
    // gone before this thread could run a callback: an open that waited for the event loop
    // would find nothing
    rmSync(f);
    const sab = await reading;
    expect(sab).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(sab!).toString()).toBe('z'.repeat(70_000));
    expect(await readShared(f)).toBeNull();
    expect(await readShared(dir)).toBeNull(); // a folder: opened, but not read
  });

  it('a missing or broken manifest reads nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-early-'));
    const before = new Set(earlyReads()?.keys() ?? []);
    startEarlyReads(join(dir, 'none.json'));
    writeFileSync(join(dir, 'broken.json'), '{ files: ');
    startEarlyReads(join(dir, 'broken.json'));
    writeFileSync(join(dir, 'odd.json'), JSON.stringify({ files: [1, null, {}] }));
    startEarlyReads(join(dir, 'odd.json'));
    expect(new Set(earlyReads()?.keys() ?? [])).toEqual(before);
  });

  it("the build's manifest names what the default rules read", async () => {
    const root = join(import.meta.dirname, '..');
    const draft = join(root, 'fixtures', 'clean', readdirSync(join(root, 'fixtures', 'clean')).find((n) => n.endsWith('.md'))!);
    const manifest = join(compiledDir, EARLY_READS_MANIFEST);
    const listed = (JSON.parse(readFileSync(manifest, 'utf8')) as { files: string[] }).files.map((f) => resolve(compiledDir, f));
    expect(listed.length).toBe(2);
    expect(new Set(listed)).toEqual(new Set((await dataFilesFor(draft)).map((f) => resolve(f))));
  });
});

describe('dataFilesFor', () => {
  it('names the lexicon and the compiled language model for the default rules, and nothing when the rules that read them are off', async () => {
    const root = join(import.meta.dirname, '..');
    const draft = join(root, 'fixtures', 'clean', readdirSync(join(root, 'fixtures', 'clean')).find((n) => n.endsWith('.md'))!);
    const files = await dataFilesFor(draft);
    expect(files.map((f) => f.split(/[\\/]/).pop())).toEqual(
      expect.arrayContaining(['.jieba-lexicon.bin', compiledFileOf('lm', LM_FORMAT, join(root, 'dictionaries', 'lm-char.bin')).split(/[\\/]/).pop()]),
    );
    // the typo rules read the model; they, phrasing/repeat, double-negation and missing-subject,
    // punctuation/space and expression/political read the lexicon
    const noTypos = await dataFilesFor(draft, { config: { rules: { 'typo/*': 'off' } } });
    expect(new Set(noTypos.map((f) => f.split(/[\\/]/).pop()))).toEqual(new Set(['.jieba-lexicon.bin']));
    const off = { 'typo/*': 'off', 'phrasing/repeat': 'off', 'phrasing/double-negation': 'off', 'phrasing/missing-subject': 'off', 'punctuation/space': 'off', 'expression/political': 'off' } as const;
    expect(await dataFilesFor(draft, { config: { rules: off } })).toEqual([]);
  });
});
