// Word lists (src/engine/dictionaries.ts): `indexList`, which splits a line only when its key is
// asked for, must give the entries `loadList` gives, for every shipped list and for awkward text.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DictionaryError, indexList, parseList, type ListEntry } from '../src/engine/dictionaries.js';
import { cliAsync } from './helpers.js';

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

describe('a `dictionary` rule with a list file of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'draftlint-site-list-'));
  const list = join(dir, 'site-words.tsv');
  writeFileSync(list, '# source: 本站编辑部\n# license: CC0\n内部资料\t\t不公开\n领导批示\t\t不公开\n');
  mkdirSync(join(dir, 'rules'));
  writeFileSync(
    join(dir, 'rules', 'site.words.yml'),
    [
      'id: site/words',
      'kind: dictionary',
      'severity: error',
      'message: {zh: "“{{actual}}”不宜公开（{{entry}}）。", en: "“{{actual}}” ({{entry}})."}',
      'description: {zh: 站点词表, en: site list}',
      `options: {list: ${JSON.stringify(list)}, entries: [{match: 情况通报, note: 内部}, 内部资料]}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, '.draftlintrc.yml'), 'rulePaths: [rules]\n');
  writeFileSync(join(dir, 'a.md'), '# 通知\n\n这份内部资料和领导批示，连同情况通报、会议纪要，不得公开。\n');
  const found = async () => {
    const r = await cliAsync(['lint', 'a.md', '--rule', 'site/words: error', '-f', 'json'], { cwd: dir });
    return (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>)[0]!.messages.filter((m) => m.ruleId === 'site/words').map((m) => m.message);
  };

  it('finds the words of the list (its matcher compiled) and of its inline entries, each once', async () => {
    const got = await found();
    expect(got).toHaveLength(3);
    expect(got[0]).toContain('内部资料');
    expect(got[0]).toContain('site-words.tsv:3');
    expect(got[1]).toContain('领导批示');
    expect(got[2]).toContain('情况通报');
  });

  it('sees a word added to the list in the next run (the compiled form follows the file)', async () => {
    writeFileSync(list, '# source: 本站编辑部\n# license: CC0\n内部资料\t\t不公开\n领导批示\t\t不公开\n会议纪要\t\t不公开\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(list, later, later);
    const got = await found();
    expect(got).toHaveLength(4);
    expect(got[3]).toContain('会议纪要');
  });
});
