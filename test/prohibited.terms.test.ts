import { describe, expect, it } from 'vitest';
import { compileEntry, enclosingQuote, findTerms, isConsultation, isLabel, type TermEntry } from '../src/checks/prohibited/terms.js';
import { classifyInternal, docNumberPrefix, isUpperLevelPrefix, DEFAULT_UPPER_LEVEL_PREFIXES, type Cue } from '../src/checks/prohibited/internal.js';
import { loadCues } from '../src/checks/prohibited-internal.js';
import { loadTermEntries } from '../src/checks/prohibited-terms.js';
import { join } from 'node:path';
import { root } from './helpers.js';

const entry = (...f: string[]) => compileEntry(f, 1, 'test') as TermEntry;
const hits = (text: string, es: TermEntry[], title = false) => [...findTerms(text, es, { title })].map((h) => h.text);

describe('term entries', () => {
  it('reports bad lines with file:line', () => {
    expect(compileEntry(['x', 'weird'], 7, 'a.txt')).toBe('a.txt:7: unknown mode "weird"');
    expect(compileEntry(['re:(', 'phrase'], 3, 'a.txt')).toMatch(/^a\.txt:3: bad pattern regex/);
  });
  it('mark mode: only as a label', () => {
    const e = entry('内部资料', 'mark', 'handling');
    expect(hits('内部资料', [e])).toEqual(['内部资料']);
    expect(hits('全县重点项目推进情况通报（内部资料）', [e])).toEqual(['内部资料']);
    expect(hits('【内部资料】全县重点项目推进情况', [e])).toEqual(['内部资料']);
    expect(hits('将计划指标（内部资料）印发代表', [e])).toEqual([]);
    expect(hits('内部资料  注意保存', [e])).toEqual(['内部资料']);
    expect(hits('加强内部资料管理工作', [e])).toEqual([]);
    expect(hits('对标注“内部资料”的文件不得上网', [e])).toEqual([]);
  });
  it('titlemark: also at the end of a title', () => {
    const e = entry('讨论稿', 'titlemark', 'draft');
    expect(hits('供热价格调整方案讨论稿', [e], true)).toEqual(['讨论稿']);
    expect(hits('供热价格调整方案讨论稿', [e], false)).toEqual([]);
    expect(hits('关于《供热价格调整方案（讨论稿）》的说明', [e], true)).toEqual([]);
  });
  it('phrase mode: skips talk about the category', () => {
    const e = entry('re:群体性事件', 'phrase', 'mass', '(?:发生|一起)');
    expect(hits('某村发生一起群体性事件。', [e])).toEqual(['群体性事件']);
    expect(hits('预防和处置群体性事件。', [e])).toEqual([]);
    expect(hits('严禁发布发生一起群体性事件的信息。', [e])).toEqual([]);
  });
  it('quotes and book titles', () => {
    expect(enclosingQuote('《土地管理法（草案）》', 6)).toBe('《');
    expect(enclosingQuote('“内部资料”字样', 1)).toBe('“');
    expect(enclosingQuote('内部资料', 0)).toBeNull();
    expect(isLabel('秘密★1年', 0, 2)).toBe(true);
  });
  it('public consultation exemption', () => {
    expect(isConsultation('意见征集', '').yes).toBe(true);
    expect(isConsultation('通知公告', '现向社会公开征求意见。反馈截止时间为2021年3月15日。').yes).toBe(true);
    expect(isConsultation('通知公告', '现向社会公开征求意见。').yes).toBe(false);
    expect(isConsultation('政策文件', '本方案经研究制定。').yes).toBe(false);
  });
  it('the shipped dictionaries load and config extra terms are added', () => {
    for (const f of ['prohibited-secret.txt', 'prohibited-sensitive.txt', 'prohibited-undecided.txt']) {
      expect(loadTermEntries(join(root, 'dictionaries', f), 'prohibited/x', undefined).length).toBeGreaterThan(3);
    }
    const es = loadTermEntries(join(root, 'dictionaries/prohibited-secret.txt'), 'prohibited/secret', { 'prohibited/secret': ['工作秘密'] });
    expect(es.at(-1)).toMatchObject({ pattern: '工作秘密', mode: 'phrase', messageId: 'default', line: 0 });
    expect(() => loadTermEntries(join(root, 'dictionaries/prohibited-secret.txt'), 'prohibited/secret', { 'prohibited/secret': '工作秘密' })).toThrow(/must be a list/);
  });
});

describe('internal-news classifier', () => {
  const cues: Cue[] = loadCues(join(root, 'dictionaries/prohibited-internal.txt'));
  const opts = { threshold: 3, leadCap: 1.5, bodyCap: 2.5, negativeCap: 3, docNumberWeight: 4, upperLevelPrefixes: DEFAULT_UPPER_LEVEL_PREFIXES };
  it('document number prefixes', () => {
    expect(docNumberPrefix('国办发〔2021〕12号')).toBe('国办发');
    expect(docNumberPrefix('盘县政办发〔2021〕10号')).toBe('盘县政办发');
    expect(docNumberPrefix('根据国办发〔2021〕12号文件')).toBeNull();
    expect(isUpperLevelPrefix('国办发', DEFAULT_UPPER_LEVEL_PREFIXES)).toBe(true);
    expect(isUpperLevelPrefix('人社部发', [])).toBe(true);
    expect(isUpperLevelPrefix('盘县政办发', DEFAULT_UPPER_LEVEL_PREFIXES)).toBe(false);
  });
  it('a meeting news item scores above the threshold with evidence', () => {
    const r = classifyInternal(
      {
        title: '县民政局召开安全生产工作会议',
        paragraphs: ['3月5日，县民政局召开安全生产工作会议。局长主持会议并讲话。', '会议强调，要压实责任。', '与会人员表示将抓好落实。'],
      },
      cues,
      opts,
    );
    expect(r.score).toBeGreaterThanOrEqual(3);
    expect(r.evidence.map((e) => e.label)).toEqual(expect.arrayContaining(['召开会议', '主持会议并讲话', '会议强调']));
  });
  it('body cues alone are capped; a passing mention stays below', () => {
    const r = classifyInternal({ title: '关于城乡居民医保缴费的通告', paragraphs: ['经县政府常务会议研究同意，现将缴费事项通告如下。咨询电话：0427-3554789。'] }, cues, opts);
    expect(r.score).toBeLessThan(3);
    const many = classifyInternal(
      { title: '一周要闻', paragraphs: ['主持会议并讲话。会议强调。与会人员。出席会议。会上，理论学习中心组。'] },
      cues,
      opts,
    );
    expect(many.score).toBeLessThanOrEqual(2.5);
  });
  it('upper-level document number, configurable prefixes', () => {
    const input = { title: '关于做好秋冬季森林防火工作的通知', paragraphs: ['各市人民政府：'], docNumber: '辽政办发〔2021〕20号' };
    expect(classifyInternal(input, cues, opts).score).toBeGreaterThanOrEqual(3);
    expect(classifyInternal(input, cues, { ...opts, upperLevelPrefixes: ['国发'] }).score).toBeLessThan(3);
  });
  it('a repost title is judged without the cited title', () => {
    const r = classifyInternal({ title: '关于转发《辽宁省城乡居民医疗保险实施办法》的通知', paragraphs: ['现转发给你们，请认真贯彻执行。'] }, cues, opts);
    expect(r.score).toBeGreaterThanOrEqual(3);
    expect(r.evidence.some((e) => e.label === '公开事项')).toBe(false);
    const summary = classifyInternal({ title: '关于印发《东郭镇2021年上半年工作总结》的通知', paragraphs: ['现印发给你们。'] }, cues, opts);
    expect(summary.evidence.map((e) => e.label)).toContain('工作总结');
  });
});
