/**
 * `punctuation` kind (GB/T 15834-2011 标点符号用法). One rule per sub-check, chosen by
 * `options.check`:
 *   half-width — ASCII , . : ; ? ! ( ) used in Chinese text (fix: full width)
 *   doubled    — the same mark twice (。。 ，，)
 *   unbalanced — a paired mark (“” ‘’ 《》 （） 【】 〔〕) opened or closed alone in a paragraph
 *   ellipsis   — ... / 。。。 / a single … instead of ……
 *   dash       — -- / －－ / ―― / ── instead of ——
 *   space      — a stray space between two Chinese characters
 * Numbers (3.14, 8:30), URLs, code and English sentences are left alone: URLs and code are
 * U+FFFC in a run's text, and a mark counts only when Chinese text is next to it.
 */
import type { CheckKind, Draft } from '../types.js';
import { emit, isCJK, isCJKOrPunct, proseRuns, segmenter, type Hit } from './language-util.js';
import { lexiconReadAhead } from './lexicon.js';

const FULL: Record<string, string> = { ',': '，', ';': '；', '?': '？', '!': '！', ':': '：', '.': '。', '(': '（', ')': '）' };
const isDigit = (c: string | undefined) => !!c && /[0-9０-９]/.test(c);
const isLatin = (c: string | undefined) => !!c && /[A-Za-z]/.test(c);

function prevNonSpace(text: string, i: number): { ch: string | undefined; at: number } {
  let j = i - 1;
  while (j >= 0 && text[j] === ' ') j--;
  return { ch: text[j], at: j };
}
function nextNonSpace(text: string, i: number): { ch: string | undefined; at: number } {
  let j = i + 1;
  while (j < text.length && text[j] === ' ') j++;
  return { ch: text[j], at: j };
}

// ---------------------------------------------------------------- half-width
export function findHalfWidth(text: string): Hit[] {
  const hits: Hit[] = [];
  if (!/[\u3400-\u9fff]/.test(text)) return hits;
  let handled: Set<number> | null = null; // closing parens already judged with their opening one (made on first use)
  // jump from one ASCII mark to the next: stepping through every character (one string per
  // Chinese character) cost far more than the checks themselves
  const marks = /[,;?!:.()]/g;
  for (let m = marks.exec(text); m; m = marks.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (handled?.has(i)) continue;
    const prev = text[i - 1];
    const next = text[i + 1];
    const p = prevNonSpace(text, i);
    const n = nextNonSpace(text, i);
    if (c === '(') {
      // find the closing paren on the same run, before another '('
      let j = i + 1;
      while (j < text.length && j - i <= 80 && !'()（）\n'.includes(text[j]!)) j++;
      if (text[j] === '）') {
        // (一） — a mixed pair: widen the opening one
        if (isCJKOrPunct(prev) || isCJK(next) || /[\u3400-\u9fff]/.test(text.slice(i + 1, j)))
          hits.push({ start: i, end: i + 1, data: { actual: '(', expected: '（' }, fix: { start: i, end: i + 1, text: '（' } });
        continue;
      }
      if (text[j] !== ')') continue;
      (handled ??= new Set()).add(j);
      const inner = text.slice(i + 1, j);
      // Chinese inside only: a date, number, English or pinyin in ASCII brackets next to Chinese
      // (条例(2017-10-09), (1), (GDP), 盤(pán)) is a common accepted form; a link or code
      // inside (U+FFFC) is left alone
      if (!/[\u3007\u3400-\u9fff]/.test(inner) || inner.includes('\ufffc')) continue;
      hits.push({ start: i, end: j + 1, data: { actual: `(${inner})`, expected: `（${inner}）` }, fix: { start: i, end: j + 1, text: `（${inner}）` } });
      continue;
    }
    if (c === ')') {
      // （廊) — a mixed pair: widen the closing one
      const open = text.lastIndexOf('（', i);
      if (open >= 0 && i - open <= 80 && !/[()（）]/.test(text.slice(open + 1, i)))
        hits.push({ start: i, end: i + 1, data: { actual: ')', expected: '）' }, fix: { start: i, end: i + 1, text: '）' } });
      continue;
    }
    if (isDigit(prev) && isDigit(next)) continue; // 1,000  3.14  8:30
    if (c === '.') {
      // only a sentence end: Chinese before, nothing / space / Chinese after, not an ellipsis
      if (prev === '.' || next === '.') continue;
      if (!isCJK(prev) || !(next === undefined || next === ' ' || next === '\n' || isCJK(next))) continue;
    } else if (c === ':') {
      if (!isCJK(p.ch)) continue;
      if (next === '/' ) continue; // scheme-like
    } else {
      if (!(isCJK(p.ch) || isCJK(n.ch))) continue;
      if (isLatin(p.ch) && isLatin(n.ch)) continue;
      if ((c === '?' || c === '!') && (text[i + 1] === c || text[i - 1] === c)) {
        // ?? / !! — report once with the run
      }
    }
    // swallow spaces after the mark when Chinese follows (通知, 各单位 → 通知，各单位)
    let end = i + 1;
    if (isCJK(n.ch) && n.at > i + 1) end = n.at;
    hits.push({ start: i, end: i + 1, data: { actual: c, expected: FULL[c]! }, fix: { start: i, end, text: FULL[c]! } });
  }
  return hits;
}

/** The mark a half-width hit is about: the mark itself, `()` for a pair, '' for a mixed pair. */
function markOf(h: Hit): string {
  const a = String(h.data?.actual ?? '');
  if (a.length > 1) return '()';
  return a === '(' || a === ')' ? '' : a;
}
const FULL_OF: Record<string, string> = { ',': '，', ';': '；', ':': '：', '.': '。', '?': '？', '!': '！', '()': '（' };

/**
 * House style: a draft that writes a mark half-width at least `minUses` times and at least as
 * often as its full-width form (published laws with (一)(二) or , throughout) follows its own
 * convention for that mark; those hits are dropped. A half-width mark in a draft that otherwise
 * writes it full width (a slip) and a pair whose halves differ ((一）) are always kept.
 * `texts` are the draft's runs, `hits` the findHalfWidth hits of each.
 */
export function dropHouseStyle(texts: readonly string[], hits: Hit[][], minUses = 3): Hit[][] {
  if (!(minUses > 0)) return hits;
  const half = new Map<string, number>();
  for (const hs of hits)
    for (const h of hs) {
      const mark = markOf(h);
      if (mark) half.set(mark, (half.get(mark) ?? 0) + 1);
    }
  const quiet = new Set<string>();
  for (const [mark, n] of half) {
    if (n < minUses) continue;
    let full = 0;
    for (const t of texts) full += t.split(FULL_OF[mark]!).length - 1;
    if (n >= full) quiet.add(mark);
  }
  return quiet.size ? hits.map((hs) => hs.filter((h) => !quiet.has(markOf(h)))) : hits;
}

// ---------------------------------------------------------------- doubled
export function findDoubled(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = /([，、；：？！。])\1+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] === '。' && m[0].length >= 3) continue; // 。。。 is an ellipsis error
    hits.push({ start: m.index, end: m.index + m[0].length, data: { actual: m[0], expected: m[1]! }, fix: { start: m.index + 1, end: m.index + m[0].length, text: '' } });
  }
  return hits;
}

// ---------------------------------------------------------------- unbalanced
const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['（', '）'],
  ['【', '】'],
  ['〔', '〕'],
  ['〈', '〉'],
];
/** mark → index of its pair in PAIRS; half-width ( ) belong to （） (see unmatched) */
const PAIR_OF = new Map<string, number>([
  ...PAIRS.flatMap(([open, close], k): Array<[string, number]> => [
    [open, k],
    [close, k],
  ]),
  ['(', PAIRS.findIndex(([open]) => open === '（')],
  [')', PAIRS.findIndex(([open]) => open === '（')],
]);
interface Mark {
  at: number;
  mark: string;
  open: boolean;
  pair: string;
}
/**
 * The last line of a 题注 (the note under a law's title: （2001年…通过　2018年…第三次修正）, one
 * line per adoption or amendment) closes a parenthesis opened lines above, often farther than
 * a wrapped note reaches or lost in conversion: a paragraph that ends in 通过/修正/修订/批准/
 * 发布/印发/公布/施行/实施/生效 and a lone ） is not reported.
 */
const TITLE_NOTE_END = /(?:通过|修正|修订|批准|发布|印发|公布|施行|实施|生效)[。\s]*）\s*$/;
/**
 * Every paired mark, and the half-width ( ) that close a full-width pair: one scan jumps from
 * mark to mark (a pass per pair, and a test per pair for whether it occurs at all, read every
 * character of every paragraph fourteen times).
 */
const PAIR_MARKS = /[“”‘’《》（）【】〔〕〈〉()]/g;
/** Unmatched paired marks of one text, in order (independent stack per pair type). */
function unmatched(text: string): Mark[] {
  const out: Mark[] = [];
  let stacks: number[][] | null = null; // one per pair, made at the first mark (most paragraphs have none)
  // half-width ( ) count only in a text that has （ or ） (asked at the first one)
  let wide: boolean | undefined;
  PAIR_MARKS.lastIndex = 0;
  for (let m = PAIR_MARKS.exec(text); m; m = PAIR_MARKS.exec(text)) {
    const i = m.index;
    const c = m[0];
    if ((c === '(' || c === ')') && !(wide ??= text.includes('（') || text.includes('）'))) continue;
    const k = PAIR_OF.get(c)!;
    const open = PAIRS[k]![0];
    const close = PAIRS[k]![1];
    stacks ??= PAIRS.map(() => []);
    const stack = stacks[k]!;
    // half-width ( ) close a full-width pair: (一） is reported by half-width
    if (c === open || c === '(') stack.push(i);
    else if (stack.length) stack.pop();
    else if (c === ')') continue;
    else {
      if (close === '’' && isLatin(text[i - 1])) continue; // apostrophe: don’t
      if (close === '）' && /^\s*(?:[0-9a-zA-Z]{1,3}|[一二三四五六七八九十]{1,3})）$/.test(text.slice(0, i + 1))) continue; // 1）numbering
      out.push({ at: i, mark: close, open: false, pair: open + close });
    }
  }
  if (!stacks) return out;
  for (let k = 0; k < PAIRS.length; k++) {
    const [open, close] = PAIRS[k]!;
    for (const at of stacks[k]!) if (text[at] === open) out.push({ at, mark: open, open: true, pair: open + close });
  }
  return out.sort((a, b) => a.at - b.at);
}

const NONE = new Set<number>(); // shared by texts without marks, never added to

/**
 * Paired marks opened or closed alone, over the paragraphs of a draft (texts in order).
 * - A quotation running over several paragraphs opens each paragraph with “ and closes only
 *   the last one (GB/T 15834 4.1.3.4): an unclosed “ is fine when the next paragraph starts
 *   with “, and so is a paragraph that starts with “ … and closes it in a later paragraph.
 * - A pair split over up to three consecutive paragraphs (a wrapped note in parentheses) is
 *   matched across them rather than reported twice; a quotation may span up to forty
 *   paragraphs (an amended article quoted with its list items).
 */
export function findUnbalancedAcross(texts: readonly string[]): Hit[][] {
  const marks = texts.map(unmatched);
  // marks dropped, per text (only texts with marks get a set of their own: nothing is added to NONE)
  const drop = marks.map((ms) => (ms.length ? new Set<number>() : NONE));
  for (let k = 0; k < texts.length; k++) {
    for (const m of marks[k]!) {
      if (!m.open || drop[k]!.has(m.at)) continue;
      if (m.mark === '“' && /^\s*“/.test(texts[k + 1] ?? '')) {
        drop[k]!.add(m.at);
        continue;
      }
      if (m.mark === '‘' && /^\s*[“‘]/.test(texts[k + 1] ?? '')) {
        drop[k]!.add(m.at);
        continue;
      }
      // a closer of the same pair in one of the next paragraphs (three; a quotation may run
      // over a whole amended article with its list items: forty)
      const reach = m.mark === '“' || m.mark === '‘' ? 40 : 3;
      for (let q = k + 1; q <= k + reach && q < texts.length; q++) {
        const c = marks[q]!.find((x) => !x.open && x.pair === m.pair && !drop[q]!.has(x.at));
        if (c) {
          drop[k]!.add(m.at);
          drop[q]!.add(c.at);
          break;
        }
      }
    }
  }
  return marks.map((ms, k) =>
    ms.length === 0
      ? [] // most paragraphs: no chain of three arrays for nothing
      : ms
          .filter((m) => !drop[k]!.has(m.at))
          .filter((m) => !(m.mark === '）' && m.at === texts[k]!.trimEnd().length - 1 && TITLE_NOTE_END.test(texts[k]!)))
          .map((m) => ({ start: m.at, end: m.at + 1, messageId: m.open ? 'open' : 'close', data: { mark: m.mark, pair: m.pair } })),
  );
}

/** One paragraph alone (`nextText`: the paragraph after it, for multi-paragraph quotations). */
export function findUnbalanced(text: string, nextText = ''): Hit[] {
  return findUnbalancedAcross(nextText ? [text, nextText] : [text])[0]!;
}

// ---------------------------------------------------------------- ellipsis
export function findEllipsis(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = /\.{3,}|。{3,}|·{3,}|…+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const s = m[0];
    if (s[0] === '…' && s.length % 2 === 0) continue; // …… (or ………… for omitted paragraphs)
    if (s[0] === '.' || s[0] === '·') {
      const prev = text[m.index - 1];
      const next = text[m.index + s.length];
      if (!isCJKOrPunct(prev) && !isCJKOrPunct(next)) continue; // English text
    }
    if (s[0] === '…' && s.length > 2) continue; // ………… variants: leave to the editor
    hits.push({ start: m.index, end: m.index + s.length, data: { actual: s, expected: '……' }, fix: { start: m.index, end: m.index + s.length, text: '……' } });
  }
  return hits;
}

// ---------------------------------------------------------------- dash
export function findDash(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = /-{2,}|－{2,}|―{1,2}|─{2}|—{3,}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (!isCJKOrPunct(prev) && !isCJKOrPunct(next)) continue;
    if (m[0][0] === '-' && (prev === '-' || next === '-' || prev === '<' || next === '>')) continue;
    hits.push({ start: m.index, end: m.index + m[0].length, data: { actual: m[0], expected: '——' }, fix: { start: m.index, end: m.index + m[0].length, text: '——' } });
  }
  return hits;
}

// ---------------------------------------------------------------- stray space
/**
 * A space between two Chinese characters that splits a word (事故预 警, 加强 管理工作 → the
 * segmenter reads a word across the gap once it is closed). Spaces that separate items are
 * customary and stay: 第一章 总则, 第三条 …, 2009年2月28日 第十一届…, two issuers
 * (最高人民法院 最高人民检察院), and letter-spaced short headings (总 则, 附　则).
 */
const SPACE_OK_BEFORE = /(?:第[〇零一二三四五六七八九十百千\d]+[编章节条款项]|附件[\d一二三四五六七八九十]*|[\d〇零一二三四五六七八九十]+日)$/;
export function findSpaces(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = /[ \u3000]+/g;
  // a letter-spaced heading, (第X章) 总 则, has no finding: asked only once a space has passed
  // the cheap tests below (most paragraphs have none, and these two regexes cost more than they do)
  let letterSpaced: boolean | undefined;
  const isLetterSpaced = () => {
    const bare = text.replace(/^\s*(?:第[〇零一二三四五六七八九十百千\d]+[编章节条]|[一二三四五六七八九十]+、)\s*/, '');
    return /^(?:[\u3400-\u9fff][ \u3000]+){1,4}[\u3400-\u9fff]\s*$/.test(bare);
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const a = m.index;
    const b = a + m[0].length;
    if (!isCJK(text.charAt(a - 1)) || !isCJK(text.charAt(b))) continue; // charAt: '' past either end
    if (SPACE_OK_BEFORE.test(text.slice(Math.max(0, a - 12), a))) continue;
    // letter-spacing (书 记 员): single characters separated by spaces on both sides
    if (/[ \u3000]/.test(text.charAt(a - 2)) || /[ \u3000]/.test(text.charAt(b + 1))) continue;
    if ((letterSpaced ??= isLetterSpaced())) return hits; // (nothing pushed yet when first asked)
    // close the gap and see whether a word of two or more characters now spans it
    let l = a;
    while (l > 0 && isCJK(text.charAt(l - 1)) && a - l < 8) l--;
    let r = b;
    while (r < text.length && isCJK(text.charAt(r)) && r - b < 8) r++;
    const joined = text.slice(l, a) + text.slice(b, r);
    const gap = a - l;
    const words = segmenter().cut(joined, false);
    let pos = 0;
    let spans = false;
    for (const w of words) {
      if (pos < gap && pos + w.length > gap && w.length >= 2) spans = true;
      pos += w.length;
    }
    if (!spans) continue;
    hits.push({ start: a - 1, end: b + 1, data: { before: text[a - 1]!, after: text[b]! }, fix: { start: a, end: b, text: '' } });
  }
  return hits;
}

// ---------------------------------------------------------------- kind
type Sub = 'half-width' | 'doubled' | 'unbalanced' | 'ellipsis' | 'dash' | 'space';
const SUBS: Sub[] = ['half-width', 'doubled', 'unbalanced', 'ellipsis', 'dash', 'space'];
const FNS: Record<Exclude<Sub, 'unbalanced'>, (t: string) => Hit[]> = {
  'half-width': findHalfWidth,
  doubled: findDoubled,
  ellipsis: findEllipsis,
  dash: findDash,
  space: findSpaces,
};

const kind: CheckKind = {
  id: 'punctuation',
  validateOptions(o) {
    return SUBS.includes(o.check as Sub) ? [] : [`options.check must be one of ${SUBS.join(', ')}`];
  },
  create(_rule, options) {
    const check = options.check as Sub;
    return {
      // the space check segments around a space with the jieba lexicon (findSpaces)
      ...(check === 'space' ? { readAhead: lexiconReadAhead } : {}),
      run(draft: Draft, report) {
        // table cells hold names, figures and codes laid out with spaces: the space check skips them
        const runs = proseRuns(draft, check === 'space' ? ['title', 'heading', 'paragraph'] : undefined);
        if (check === 'unbalanced') {
          // paragraphs are read together (quotations over several paragraphs); other runs alone
          const paras = runs.filter((r) => r.scope === 'paragraph');
          const across = findUnbalancedAcross(paras.map((r) => r.text));
          paras.forEach((run, k) => emit(draft, run, across[k]!, report));
          for (const run of runs) if (run.scope !== 'paragraph') emit(draft, run, findUnbalancedAcross([run.text])[0]!, report);
          return;
        }
        if (check === 'half-width') {
          const hits = dropHouseStyle(runs.map((r) => r.text), runs.map((r) => findHalfWidth(r.text)), (options.houseStyleMin as number | undefined) ?? 3);
          runs.forEach((run, k) => emit(draft, run, hits[k]!, report));
          return;
        }
        for (const run of runs) emit(draft, run, FNS[check](run.text), report);
      },
    };
  },
};
export default kind;
