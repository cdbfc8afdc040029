/**
 * Multi-pattern matching over prose with one Aho-Corasick automaton per word list, built once.
 * Never uses `\b` (which never matches between two Han characters).
 */
import { AhoCorasick } from '@monyone/aho-corasick';

export interface Match {
  start: number;
  end: number;
  word: string;
}

export interface Matcher {
  /** every occurrence, overlapping ones included, sorted by start then longest first */
  all(text: string): Match[];
  /** leftmost-longest, non-overlapping occurrences */
  find(text: string): Match[];
}

export function buildMatcher(words: Iterable<string>): Matcher {
  const unique = [...new Set([...words].filter((w) => w.length > 0))];
  if (!unique.length) return { all: () => [], find: () => [] };
  const ac = new AhoCorasick(unique);
  const all = (text: string): Match[] =>
    ac
      .matchInText(text)
      .map((m) => ({ start: m.begin, end: m.end, word: m.keyword }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    all,
    find(text) {
      const out: Match[] = [];
      let last = -1;
      for (const m of all(text)) {
        if (m.start < last) continue;
        out.push(m);
        last = m.end;
      }
      return out;
    },
  };
}
