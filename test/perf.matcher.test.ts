/**
 * The compact Aho-Corasick automaton (src/checks/util/matcher.ts) reports exactly what
 * @monyone/aho-corasick reports: every occurrence of every word, overlapping ones included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AhoCorasick } from '@monyone/aho-corasick';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../src/checks/util/matcher.js';
import { root } from './helpers.js';

function reference(words: string[], text: string, built?: AhoCorasick) {
  const unique = [...new Set(words.filter((w) => w.length > 0))];
  if (!unique.length) return [];
  return (built ?? new AhoCorasick(unique))
    .matchInText(text)
    .map((m) => ({ start: m.begin, end: m.end, word: m.keyword }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

describe('compact Aho-Corasick', () => {
  it('matches the reference on random words and texts (small alphabet, surrogates, overlaps)', () => {
    const ch = fc.constantFrom('a', 'b', '安', '装', '按', '\ud842\udfb7'.slice(0, 1), '\ud842\udfb7'.slice(1), '。');
    const word = fc.array(ch, { minLength: 0, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(ch, { maxLength: 60 }).map((a) => a.join('')), (words, text) => {
        expect(buildMatcher(words).all(text)).toEqual(reference(words, text));
      }),
      { numRuns: 400 },
    );
  });

  it('matches the reference with real lists on real text', () => {
    const dict = (name: string) =>
      readFileSync(join(root, 'dictionaries', name), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t')[0]!.trim());
    const words = [...dict('law-titles.txt'), ...dict('typo-confusion.tsv'), ...dict('leaders.txt')];
    const m = buildMatcher(words);
    const ref = new AhoCorasick([...new Set(words.filter((w) => w.length > 0))]);
    const dir = join(root, 'fixtures');
    const texts: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.md')) texts.push(readFileSync(join(d, e.name), 'utf8'));
      }
    };
    walk(dir);
    expect(texts.length).toBeGreaterThan(5);
    let hits = 0;
    for (const t of texts) {
      const got = m.all(t);
      hits += got.length;
      expect(got).toEqual(reference(words, t, ref));
    }
    expect(hits).toBeGreaterThan(0);
  });
});
