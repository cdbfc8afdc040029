// Word lists (src/engine/dictionaries.ts): `indexList`, which splits a line only when its key is
// asked for, must give the entries `loadList` gives, for every shipped list and for awkward text.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DictionaryError, indexList, parseList, type ListEntry } from '../src/engine/dictionaries.js';

const root = resolve(import.meta.dirname, '..');

function byKey(entries: ListEntry[]): Map<string, ListEntry[]> {
  const m = new Map<string, ListEntry[]>();
  for (const e of entries) m.set(e.fields[0]!, [...(m.get(e.fields[0]!) ?? []), e]);
  return m;
}

function sameAsParseList(file: string): number {
  const want = parseList(readFileSync(file, 'utf8'), file);
  const got = indexList(file);
  expect(got.header).toEqual(want.header);
  const keys = byKey(want.entries);
  expect([...got.keys()]).toEqual([...keys.keys()]);
  for (const [k, entries] of keys) {
    expect(got.has(k)).toBe(true);
    expect(got.entries(k)).toEqual(entries);
  }
  expect(got.entries('没有这一条')).toEqual([]);
  return want.entries.length;
}

describe('indexList', () => {
  it('gives the entries of every shipped list', () => {
    const dir = join(root, 'dictionaries');
    let n = 0;
    for (const f of readdirSync(dir).filter((f) => /\.(txt|tsv)$/.test(f))) n += sameAsParseList(join(dir, f));
    expect(n).toBeGreaterThan(10000);
  });

  it('handles a BOM, CRLF, blank and indented lines, repeated keys, comments after the header and a last line without a newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-list-'));
    const file = join(dir, 'odd.tsv');
    writeFileSync(file, '\ufeff# source: test\r\n# license: MIT\r\n\r\n甲\t乙 \r\n  \t\r\n 丙 \t丁\t\r\n# note: not a header\r\n甲\t戊\r\n\ufeff己\r\n  # indented, an entry\r\n庚\t辛\r');
    expect(sameAsParseList(file)).toBe(6);
    expect(indexList(file).entries('甲').map((e) => e.line)).toEqual([4, 8]);
  });

  it('refuses a list without a source and license header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-list-'));
    const file = join(dir, 'bare.txt');
    writeFileSync(file, '甲\n乙\n');
    expect(() => indexList(file)).toThrow(DictionaryError);
    expect(() => indexList(join(dir, 'missing.txt'))).toThrow(/cannot read dictionary/);
  });
});
