import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AhoCorasick } from '@monyone/aho-corasick';
import { buildMatcher, byStartThenLongest, leftmostLongest, type Match } from '../src/checks/util/matcher.js';

// buildMatcher only hands the automaton the windows where a word can start (util/matcher.ts):
// it must find exactly what the automaton finds over the whole text.
const reference = (words: string[], text: string): Match[] => {
  const unique = [...new Set(words.filter((w) => w.length > 0))];
  if (!unique.length) return [];
  return new AhoCorasick(unique)
    .matchInText(text)
    .map((m) => ({ start: m.begin, end: m.end, word: m.keyword }))
    .sort(byStartThenLongest);
};

const same = (words: string[], text: string) => {
  const m = buildMatcher(words);
  const all = reference(words, text);
  expect(m.all(text)).toEqual(all);
  expect(m.find(text)).toEqual(leftmostLongest(all));
};

describe('buildMatcher (gated automaton)', () => {
  it('matches like the whole-text automaton on random lists and texts', () => {
    const ch = fc.constantFrom('法', '例', '条', '中', '华', '人', '民', '国', 'a', 'A', '𠀀', '\ud840', '，', ' ');
    const word = fc.array(ch, { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 12 }), fc.array(ch, { maxLength: 80 }), (words, text) => same(words, text.join(''))),
      { numRuns: 3000 },
    );
  });

  it('matches like the whole-text automaton with one-character words and words sharing a start', () => {
    same(['中', '中华', '中华人民共和国', '华人', '人'], '中华人民共和国中华中');
    same(['法'], '法法法');
    same(['ab', 'abc', 'b', 'bcd'], 'abcdabcab');
    same(['长的词语在这里结束', '词语'], '一个很长的词语在这里结束了，词语');
    same(['末尾'], '在末尾');
    same(['x'], '');
  });

  it('matches like the whole-text automaton with the shipped lists', () => {
    const firstColumn = (file: string) =>
      readFileSync(`dictionaries/${file}`, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t')[0]!);
    const fixtures = ['fixtures/language', 'fixtures/drafts'].flatMap((d) => readdirSync(d).map((f) => readFileSync(`${d}/${f}`, 'utf8')));
    const texts = [
      '县残联为瞎子和聋子提供免费培训。积极参与一带一路战略建设。城市绿线调整涉及到城市总体规划的，应当报批。',
      '按装设备后签定合同，台帐既使再接再励也迫不急待。',
      ...fixtures,
    ];
    for (const file of ['xinhua.tsv', 'redundancy.tsv', 'typo-confusion.tsv', 'law-titles.txt']) {
      const words = firstColumn(file);
      for (const t of texts) same(words, t);
    }
  });
});
