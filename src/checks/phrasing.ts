/**
 * `phrasing` kind: 病句 heuristics. One rule per sub-check, chosen by `options.check`:
 *   repeat            — a word or character written twice by mistake (的的, 进一步进一步)
 *   redundancy        — semantic redundancy (大约…左右, 超过…以上, and the redundancy list)
 *   double-negation   — 防止/避免/切忌 … 不再/不要 (the negation turns the meaning round)
 *   missing-subject   — 通过/经过/在…下 opening, then ，使/让/令 with no subject
 *   mixed-construction — 原因是…造成的/所致, 关键在于…是前提
 *   long-sentence     — a sentence longer than `max` characters
 * Every sub-check is a pure function over a run's text (exported for unit tests).
 */
import path from 'node:path';
import type { CheckKind, Draft, ProseRun } from '../types.js';
import { emit, isCJK, isCJKCode, proseRuns, readList, segmenter, sentences, tokenize, type Hit } from './language-util.js';
import { lexiconReadAhead } from './lexicon.js';

/** Characters that are never legitimately doubled (的的, 了了 outside 不了了之, 在在…). */
const FUNCTION_CHARS = new Set([...'的了地得和与及在是对把被将为于从向并或而但也都就要会能可这那其之所按由已让使给到不我你他她它们着过吗呢吧啊']);
const NUMERAL = /^[\d〇零一二三四五六七八九十百千万亿两.]+$/;
const PUNCT_OR_SPACE = /[\s\p{P}\p{S}\ufffc]/u;

// ---------------------------------------------------------------- repeat
/** The token whose start is the last at or before `at` (tokens are in order and do not overlap). */
function tokenAt<T extends { start: number }>(tokens: T[], at: number): T | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start <= at) {
      found = tokens[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Adjacent repeats of a unit of 1–4 characters. Reported only when the unit starts and the
 * repeat starts on word boundaries of the segmenter, the unit is not a legitimate
 * reduplication (list), and the repeat is not part of an AABB form (认认真真, 的的确确) or
 * of a longer lexicalised word (天天向上, 不了了之, 是是非非).
 */
export function findRepeats(text: string, legit: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  if (!/[\u3400-\u9fff]/.test(text)) return hits;
  const state: RepeatState = { text, legit, seg: null };
  const n = text.length;
  // This loop runs over every character of every paragraph: code units, not strings, and the
  // units at i … i + 4 (-1 past the end) slide along in locals, one read per character. The rarely
  // reached judgement of a candidate is a function of its own (repeatAt), so that V8 optimises
  // this loop once instead of again at each first visit of one of its branches.
  let c0 = codeAt(text, 0);
  let c1 = codeAt(text, 1);
  let c2 = codeAt(text, 2);
  let c3 = codeAt(text, 3);
  let c4 = codeAt(text, 4);
  for (let i = 0; i < n; ) {
    let step = 1;
    // a unit of k characters repeats only where the character k on equals this one
    if (isCJKCode(c0) && (c1 === c0 || c2 === c0 || c3 === c0 || c4 === c0)) {
      for (let k = 4; k >= 1; k--) {
        if (i + 2 * k > n || text.charCodeAt(i + k) !== c0) continue;
        let same = true;
        for (let j = 1; j < k && same; j++) same = text.charCodeAt(i + j) === text.charCodeAt(i + k + j);
        if (!same) continue;
        const hit = repeatAt(state, i, k);
        if (!hit) continue;
        hits.push(hit);
        step = 2 * k;
        break;
      }
    }
    i += step;
    if (step === 1) {
      c0 = c1;
      c1 = c2;
      c2 = c3;
      c3 = c4;
      c4 = codeAt(text, i + 4);
    } else {
      c0 = codeAt(text, i);
      c1 = codeAt(text, i + 1);
      c2 = codeAt(text, i + 2);
      c3 = codeAt(text, i + 3);
      c4 = codeAt(text, i + 4);
    }
  }
  return hits;
}

interface RepeatState {
  text: string;
  legit: ReadonlySet<string>;
  /** the paragraph's words, cut when a candidate first needs them */
  seg: ReturnType<typeof tokenize> | null;
}

/**
 * text.charCodeAt(j), or -1 past either end: no read past a string's end (V8 drops optimised code
 * at such reads).
 */
function codeAt(text: string, j: number): number {
  return j >= 0 && j < text.length ? text.charCodeAt(j) : -1;
}

/** The finding for text[i, i + k) written twice, or null when the repeat is legitimate. */
function repeatAt(state: RepeatState, i: number, k: number): Hit | null {
  const { text, legit } = state;
  const first = text.charCodeAt(i);
  for (let j = 1; j < k; j++) if (!isCJKCode(text.charCodeAt(i + j))) return null;
  const unit = text.slice(i, i + k);
  if (NUMERAL.test(unit)) return null;
  if (legit.has(unit + unit)) return null;
  // AABB: 认认真真 / 的的确确 / 家家户户
  if (k === 1) {
    const c = codeAt(text, i + 2);
    if (c === codeAt(text, i + 3) && c !== first && isCJKCode(c)) return null;
    const b = codeAt(text, i - 1);
    if (b === codeAt(text, i - 2) && b !== first && isCJKCode(b)) return null;
  }
  const next = codeAt(text, i + 2 * k);
  if (next === 0xff08 || next === 0x28) return null; // 建（构）筑物
  if (k > 1 && (first === 0x7684 || first === 0x4e00)) return null; // 的土地的土地承包经营权, 一个问题一个问题
  // a single character counts only for function characters that never reduplicate (and, below,
  // only when both occurrences are tokens of their own)
  if (k === 1 && !FUNCTION_CHARS.has(unit)) return null;
  // the tests above are cheap and turn down nearly every candidate; the words come next
  const seg = (state.seg ??= tokenize(text));
  if (!seg.bounds.has(i) || !seg.bounds.has(i + k)) return null;
  // a longer unit must also end on a boundary (申请人申请人民法院 = 申请人 申请 人民法院)
  if (k > 1 && !seg.bounds.has(i + 2 * k)) return null;
  // the repeated unit must not sit inside one lexicalised token (天天向上)
  const tok = tokenAt(seg.tokens, i);
  if (tok && tok.end >= i + 2 * k && tok.end - tok.start > k) return null;
  // a two-character word counts only when it is an adverb, conjunction, preposition or
  // pronoun: nouns and verbs are often the same word (专业组织组织利用, 保管保管物)
  if (k === 2) {
    const tags = segmenter().tag(text.slice(i, i + 2 * k + 2), false);
    if (!(tags[0]?.word === unit && /^(d|ad|c|p|r|u)$/.test(tags[0].tag))) return null;
  }
  if (k === 1) {
    const t1 = tokenAt(seg.tokens, i);
    const t2 = tokenAt(seg.tokens, i + 1);
    if (!t1 || !t2 || t1.start !== i || t2.start !== i + 1 || t1.end !== i + 1 || t2.end !== i + 2) return null;
  }
  return {
    start: i,
    end: i + 2 * k,
    data: { actual: unit + unit, expected: unit },
    fix: { start: i + k, end: i + 2 * k, text: '' },
  };
}

// ---------------------------------------------------------------- redundancy
const NUM = '[0-9０-９〇零一二三四五六七八九十百千万亿两几数]';
const UNIT_CHARS = '[^，。；：！？、\\s（）()“”]';
/** `need`: a word every match contains; the expression runs only on text that has it. */
const PAIRED: Array<{ re: RegExp; keep: number; reason: string; need: string }> = [
  // 大约/大概/约 + number … 左右
  {
    re: new RegExp(`(?<![节制条合违预签公契邀特相隐婉简规])(大约|大概|约莫|约)(有|为|是)?${NUM}[^，。；！？、\\n]{0,8}?左右`, 'g'),
    keep: 0,
    reason: '“约”与“左右”都表示估计',
    need: '左右',
  },
  // 超过/多于/高于/大于 + number … 以上
  { re: new RegExp(`(超过|超出|多于|高于|大于)${NUM}+${UNIT_CHARS}{0,6}?以上`, 'g'), keep: 0, reason: '“超过”与“以上”语义重复', need: '以上' },
  // 低于/少于/不足/小于 + number … 以下
  { re: new RegExp(`(低于|少于|不足|小于)${NUM}+${UNIT_CHARS}{0,6}?以下`, 'g'), keep: 0, reason: '“低于”与“以下”语义重复', need: '以下' },
];

export interface RedundantTerm {
  wrong: string;
  right: string;
  reason: string;
  line: number;
}

/** Paired redundancy; `terms` (optional) adds fixed phrases (the rule phrasing/redundant-term reads them by default). */
export function findRedundancy(text: string, terms: readonly RedundantTerm[] = []): Hit[] {
  const hits: Hit[] = [];
  for (const p of PAIRED) {
    if (!text.includes(p.need)) continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'paired', data: { actual: m[0], reason: p.reason } });
    }
  }
  for (const t of terms) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(t.wrong, from);
      if (at < 0) break;
      from = at + t.wrong.length;
      // minimal fix: the common prefix/suffix stay
      let a = 0;
      while (a < t.wrong.length && a < t.right.length && t.wrong[a] === t.right[a]) a++;
      let b = 0;
      while (b < t.wrong.length - a && b < t.right.length - a && t.wrong[t.wrong.length - 1 - b] === t.right[t.right.length - 1 - b]) b++;
      hits.push({
        start: at,
        end: at + t.wrong.length,
        data: { actual: t.wrong, expected: t.right, reason: t.reason },
        suggestions: [{ start: at + a, end: at + t.wrong.length - b, text: t.right.slice(a, t.right.length - b), desc: `→ ${t.right}` }],
      });
    }
  }
  return hits.sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------- double negation
const NEG_TRIGGER = '(防止|避免|切忌|严防|谨防|以免|免得|防范)';
const DOUBLE_NEG = new RegExp(`${NEG_TRIGGER}([^，。；：！？、\\s]{0,8}?)(不再|不要|再不|别再|不会再)`, 'g');
const NEG_BU = new RegExp(`${NEG_TRIGGER}不`, 'g');
/** Every trigger holds 防, 免 or 切忌: text without them has no double negation (most has none). */
const NEG_GATE = /[防免]|切忌/;
export function findDoubleNegation(text: string): Hit[] {
  const hits: Hit[] = [];
  if (!NEG_GATE.test(text)) return hits;
  DOUBLE_NEG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOUBLE_NEG.exec(text))) {
    hits.push({ start: m.index, end: m.index + m[0].length, data: { trigger: m[1]!, negation: m[3]! } });
  }
  // 防止/避免 + a bare 不 + verb (jieba keeps 不法/不必要/不良… as one word)
  NEG_BU.lastIndex = 0;
  while ((m = NEG_BU.exec(text))) {
    const at = m.index;
    if (hits.some((h) => h.start <= at && h.end > at)) continue;
    const clauseEnd = text.slice(at).search(/[，。；：！？]/);
    const clause = text.slice(at, clauseEnd < 0 ? text.length : at + clauseEnd);
    const { tokens } = tokenize(clause);
    const i = tokens.findIndex((t) => t.start === m![1]!.length);
    const next = tokens[i + 1];
    if (i >= 0 && tokens[i]!.word === '不' && next && /^(发生|出现|再|会|能|被)/.test(next.word)) {
      hits.push({ start: at, end: at + next.end, data: { trigger: m[1]!, negation: '不' } });
    }
  }
  return hits.sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------- missing subject
/** Start offsets of sentences and of list items (after 一、 / （一） / 1. numbering). */
function sentenceHeads(text: string): number[] {
  // （一）-style list items are fragments whose subject sits in the lead-in: skipped
  const heads: number[] = [];
  for (const [s] of sentences(text, true)) {
    let i = s;
    while (i < text.length && /[\s\u3000]/.test(text[i]!)) i++;
    const num = /^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．]|第[一二三四五六七八九十百]+[条款项]\s*)/.exec(text.slice(i));
    if (num && /^[（(]/.test(num[0])) continue; // （一）… enumerates acts under a lead-in: its subject is there
    if (num) i += num[0].length;
    heads.push(i);
  }
  return heads;
}
export function findMissingSubject(text: string): Hit[] {
  const hits: Hit[] = [];
  // the pattern below needs ，使 / ，让 / ，令: without one, no sentence needs to be read
  if (!text.includes('，使') && !text.includes('，让') && !text.includes('，令')) return hits;
  for (const h of sentenceHeads(text)) {
    const rest = text.slice(h);
    const m = /^(通过|经过|在[^，。；！？]{1,30}?下)[^，。；！？]{0,40}?，(使得|使|让|令)/.exec(rest);
    if (!m) continue;
    // 在…下 must read as a circumstance (领导下, 帮助下, 支持下, 指导下, 推动下, 努力下…)
    const vAt = h + m[0].length - m[2]!.length;
    const toks = tokenize(text.slice(vAt, vAt + 8)).tokens;
    if (toks[0]?.word !== m[2]) continue; // 使用者, 让渡, 令人…
    if (m[1]!.startsWith('在') && !/(领导|帮助|支持|指导|推动|努力|关心|带领|影响|作用|关怀|组织|协调|配合|督促)下$/.test(m[1]!)) continue;
    const vStart = h + m[0].length - m[2]!.length;
    hits.push({ start: h, end: vStart + m[2]!.length, data: { opener: m[1]!.startsWith('在') ? '在…下' : m[1]!, verb: m[2]! } });
  }
  return hits;
}

// ---------------------------------------------------------------- mixed constructions
const MIXED: Array<{ re: RegExp; a: string; b: string }> = [
  { re: /原因(?:是|在于)([^。；！？]{1,40}?)(造成的|所致|引起的|导致的|造成)(?=[。；！？，]|$)/g, a: '原因是……', b: '……造成的' },
  { re: /关键在于([^，。；！？]{1,30}?)是(关键|前提|基础|根本|核心|重点)/g, a: '关键在于……', b: '……是关键' },
  { re: /是(?:因为|由于)([^。；！？]{1,40}?)的(原因|缘故)(?=[。；！？]|$)/g, a: '是因为……', b: '……的原因' },
];
export function findMixed(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const p of MIXED) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) hits.push({ start: m.index, end: m.index + m[0].length, data: { first: p.a, second: p.b } });
  }
  return hits.sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------- long sentences
export function findLongSentences(text: string, max: number): Hit[] {
  const hits: Hit[] = [];
  for (const [s, e] of sentences(text)) {
    let n = 0;
    for (let i = s; i < e; i++) if (!PUNCT_OR_SPACE.test(text[i]!)) n++;
    if (n > max) {
      let a = s;
      while (a < e && /\s/.test(text[a]!)) a++;
      hits.push({ start: a, end: e, data: { length: n, max } });
    }
  }
  return hits;
}

// ---------------------------------------------------------------- kind
type Sub = 'repeat' | 'redundancy' | 'double-negation' | 'missing-subject' | 'mixed-construction' | 'long-sentence';
const SUBS: Sub[] = ['repeat', 'redundancy', 'double-negation', 'missing-subject', 'mixed-construction', 'long-sentence'];

/** the checks that segment text (jieba lexicon): findRepeats, findDoubleNegation, findMissingSubject */
const SEGMENTING = new Set<Sub>(['repeat', 'double-negation', 'missing-subject']);

const kind: CheckKind = {
  id: 'phrasing',
  validateOptions(o) {
    const p: string[] = [];
    if (!SUBS.includes(o.check as Sub)) p.push(`options.check must be one of ${SUBS.join(', ')}`);
    if (o.max !== undefined && !(typeof o.max === 'number' && o.max > 10)) p.push('options.max must be a number > 10');
    if (o.list !== undefined && typeof o.list !== 'string') p.push('options.list must be a dictionary file name');
    return p;
  },
  create(_rule, options, ctx) {
    const check = options.check as Sub;
    const max = (options.max as number | undefined) ?? 150;
    let legit: Set<string> | null = null;
    let terms: RedundantTerm[] | null = null;
    const dict = (name: string) => path.join(ctx.packageRoot, 'dictionaries', name);
    const words = new Set((ctx.config.words ?? []).map(String));
    const find = (text: string): Hit[] => {
      switch (check) {
        case 'repeat':
          legit ??= new Set([...readList(dict((options.list as string) ?? 'reduplication.txt')).entries.map((e) => e.fields[0]!), ...words]);
          return findRepeats(text, legit);
        case 'redundancy':
          terms ??= (options.list ? readList(dict(options.list as string)).entries : []).map((e) => ({
            wrong: e.fields[0]!,
            right: e.fields[1] ?? '',
            reason: e.fields[2] ?? '',
            line: e.line,
          }));
          return findRedundancy(text, terms);
        case 'double-negation':
          return findDoubleNegation(text);
        case 'missing-subject':
          return findMissingSubject(text);
        case 'mixed-construction':
          return findMixed(text);
        case 'long-sentence':
          return findLongSentences(text, max);
      }
    };
    return {
      // these segment a candidate with the jieba lexicon: the engine reads it ahead, and runs the
      // rule after those that need no such data
      ...(SEGMENTING.has(check) ? { readAhead: lexiconReadAhead } : {}),
      run(draft: Draft, report) {
        const scopes = check === 'long-sentence' || check === 'missing-subject' ? ['paragraph'] : undefined;
        for (const run of proseRuns(draft, scopes) as ProseRun[]) emit(draft, run, find(run.text), report);
      },
    };
  },
};
export default kind;
