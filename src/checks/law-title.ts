/**
 * `law-title` kind: names of laws, regulations and documents cited in the body without 书名号
 * (GB/T 15834 4.15: 书名号 marks the titles of laws, regulations and documents).
 * Titles come from a list (options.list, default dictionaries/law-titles.txt) plus config
 * `lawTitles`. Not reported: a title inside 《》/〈〉, a title that is only the start of a longer
 * one (…法实施条例, …修正案), a legislative cross-reference (…条例第七十二条), and titles in the
 * draft's own title or headings.
 */
import path from 'node:path';
import type { CheckKind, Draft } from '../types.js';
import { emit, proseRuns, type Hit } from './language-util.js';
import { adjustMatcher, listSuffixMatcher, type Matcher } from './util/matcher.js';

/** Ranges [start, end) of text inside 《…》 (nesting 〈〉 included). */
function bookSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《' || text[i] === '〈') stack.push(i);
    else if ((text[i] === '》' || text[i] === '〉') && stack.length) spans.push([stack.pop()!, i + 1]);
  }
  // an unclosed 《 shields the rest of the text
  for (const s of stack) spans.push([s, text.length]);
  return spans;
}

const CONTINUES = /^(?:实施条例|实施细则|实施办法|修正案|的决定|若干|（|\(|〉|》)/;

export function findLawTitles(text: string, matcher: Matcher): Hit[] {
  const hits: Hit[] = [];
  const found = matcher.find(text);
  if (!found.length) return hits;
  const spans = bookSpans(text);
  for (const m of found) {
    if (spans.some(([s, e]) => s < m.end && m.start < e)) continue;
    if (CONTINUES.test(text.slice(m.end, m.end + 4))) continue;
    // legislative cross-references (依照医疗器械监督管理条例第七十二条) follow the drafting
    // convention of the laws themselves: not reported
    if (/^第[一二三四五六七八九十百千零〇\d]+[条章节款项]/.test(text.slice(m.end, m.end + 12))) continue;
    if (/[“"‘]/.test(text[m.start - 1] ?? '') && /[”"’]/.test(text[m.end] ?? '')) continue; // quoted as a term
    hits.push({
      start: m.start,
      end: m.end,
      data: { actual: m.word, expected: `《${m.word}》` },
      suggestions: [{ start: m.start, end: m.end, text: `《${m.word}》`, desc: `→《${m.word}》` }],
    });
  }
  return hits;
}

const kind: CheckKind = {
  id: 'law-title',
  validateOptions(o) {
    return o.list === undefined || typeof o.list === 'string' ? [] : ['options.list must be a dictionary file name'];
  },
  create(_rule, options, ctx) {
    let matcher: Matcher | null = null;
    return {
      run(draft: Draft, report) {
        if (!matcher) {
          const file = path.join(ctx.packageRoot, 'dictionaries', (options.list as string) ?? 'law-titles.txt');
          const extra = Array.isArray(ctx.config.lawTitles) ? (ctx.config.lawTitles as unknown[]).map(String) : [];
          const words = new Set(ctx.config.words ?? []);
          // titles end in a handful of characters (知/见/例/定/法…): a suffix index, compiled once
          // into dist/.compiled (an automaton over the ~3,200 titles took ~75 ms of every run's
          // start-up, the index built at start-up 20-30 ms)
          matcher = adjustMatcher(listSuffixMatcher(file), extra.filter(Boolean), words);
        }
        for (const run of proseRuns(draft, ['paragraph', 'tableCell'])) emit(draft, run, findLawTitles(run.text, matcher), report);
      },
    };
  },
};
export default kind;
