import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lint } from '../src/engine/index.js';
import { confusionIndex, loadConfusion, findConfusions } from '../src/checks/typo/confusion.js';
import { halvesMatcher, nameVariants, siteLeaders, variantLookup, variantMatcher } from '../src/checks/typo/severe.js';
import { findSuspects } from '../src/checks/typo/suspect.js';
import { loadLM, scoreSpan, tri32 } from '../src/checks/typo/lm.js';
import { compileSimilar, SIMILAR_FORMAT, similarChars, similarTableOf, wordFreq, boundaryOk } from '../src/checks/typo/data.js';
import { compiledFileOf } from '../src/engine/compiled.js';
import { buildMatcher, buildSuffixMatcher } from '../src/checks/util/matcher.js';
import { loadList } from '../src/engine/dictionaries.js';

const root = path.resolve(import.meta.dirname, '..');
const dict = (n: string) => path.join(root, 'dictionaries', n);
const TYPO = ['typo/confusion', 'typo/severe', 'typo/suspect'];

describe('typo data files', () => {
  it('the confusion list has a provenance header and at least 1,500 entries', () => {
    const l = loadList(dict('typo-confusion.tsv'));
    expect(l.header.source).toMatch(/pycorrector/);
    expect(l.header.license).toMatch(/Apache-2.0/);
    expect(l.header.format).toMatch(/wrong/);
    expect(l.entries.length).toBeGreaterThanOrEqual(1500);
    for (const e of l.entries) expect(e.fields[0]).not.toBe(e.fields[1]);
  });
  it('never lists a correct idiom as the error (upstream line 91: 按部就班)', () => {
    const wrongs = new Set(loadConfusion(dict('typo-confusion.tsv')).map((e) => e.wrong));
    for (const w of ['按部就班', '标识', '完成', '工作', '情況']) expect(wrongs.has(w)).toBe(false);
  });
  it('leaders.txt is dated', () => {
    const l = loadList(dict('leaders.txt'));
    expect(l.header.source).toMatch(/20\d\d-\d\d-\d\d/);
    expect(l.entries.some((e) => e.fields[0] === '习近平')).toBe(true);
  });
  it('the language model loads and prefers real text', () => {
    const lm = loadLM(dict('lm-char.bin'));
    expect(lm.total).toBeGreaterThan(1_000_000);
    expect(lm.bi('规'.charCodeAt(0), '定'.charCodeAt(0))).toBeGreaterThan(1000);
    expect(tri32(1, 2, 3)).toBe(tri32(1, 2, 3));
    const good = '发展大数据产业';
    const bad = '发展大数局产业';
    expect(scoreSpan(lm, good, 4, 7)).toBeGreaterThan(scoreSpan(lm, bad, 4, 7));
  });
  it('seen(a, b) is bi(a, b) > 0 for every pair: Han, other, unknown and astral characters', () => {
    const lm = loadLM(dict('lm-char.bin'));
    const text = readFileSync(path.join(root, 'fixtures', 'clean', '盘县政办发2021-10号通知.md'), 'utf8') + '鳍碱芯𠀀㐀豈A1，。\n';
    const codes = [...new Set([...text].flatMap((c) => [...c].map((u) => u.charCodeAt(0))))];
    let seen = 0;
    let pairs = 0;
    const wrong: string[] = [];
    for (const a of codes)
      for (const b of codes) {
        pairs++;
        if (lm.seen(a, b) !== lm.bi(a, b) > 0) wrong.push(String.fromCharCode(a, b));
        if (lm.seen(a, b)) seen++;
      }
    expect(wrong).toEqual([]);
    expect(seen).toBeGreaterThan(100);
    expect(pairs - seen).toBeGreaterThan(100);
  });
});

describe('typo/confusion core', () => {
  const entries = loadConfusion(dict('typo-confusion.tsv'));
  const byWrong = new Map<string, typeof entries>();
  for (const e of entries) byWrong.set(e.wrong, [...(byWrong.get(e.wrong) ?? []), e]);
  const matcher = buildMatcher(byWrong.keys());
  const find = (t: string) =>
    findConfusions(t, byWrong, matcher, { shields: null, boundary: true, variants: true }).map((h) => `${t.slice(h.start, h.end)}→${h.entry.rights.join('|')}`);
  it('finds list words and idioms', () => {
    expect(find('请各单位按要求按装监控设备，再接再励。')).toEqual(['按装→安装', '再接再励→再接再厉']);
  });
  it('uses context columns: 截止 before a time point only', () => {
    expect(find('截止2023年底，全县完成任务。')).toEqual(['截止→截至']);
    expect(find('截止目前，已受理申请30件。')).toEqual(['截止→截至']);
    expect(find('报名截止日期为3月1日。')).toEqual([]);
    expect(find('投标截止时间届满时开标。')).toEqual([]);
  });
  it('a hit may not cut a real word', () => {
    expect(boundaryOk('各单位要按时完成工作任务', 7, 9, '成功')).toBe(false);
    expect(boundaryOk('请各单位按要求按装监控设备', 7, 9, '安装')).toBe(true);
  });
  it('the lazily made entries find what the whole list finds', () => {
    const index = confusionIndex(dict('typo-confusion.tsv'));
    const lazyMatcher = buildSuffixMatcher(index.wrongs);
    const keys = [...byWrong.keys()];
    const texts: string[] = [];
    for (const f of readdirSync(path.join(root, 'fixtures'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')))
      texts.push(...readFileSync(path.join(root, 'fixtures', f), 'utf8').split(/\n+/));
    let seed = 5;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
    for (let k = 0; k < 400; k++) {
      let t = texts[rand(texts.length)]!;
      for (let j = 0; j < 3; j++) {
        const at = rand(t.length + 1);
        t = t.slice(0, at) + keys[rand(keys.length)]! + t.slice(at);
      }
      texts.push(t);
    }
    let hits = 0;
    for (const t of texts) {
      for (const variants of [true, false] as const) {
        const want = findConfusions(t, byWrong, matcher, { shields: null, boundary: true, variants });
        hits += want.length;
        expect(findConfusions(t, index.byWrong, lazyMatcher, { shields: null, boundary: true, variants })).toEqual(want);
      }
    }
    expect(hits).toBeGreaterThan(500);
  });
  it('exceptions (config words) hide a hit', () => {
    const shields = buildMatcher(['按装公司']);
    expect(findConfusions('联系按装公司', byWrong, matcher, { shields, boundary: true, variants: true })).toEqual([]);
  });
});

/**
 * A seeded generator, and `plant(text)`: the text with four names or variants (a name one time in
 * three), each perhaps followed by its own beginning, put in at pseudo-random places.
 */
function planter(seed: number, names: Array<{ name: string }>, variants: string[]) {
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const plant = (text: string): string => {
    let t = text;
    for (let j = 0; j < 4; j++) {
      const at = rand(t.length);
      const w = rand(3) === 0 ? names[rand(names.length)]!.name : variants[rand(variants.length)]!;
      t = t.slice(0, at) + w + (rand(2) ? w.slice(0, rand(w.length)) : '') + t.slice(at);
    }
    return t;
  };
  return { rand, plant };
}

describe('typo/severe core', () => {
  const similar = similarChars(root);
  const freq = wordFreq();
  it('the compiled similar-character table holds what the list says (last line of a character wins)', () => {
    const plain = new Map<string, { same: string; other: string; shape: string }>();
    for (const e of loadList(dict('typo-similar-chars.tsv')).entries) {
      const [c = '', same = '', other = '', shape = ''] = e.fields;
      if (c) plain.set(c, { same, other, shape });
    }
    expect(plain.size).toBeGreaterThan(3000);
    const chars = (t: { units: Uint16Array }) => Array.from(t.units, (u) => String.fromCharCode(u));
    expect(new Set(chars(similar))).toEqual(new Set(plain.keys()));
    expect(similar.units.every((u, i) => i === 0 || similar.units[i - 1]! < u)).toBe(true); // ascending, each once
    for (const [c, s] of plain) expect(similar.get(c)).toEqual(s);
    for (const c of ['', 'a', '，', '𠀀', '一二', '\uffff']) expect(similar.get(c)).toBeUndefined();
    // a list of the same shape compiled afresh, with a character listed twice and one field missing
    const dir = mkdtempSync(path.join(tmpdir(), 'draftlint-similar-'));
    const list = path.join(dir, 'similar.tsv');
    writeFileSync(list, '# source: test\n# license: CC0\n乙\t已以\t一\t乞\n甲\t假\n乙\t亿\t\t艺\n');
    const t = similarTableOf(compileSimilar(list));
    expect(t.get('乙')).toEqual({ same: '亿', other: '', shape: '艺' });
    expect(t.get('甲')).toEqual({ same: '假', other: '', shape: '' });
    expect(chars(t)).toEqual(['乙', '甲'].sort());
    // damaged bytes are refused, and a damaged compiled file of a list is compiled again
    const good = compileSimilar(list);
    expect(() => similarTableOf(new Uint8Array(good.buffer.slice(good.byteOffset, good.byteOffset + good.length - 4)))).toThrow(/wrong size/);
    const site = mkdtempSync(path.join(tmpdir(), 'draftlint-similar-root-'));
    mkdirSync(path.join(site, 'dictionaries'));
    const siteList = path.join(site, 'dictionaries', 'typo-similar-chars.tsv');
    writeFileSync(siteList, '# source: test\n# license: CC0\n乙\t亿\t\t艺\n');
    writeFileSync(compiledFileOf('similar', SIMILAR_FORMAT, siteList), Buffer.alloc(64, 7));
    expect(similarChars(site).get('乙')).toEqual({ same: '亿', other: '', shape: '艺' });
    const bad = path.join(dir, 'bad.tsv');
    writeFileSync(bad, '# source: test\n# license: CC0\n乙丙\t已\n');
    expect(() => compileSimilar(bad)).toThrow(/not one character/);
  });
  it('generates same-pinyin and similar-shape variants but no real words', () => {
    const v = nameVariants([{ name: '习近平', kind: 'person', source: 't' }], similar, (w) => freq.has(w));
    expect(v.get('习近乎')?.name).toBe('习近平');
    expect(v.get('习进平')?.name).toBe('习近平');
    expect(v.has('习近平')).toBe(false);
    const w = nameVariants([{ name: '李强', kind: 'person', source: 't' }], similar, (x) => freq.has(x));
    for (const k of w.keys()) expect(freq.has(k)).toBe(false);
  });
  it('finds variants in text exactly as an automaton over all of them would', () => {
    const names = loadList(dict('leaders.txt')).entries.map((e) => ({ name: e.fields[0]!, kind: e.fields[1] ?? '', source: 't' }));
    const variants = nameVariants(names, similar, (w) => freq.has(w));
    expect(variants.size).toBeGreaterThan(1000);
    const fast = variantMatcher(variants);
    const reference = buildMatcher(variants.keys());
    const keys = [...variants.keys()];
    // published text, then the same text with variants (and real names) put in at pseudo-random places
    const law = readFileSync(path.join(root, 'fixtures', 'clean', readdirSync(path.join(root, 'fixtures', 'clean')).find((n) => n.endsWith('.md'))!), 'utf8');
    const { rand, plant } = planter(7, names, keys);
    const texts = [law];
    for (let k = 0; k < 300; k++) texts.push(plant(law.slice(rand(law.length - 200)).slice(0, 120)));
    let hits = 0;
    for (const t of texts) {
      const want = reference.find(t);
      hits += want.length;
      expect(fast.find(t)).toEqual(want);
      expect(fast.all(t)).toEqual(reference.all(t));
    }
    expect(hits).toBeGreaterThan(300);
  });
  it('judges one window at a time exactly as the full list of variants does, site leaders and ambiguity included', () => {
    const names = loadList(dict('leaders.txt')).entries.map((e, i) => ({ name: e.fields[0]!, kind: e.fields[1] ?? '', source: `l${i}` }));
    // a site leader one character off a listed name shares variants with it (ambiguous: none);
    // one that is itself a variant of a listed name stops being a variant; a repeated name
    // gives its variants to its last entry
    names.push({ name: '王小红', kind: 'site', source: 's1' }, { name: '习近乎', kind: 'site', source: 's2' }, { name: '李强', kind: 'site', source: 's3' });
    const isWord = (w: string) => freq.has(w);
    for (const otherTones of [true, false]) {
      const variants = nameVariants(names, similar, isWord, otherTones);
      const lookup = variantLookup(names, similar, isWord, otherTones)!;
      expect(lookup).not.toBeNull();
      for (const [v, n] of variants) expect(lookup(v)).toBe(n);
      expect(lookup('习近乎')).toBeUndefined();
      const li = [...variants.values()].filter((n) => n.name === '李强');
      expect(li.length).toBeGreaterThan(0);
      for (const n of li) expect(n.source).toBe('s3');
      // 王小红 and 王小洪 share variants: those are nobody's
      const red = nameVariants([names.at(-3)!], similar, isWord, otherTones);
      const hong = nameVariants(names.filter((n) => n.name === '王小洪'), similar, isWord, otherTones);
      const shared = [...red.keys()].filter((w) => hong.has(w));
      expect(shared.length).toBeGreaterThan(0);
      for (const w of shared) {
        expect(variants.has(w)).toBe(false);
        expect(lookup(w)).toBeUndefined();
      }
      // every one-character change of every name, variant or not
      let checked = 0;
      for (const n of names)
        for (let i = 0; i < n.name.length; i++)
          for (const c of '平乎近进强墙红洪宏国华人民共和中央务院一二三') {
            const w = n.name.slice(0, i) + c + n.name.slice(i + 1);
            expect(lookup(w)).toBe(variants.get(w));
            checked++;
          }
      expect(checked).toBeGreaterThan(3000);
      // and finds the same windows in text as the automaton over all variants
      const lazy = halvesMatcher(names.map((n) => n.name), (w) => lookup(w) !== undefined);
      const reference = buildMatcher(variants.keys());
      const keys = [...variants.keys()];
      const { plant } = planter(11, names, keys);
      let hits = 0;
      for (let k = 0; k < 300; k++) {
        const t = plant('各级人民政府要认真贯彻落实中华人民共和国国务院的部署，');
        const want = reference.all(t);
        hits += want.length;
        expect(lazy.all(t)).toEqual(want);
        expect(lazy.find(t)).toEqual(reference.find(t));
      }
      expect(hits).toBeGreaterThan(300);
    }
  });
  it('falls back to the full list for names outside the Basic Multilingual Plane', () => {
    expect(variantLookup([{ name: '𠮷田', kind: 'site', source: 's' }], similar, () => false)).toBeNull();
    expect(variantLookup([{ name: '习', kind: 'site', source: 's' }], similar, () => false)).toBeNull();
  });
  it('reads site.leaders as strings or objects', () => {
    expect(siteLeaders({ leaders: ['张明华', { name: '王立新', title: '县长' }, 3] }).map((n) => n.name)).toEqual(['张明华', '王立新']);
    expect(siteLeaders(undefined)).toEqual([]);
  });
});

describe('typo/suspect core', () => {
  const model = { lm: loadLM(dict('lm-char.bin')), similar: similarChars(root), freq: wordFreq(), exceptions: new Set<string>() };
  const o = { maxContextCount: 0, minWordFreq: 3000, minLogRatio: 12, minCharCount: 100, otherTones: true };
  it('suggests a far more probable word', () => {
    const hits = findSuspects('加快推进乡村振兴站略实施，依法维护消废者合法权益。', model, o);
    expect(hits.map((h) => `${h.actual}→${h.expected}`)).toEqual(['站略→战略', '消废者→消费者']);
  });
  it('stays quiet on correct official text', () => {
    const text = '为进一步落实国家、省市政务公开工作要求，规范政府门户网站与政务新媒体信息发布管理工作，促进信息发布内容与审核工作的制度化、规范化。';
    expect(findSuspects(text, model, o)).toEqual([]);
  });
});

describe('typo rules through the engine', () => {
  it('lint a draft with typos: findings, severities, escalation in title and heading', async () => {
    const file = path.join(root, 'fixtures/typo/村级服务站建设通报.md');
    const text = readFileSync(file, 'utf8');
    const res = await lint(text, {
      filename: file,
      only: TYPO,
      config: { site: { leaders: ['张明华'] } },
    });
    const got = res.messages.map((m) => `${m.ruleId} ${m.severity} ${m.data.actual}→${m.data.expected}`);
    expect(got).toContain('typo/confusion 2 按装→安装'); // title: error
    expect(got).toContain('typo/confusion 2 截止→截至');
    expect(got).toContain('typo/severe 2 习近乎→习近平');
    expect(got).toContain('typo/severe 2 全国人民代表大汇→全国人民代表大会');
    expect(got).toContain('typo/severe 2 张明化→张明华');
    expect(got).toContain('typo/confusion 2 再接再励→再接再厉');
    expect(got).toContain('typo/confusion 2 既使→即使');
    expect(got).toContain('typo/confusion 1 台帐→台账'); // variant in body: warning
  });
  it('a list of the site\'s own with a broken context regex fails every run, hit or not', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const list = path.join(mkdtempSync(path.join(tmpdir(), 'draftlint-list-')), 'own.tsv');
    writeFileSync(list, '# source: test\n# license: MIT\n按装\t安装\n截止\t截至\t\t(\n');
    const config = { rules: { 'typo/confusion': { severity: 'error' as const, options: { list } } } };
    const res = await lint('# 通知\n\n正文没有错字。\n', { only: ['typo/confusion', 'meta/internal-error'], config });
    expect(res.messages.map((m) => [m.ruleId, m.data.rule])).toEqual([['meta/internal-error', 'typo/confusion']]);
  });
  it('typo/suspect uses the model its configuration names, also after another configuration loaded the default one', async () => {
    const text = '# 关于发展大数局产业的通知\n\n各单位要认真落实。\n';
    await lint(text, { only: ['typo/suspect'] });
    const res = await lint(text, {
      only: ['typo/suspect', 'meta/internal-error'],
      config: { rules: { 'typo/suspect': { severity: 'warning' as const, options: { model: 'no-such-model.bin' } } } },
    });
    expect(res.messages.map((m) => [m.ruleId, m.data.rule])).toEqual([['meta/internal-error', 'typo/suspect']]);
  });
  it('a variant form in a heading is one level higher (error)', async () => {
    const res = await lint('# 信息发布台帐管理办法\n\n正文。\n', { only: TYPO });
    expect(res.messages.map((m) => [m.ruleId, m.severity, m.messageId])).toEqual([['typo/confusion', 2, 'variant']]);
  });
  it('the clean fixtures produce no typo finding', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = path.join(root, 'fixtures/clean');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const res = await lint(readFileSync(path.join(dir, f), 'utf8'), { filename: path.join(dir, f), only: TYPO });
      expect(res.messages.map((m) => `${f}: ${m.ruleId} ${m.message}`)).toEqual([]);
    }
  });
});
