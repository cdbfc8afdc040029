/**
 * `number-date` kind: GB/T 15835-2011 出版物上数字用法, for dates in running text.
 *   zero     — 二0二一年 / 二O二一年 / 二零二一年: a Chinese-numeral year writes zero as 〇 (fix)
 *   short    — 21年3月: the year is written in full (2021年3月)
 *   dotted   — 2021.1.29 / 2021/1/29 in running text: 2021年1月29日 (fix)
 *   fullwidth — ２０２１年: digits are half-width (fix)
 * Table cells are not read (dates in tables may use the compact forms).
 */
import type { CheckKind, Draft, ProseRun, Report } from '../types.js';
import { emit, proseRuns, type Hit } from './language-util.js';

const CN = '一二三四五六七八九';
// ○ (U+25CB) is left alone: GB2312-era official texts (the Constitution's 一八四○年) use it
export const ZERO_RE = new RegExp(`(?<![${CN}〇零0OoΟ○])([${CN}〇零0OoΟ]{4})年`, 'g');
export const SHORT_RE = /(?<![\d.\-/年第满为期过近逾约共有至和、~～—－])(\d{2})年(1[0-2]|0?[1-9])月(?!份?以[上下内])/g;
const DOTTED_RE = /(?<![\d.\/\-A-Za-z])((?:19|20)\d{2})([./])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d.\/A-Za-z])/g;
const FULLWIDTH_RE = /[０-９]{2,4}(?=年|月|日)/g;

// ZERO_RE and SHORT_RE tried at one position (sticky). Every match of either has its 年 a fixed
// number of characters after its start (4, 2), and no match holds a second 年, so trying them
// only there finds the same matches as scanning: a scan tries their lookbehind at every
// character of every paragraph, which was most of the rule's time.
const ZERO_AT = new RegExp(ZERO_RE.source, 'y');
const SHORT_AT = new RegExp(SHORT_RE.source, 'y');

/** Matches of a sticky pattern tried `before` characters ahead of each 年 of the text. */
export function* beforeYear(text: string, re: RegExp, before: number): Generator<RegExpExecArray> {
  for (let j = text.indexOf('年', before); j >= 0; j = text.indexOf('年', j + 1)) {
    re.lastIndex = j - before;
    const m = re.exec(text);
    if (m) yield m;
  }
}

export function findNumberDates(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of beforeYear(text, ZERO_AT, 4)) {
    const y = m[1]!;
    if (!/[一二三四五六七八九]/.test(y) || !/[0OoΟ零]/.test(y)) continue;
    const expected = y.replace(/[0OoΟ零]/g, '〇');
    hits.push({ start: m.index, end: m.index + y.length + 1, messageId: 'zero', data: { actual: y + '年', expected: expected + '年' }, fix: { start: m.index, end: m.index + y.length, text: expected } });
  }
  for (const m of beforeYear(text, SHORT_AT, 2)) {
    hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'short', data: { actual: m[0], expected: `20${m[1]}年${Number(m[2])}月` } });
  }
  let m: RegExpExecArray | null;
  // a dotted date has a . or a / (most text has neither)
  if (text.includes('.') || text.includes('/')) {
    DOTTED_RE.lastIndex = 0;
    while ((m = DOTTED_RE.exec(text))) {
      const expected = `${m[1]}年${Number(m[3])}月${Number(m[4])}日`;
      hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'dotted', data: { actual: m[0], expected }, fix: { start: m.index, end: m.index + m[0].length, text: expected } });
    }
  }
  FULLWIDTH_RE.lastIndex = 0;
  while ((m = FULLWIDTH_RE.exec(text))) {
    const expected = m[0].replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    hits.push({ start: m.index, end: m.index + m[0].length, messageId: 'fullwidth', data: { actual: m[0], expected }, fix: { start: m.index, end: m.index + m[0].length, text: expected } });
  }
  return hits.sort((a, b) => a.start - b.start);
}

const ARABIC_DATE_RE = /(?<!\d)(?:19|20)\d{2}年(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])日)?/g;
const CHINESE_DATE_RE = /[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?/g;

/** Full dates of one kind in a run, outside 《》 (a cited title keeps its own form). */
function datesIn(text: string, re: RegExp): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(0, m.index);
    if (before.lastIndexOf('《') > before.lastIndexOf('》')) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * GB/T 15835 asks for one form of dates within a text. With `consistency: true`, when a draft
 * writes full dates both in Arabic (2021年1月29日) and in Chinese numerals (二〇二一年一月二十九日),
 * the less used form is reported (on a tie, the Chinese-numeral one: Arabic is the general form).
 * Off by default: published laws legitimately mix them (Arabic in the 题注, Chinese numerals in
 * the text), and precision comes first.
 */
function mixedDates(draft: Draft, runs: readonly ProseRun[], report: (r: Report) => void): void {
  const arabic = runs.map((run) => ({ run, hits: datesIn(run.text, ARABIC_DATE_RE) }));
  const chinese = runs.map((run) => ({ run, hits: datesIn(run.text, CHINESE_DATE_RE) }));
  const na = arabic.reduce((n, x) => n + x.hits.length, 0);
  const nc = chinese.reduce((n, x) => n + x.hits.length, 0);
  if (!na || !nc) return;
  const [minority, majorityForm] = nc <= na ? [chinese, '阿拉伯数字（如 2021年1月29日）'] : [arabic, '汉字数字（如 二〇二一年一月二十九日）'];
  for (const { run, hits } of minority)
    emit(
      draft,
      run,
      hits.map((h) => ({ ...h, messageId: 'mixed', data: { actual: run.text.slice(h.start, h.end), majority: majorityForm } })),
      report,
    );
}

const kind: CheckKind = {
  id: 'number-date',
  validateOptions(o) {
    return o.consistency === undefined || typeof o.consistency === 'boolean' ? [] : ['`consistency` must be true or false'];
  },
  create(_rule, options) {
    return {
      run(draft: Draft, report) {
        const runs = proseRuns(draft, ['title', 'heading', 'paragraph']);
        for (const run of runs) emit(draft, run, findNumberDates(run.text), report);
        if (options.consistency === true) mixedDates(draft, runs, report);
      },
    };
  },
};
export default kind;
