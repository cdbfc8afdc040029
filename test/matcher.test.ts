import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcher, buildSuffixMatcher } from '../src/checks/util/matcher.js';

// buildSuffixMatcher (law titles, political expressions) must find exactly what the
// Aho-Corasick matcher finds: every occurrence, overlaps and shared suffixes included.
describe('buildSuffixMatcher', () => {
  const same = (words: string[], text: string) => {
    const ac = buildMatcher(words);
    const sx = buildSuffixMatcher(words);
    expect(sx.all(text)).toEqual(ac.all(text));
    expect(sx.find(text)).toEqual(ac.find(text));
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
});
