/**
 * `political` kind: standard political and geographic expressions (表述错误). Two sources:
 *  - a wrong<TAB>right<TAB>reason list (options.list, default dictionaries/political.tsv):
 *    台湾总统→台湾地区领导人, 香港政府→香港特别行政区政府, 全国政协委员会→全国政协 …
 *  - patterns that need context: Taiwan, Hong Kong or Macao listed among 国家 (…、台湾等国家;
 *    台湾、香港等国家和地区 with no country in the list), 人大主任 for 人大常委会主任,
 *    政协主任 for 政协主席.
 * Message data: actual, expected, reason, entry (list file:line or the pattern name).
 */
import path from 'node:path';
import type { CheckKind, Draft } from '../types.js';
import { addPatternHits, emit, proseRuns, readList, tokenize, type Hit } from './language-util.js';
import { lexiconReadAhead } from './lexicon.js';
import { listSuffixMatcher, type Matcher } from './util/matcher.js';

const REGION = '(?:中国)?(?:台湾|香港|澳门)(?:地区)?';
const PATTERNS: Array<{ re: RegExp; expected: (m: RegExpExecArray) => string; reason: string; name: string; target?: number }> = [
  {
    // 美国、日本、台湾等国家 (not followed by 和地区/或地区)
    re: new RegExp(`${REGION}(?:、[\\u4e00-\\u9fa5]{1,8}){0,8}等(?:[\\d一二三四五六七八九十几多]+个)?(国家)(?![和或及与]地区|（地区）|\\(地区\\))`, 'g'),
    expected: (m) => m[0].replace(/国家$/, '国家和地区'),
    reason: '台湾、香港、澳门是中国的一部分，不能与国家并列称“国家”，应称“国家和地区”',
    name: 'region-as-country',
  },
  {
    // 台湾、香港等国家和地区: only regions of China in the list
    re: new RegExp(`(?<![\\u4e00-\\u9fa5、])${REGION}(?:、${REGION})*等国家[和或及与]地区`, 'g'),
    expected: (m) => m[0].replace(/等国家[和或及与]地区$/, '等地区'),
    reason: '所列只有中国的地区，不能称“国家和地区”',
    name: 'regions-only',
  },
  {
    re: /(?<!常委会|常务委员会)人大(副?)主任/g,
    expected: (m) => `人大常委会${m[1]}主任`,
    reason: '人民代表大会不设主任，主任是人大常委会的职务：应为“人大常委会主任”',
    name: 'npc-director',
  },
  {
    re: /政协(副?)主任(?!委员|医师|科员)/g,
    expected: (m) => `政协${m[1]}主席`,
    reason: '政协的负责人称“主席”，不称“主任”',
    name: 'cppcc-chair',
  },
];

const PATTERN_HINT = /台湾|香港|澳门|主任/;

export interface PoliticalEntry {
  wrong: string;
  right: string;
  reason: string;
  entry: string;
}

export function findPolitical(text: string, entries: Map<string, PoliticalEntry>, matcher: Matcher): Hit[] {
  const hits: Hit[] = [];
  const found = matcher.find(text);
  const seg = found.length ? tokenize(text) : null;
  for (const m of found) {
    const e = entries.get(m.word)!;
    // a hit must not cut a word (收回教师 is not 回教)
    if (!seg!.bounds.has(m.start) || !seg!.bounds.has(m.end)) continue;
    // 原澳门政府: the former (pre-1999) administration, a historical name
    if (text[m.start - 1] === '原') continue;
    hits.push({ start: m.start, end: m.end, data: { actual: e.wrong, expected: e.right, reason: e.reason, entry: e.entry } });
  }
  // every pattern needs 台湾/香港/澳门 or 主任: most runs have neither
  if (PATTERN_HINT.test(text)) addPatternHits(text, PATTERNS, hits, (p, m) => ({ data: { actual: m[0], expected: p.expected(m), reason: p.reason, entry: `pattern:${p.name}` } }));
  return hits.sort((a, b) => a.start - b.start);
}

const kind: CheckKind = {
  id: 'political',
  validateOptions(o) {
    return o.list === undefined || typeof o.list === 'string' ? [] : ['options.list must be a dictionary file name'];
  },
  create(_rule, options, ctx) {
    let entries: Map<string, PoliticalEntry> | null = null;
    let matcher: Matcher | null = null;
    return {
      // a hit is checked against the words around it (jieba lexicon)
      readAhead: () => lexiconReadAhead(),
      run(draft: Draft, report) {
        if (!entries) {
          const name = (options.list as string) ?? 'political.tsv';
          const file = path.join(ctx.packageRoot, 'dictionaries', name);
          const list = readList(file);
          entries = new Map();
          for (const e of list.entries) {
            const [wrong, right, reason] = e.fields;
            if (wrong) entries.set(wrong, { wrong, right: right ?? '', reason: reason ?? '', entry: `${name}:${e.line}` });
          }
          // a few dozen words: looked up where one of their last characters occurs (see
          // buildSuffixMatcher), with the tables compiled once into dist/.compiled
          matcher = listSuffixMatcher(file);
        }
        for (const run of proseRuns(draft)) emit(draft, run, findPolitical(run.text, entries, matcher!), report);
      },
    };
  },
};
export default kind;
