import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  adjustMatcher,
  buildMatcher,
  buildSuffixMatcher,
  buildSuffixTables,
  compiledSuffixMatcher,
  deserializeSuffixTables,
  serializeSuffixTables,
  suffixMatcherOf,
} from '../src/checks/util/matcher.js';

// buildSuffixMatcher (law titles, political expressions) must find exactly what the
// Aho-Corasick matcher finds: every occurrence, overlaps and shared suffixes included.
describe('buildSuffixMatcher', () => {
  const same = (words: string[], text: string) => {
    const ac = buildMatcher(words);
    const sx = buildSuffixMatcher(words);
    expect(sx.all(text)).toEqual(ac.all(text));
    expect(sx.find(text)).toEqual(ac.find(text));
    // the same tables once written as bytes and read back (a compiled list)
    const loaded = suffixMatcherOf(deserializeSuffixTables(serializeSuffixTables(buildSuffixTables(words))));
    expect(loaded.all(text)).toEqual(ac.all(text));
  };

  it('matches like the automaton on random lists and texts', () => {
    const ch = fc.constantFrom('法', '例', '条', '中', '华', '人', '民', '国', 'a', '𠀀', '，');
    const word = fc.array(ch, { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 12 }), fc.array(ch, { maxLength: 60 }), (words, text) => same(words, text.join(''))),
      { numRuns: 2000 },
    );
  });

  it('matches like the automaton with the shipped law-title list', () => {
    const titles = readFileSync('dictionaries/law-titles.txt', 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')[0]!);
    for (const text of [
      '依照中华人民共和国个人所得税法实施条例第三条，根据中华人民共和国仲裁法和不动产登记暂行条例。',
      '专利代理条例专利代理条例《个体工商户条例》',
      '',
      '法',
    ])
      same(titles, text);
  });

  it('an empty list matches nothing', () => {
    expect(buildSuffixMatcher([]).find('中华人民共和国仲裁法')).toEqual([]);
    expect(buildSuffixMatcher(['']).all('中华人民共和国仲裁法')).toEqual([]);
  });

  const titles = readFileSync('dictionaries/law-titles.txt', 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]!);

  it('a list compiled into a file matches like the list itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-suffix-'));
    const list = join(dir, 'titles.txt');
    writeFileSync(list, '# source: test\n# license: CC0\n\n' + titles.slice(0, 500).join('\n') + '\n行政许可法\n');
    const out = join(dir, 'compiled');
    const first = compiledSuffixMatcher(list, out);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^suffix-v\d+-/);
    const again = compiledSuffixMatcher(list, out); // from the file
    const plain = buildSuffixMatcher([...titles.slice(0, 500), '行政许可法']);
    const text = `依照${titles[3]}第三条和${titles[42]}、中华人民共和国行政许可法，根据《${titles[7]}》。${titles[499]}`;
    expect(plain.find(text).length).toBeGreaterThanOrEqual(4);
    for (const m of [first, again]) {
      expect(m.all(text)).toEqual(plain.all(text));
      expect(m.find(text)).toEqual(plain.find(text));
    }
    expect(() => deserializeSuffixTables(new Uint8Array(64))).toThrow(/not a compiled suffix matcher/);
    // a damaged compiled file: the list is compiled again, and matches as before
    const compiled = join(out, files[0]!);
    writeFileSync(compiled, readFileSync(compiled).subarray(0, 1000));
    const repaired = compiledSuffixMatcher(list, out);
    expect(repaired.all(text)).toEqual(plain.all(text));
  });

  it('adjustMatcher matches like one matcher over the list with words added and removed', () => {
    const ch = fc.constantFrom('法', '例', '条', '中', '华', '人', '国');
    const word = fc.array(ch, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), fc.array(word, { maxLength: 4 }), fc.array(word, { maxLength: 4 }), fc.array(ch, { maxLength: 40 }), (list, extra, removed, text) => {
        const t = text.join('');
        const excluded = new Set(removed);
        const adjusted = adjustMatcher(buildSuffixMatcher(list), extra, excluded);
        const whole = buildSuffixMatcher([...list, ...extra].filter((w) => !excluded.has(w)));
        expect(adjusted.all(t)).toEqual(whole.all(t));
        expect(adjusted.find(t)).toEqual(whole.find(t));
      }),
      { numRuns: 1000 },
    );
  });
});
