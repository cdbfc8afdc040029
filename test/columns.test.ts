import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  catalogFromCompiled,
  columnCandidates,
  compileDefaultCatalog,
  loadColumnCatalog,
  loadDefaultColumns,
  parseColumnEntry,
  validateColumnsConfig,
  type Column,
} from '../src/checks/column/catalog.js';
import { KeywordTrie, keywordListOf, keywordTrieOf } from '../src/checks/column/keywords.js';
import { draftFeatures, addBigrams } from '../src/checks/column/features.js';
import { buildModel, compileColumnModel, loadColumnModel, modelFromCompiled, type ColumnModelFile } from '../src/checks/column/model.js';
import { ColumnScorer } from '../src/checks/column/scorer.js';
import { root } from './helpers.js';

/** Every name and alias issue 4 lists for the default catalog. */
const REQUIRED: Record<string, string[]> = {
  政策文件: ['规范性文件', '政策法规'],
  政策解读: [],
  机构职能: ['机构设置', '领导信息'],
  规划计划: ['发展规划'],
  统计信息: [],
  行政许可: ['政务服务'],
  行政处罚: ['行政强制'],
  财政预决算: ['预算决算', '财政信息'],
  行政事业性收费: [],
  政府采购: [],
  重大建设项目: [],
  乡村振兴: ['扶贫'],
  教育: [],
  医疗卫生: [],
  社会保障: [],
  就业创业: [],
  应急管理: ['突发事件', '应急预案'],
  环境保护: [],
  安全生产: [],
  食品药品: [],
  产品质量: [],
  公务员招考: ['人事招考', '招聘录用'],
  市政建设: [],
  公共服务: [],
  公益事业: [],
  土地征收: [],
  房屋征收: [],
  治安管理: [],
  社会救助: [],
  农业农村: [],
  农田水利: [],
  土地承包经营权流转: [],
  宅基地: [],
  筹资筹劳: [],
  意见征集: [],
  通知公告: [],
  工作动态: [],
  其他主动公开: [],
};

describe('default column catalog', () => {
  const catalog = loadColumnCatalog({}, root);

  it('has every column and alias the issue lists, each with a description and keywords', () => {
    for (const [name, aliases] of Object.entries(REQUIRED)) {
      const c = catalog.get(name);
      expect(c?.name, name).toBe(name);
      for (const a of aliases) expect(catalog.get(a)?.name, `${a} → ${name}`).toBe(name);
      expect(c!.description.length, name).toBeGreaterThan(5);
      expect(Object.keys(c!.keywords).length, name).toBeGreaterThan(5);
    }
  });

  it('marks the broad columns and gives the file a provenance header', () => {
    expect(catalog.columns.filter((c) => c.broad).map((c) => c.name).sort()).toEqual(['其他主动公开', '工作动态', '通知公告'].sort());
    const head = readFileSync(path.join(root, 'dictionaries/columns.yml'), 'utf8').split('\n').slice(0, 12).join('\n');
    expect(head).toMatch(/^# source: .*盘县政办发〔2021〕10号/m);
    expect(head).toMatch(/^# license: /m);
    expect(head).toMatch(/^# format: /m);
  });

  it('only names catalog columns in `accepts`', () => {
    for (const c of catalog.columns) for (const a of c.accepts) expect(catalog.get(a)?.name, `${c.name} accepts ${a}`).toBe(a);
  });

  it('resolves names written with spaces, quotes or as a path in the portal tree', () => {
    expect(catalog.get(' 财政预决算 ')?.name).toBe('财政预决算');
    expect(catalog.get('“教育”')?.name).toBe('教育');
    expect(catalog.get('政务公开/重点领域/财政信息')?.name).toBe('财政预决算');
    expect(catalog.get('信息公开 > 规范性文件')?.name).toBe('政策文件');
    expect(catalog.get('财政预算')).toBeUndefined();
    expect(columnCandidates('a/b/c')).toEqual(['a/b/c', 'c', 'b', 'a']);
  });

  it('compiles into the catalog and the trie of its keywords, the same as parsing the YAML', () => {
    const file = path.join(root, 'dictionaries/columns.yml');
    const raw = compileDefaultCatalog(readFileSync(file));
    const aligned = new Uint8Array(new ArrayBuffer(raw.length));
    aligned.set(raw);
    const parsed = (parse(readFileSync(file, 'utf8')) as unknown[]).map((x, i) => parseColumnEntry(x, `${i}`, [], 'default'));
    expect(catalogFromCompiled(aligned)).toEqual(parsed);
    expect(loadDefaultColumns(root)).toEqual(parsed);
    // the scorer takes the compiled trie for the same words, and it finds what a built one finds
    const { words } = keywordListOf(parsed as Column[]);
    const dir = path.join(root, 'fixtures/drafts');
    const text = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const hits = (t: KeywordTrie) => {
      const out: number[] = [];
      t.find(text, (w, end) => out.push(w, end));
      return out;
    };
    expect(hits(keywordTrieOf(words))).toEqual(hits(new KeywordTrie(words)));
    expect(hits(new KeywordTrie(words)).length).toBeGreaterThan(20);
    // damaged bytes are refused (loadCompiled then compiles the catalog again)
    expect(() => catalogFromCompiled(aligned.subarray(0, aligned.length - 8))).toThrow(/compiled column catalog/);
    const bad = aligned.slice();
    new Int32Array(bad.buffer, 16, 1)[0] = 0;
    expect(() => catalogFromCompiled(bad)).toThrow(/keyword trie/);
  });

  it('an invalid default catalog is refused with its problems, as before it was compiled', () => {
    expect(() => compileDefaultCatalog(Buffer.from('- name: 教育\n  keywords: {学校: 9}\n'))).toThrow(/invalid default column catalog: .*学校.*weight/);
    expect(() => compileDefaultCatalog(Buffer.from('name: [unclosed'))).toThrow(/invalid default column catalog/);
  });
});

describe('columns: config', () => {
  it('adds a column, merges into a default one and removes one', () => {
    const catalog = loadColumnCatalog(
      {
        columns: {
          add: ['人大建议政协提案', { name: '营商环境', keywords: { 营商环境: 3 } }, { name: '预算决算', aliases: ['预决算公开专栏'] }],
          remove: ['筹资筹劳'],
        },
      },
      root,
    );
    expect(catalog.get('人大建议政协提案')?.origin).toBe('config');
    expect(catalog.get('营商环境')?.keywords).toEqual({ 营商环境: 3 });
    const fin = catalog.get('预决算公开专栏');
    expect(fin?.name).toBe('财政预决算');
    expect(fin?.origin).toBe('default+config');
    expect(fin?.keywords['三公经费']).toBe(3);
    expect(catalog.get('筹资筹劳')).toBeUndefined();
    expect(catalog.get('一事一议')).toBeUndefined();
  });

  it('replaces the catalog, and reads more entries from a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'columns-'));
    writeFileSync(path.join(dir, 'site.yml'), '- name: 专题专栏\n  aliases: [专题]\n- 领导之窗\n');
    const catalog = loadColumnCatalog({ columns: { replace: true, file: 'site.yml', add: ['通知公告'] } }, root, dir);
    expect(catalog.columns.map((c) => c.name)).toEqual(['专题专栏', '领导之窗', '通知公告']);
    expect(catalog.get('专题')?.name).toBe('专题专栏');
    expect(catalog.get('教育')).toBeUndefined();
  });

  it('reports every problem of a bad section', () => {
    const problems = validateColumnsConfig({ replce: true, add: [{ aliases: ['x'] }, { name: '甲', keywords: { 乙: 9 } }] });
    expect(problems.join('\n')).toMatch(/unknown key "replce"/);
    expect(problems.join('\n')).toMatch(/"name" is required/);
    expect(problems.join('\n')).toMatch(/keyword "乙" needs a weight/);
    expect(validateColumnsConfig(['教育'])[0]).toMatch(/expected a mapping/);
    expect(() => loadColumnCatalog({ columns: { add: 3 } }, root)).toThrow(/columns.add/);
  });
});

describe('column features and model', () => {
  it('counts Han bigrams only, the title three times', () => {
    expect([...addBigrams('部门预算2024年（草案）', new Map())]).toEqual([
      ['部门', 1],
      ['门预', 1],
      ['预算', 1],
      ['草案', 1],
    ]);
    const f = draftFeatures('预算', '预算公开');
    expect(f.get('预算')).toBe(4);
    expect(f.get('公开')).toBe(1);
  });

  it('scores a toy model by per-feature log-likelihood', () => {
    const m = buildModel({ header: {}, classes: ['甲', '乙'], alpha: 0.5, features: '预算\t招聘', counts: [[0, 100], [1, 100]], totals: [100, 100] });
    const a = m.score(new Map([['预算', 2], ['无关', 5]]));
    expect(a.n).toBe(2);
    expect(a.ll[0]).toBeGreaterThan(a.ll[1]!);
    expect(a.top(0, 3)).toEqual(['预算']);
  });

  it('the compiled model scores every labelled draft exactly as the model built from the JSON', () => {
    const json = readFileSync(path.join(root, 'dictionaries', 'columns-model.json'));
    const plain = buildModel(JSON.parse(json.toString('utf8')) as ColumnModelFile);
    const compiled = loadColumnModel(root)!;
    // and once more straight from the compiled bytes, whatever dist/.compiled holds
    const bytes = compileColumnModel(json);
    const own = new Uint8Array(bytes.length);
    own.set(bytes);
    const fromBytes = modelFromCompiled(own);
    expect(compiled.classes).toEqual(plain.classes);
    expect(compiled.header).toEqual(plain.header);
    const dir = path.join(root, 'fixtures', 'columns', 'labelled');
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).slice(0, 60);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const title = /^title:\s*(.+)$/m.exec(text)?.[1] ?? '';
      const a = plain.scoreDraft(title, text);
      for (const m of [compiled, fromBytes]) {
        const b = m.scoreDraft(title, text);
        expect(b.n).toBe(a.n);
        expect(Array.from(b.ll)).toEqual(Array.from(a.ll));
        expect(b.top(3, 5)).toEqual(a.top(3, 5));
      }
    }
    expect(() => modelFromCompiled(new Uint8Array(64))).toThrow(/not a compiled column model/);
    expect(() => modelFromCompiled(own.slice(0, own.length - 8))).toThrow(/wrong size/);
  });

  it('ships a trained model with provenance that covers the default catalog', () => {
    const model = loadColumnModel(root);
    expect(model).not.toBeNull();
    expect(model!.header.source).toMatch(/fixtures\/columns\/labelled/);
    expect(model!.header.license).toBeTruthy();
    const catalog = loadColumnCatalog({}, root);
    expect(new Set(model!.classes)).toEqual(new Set(catalog.columns.map((c) => c.name)));
  });
});

describe('column scorer', () => {
  const catalog = loadColumnCatalog({}, root);
  const scorer = new ColumnScorer(catalog, loadColumnModel(root));

  it('discounts a keyword that is part of a unit name', () => {
    const a = scorer.classify('县应急管理局召开党风廉政建设会议', '').find((r) => r.column.name === '应急管理')!;
    const b = scorer.classify('县召开应急管理工作会议', '').find((r) => r.column.name === '应急管理')!;
    expect(a.keyword).toBeLessThan(b.keyword);
  });

  it('keeps quiet when the declared column has evidence of its own or accepts the content', () => {
    const ranked = scorer.classify('清河县2024年第三季度临时救助情况公示', '全县共实施临时救助386人次，为低保对象和特困人员发放救助资金96万元。');
    expect(ranked[0]!.column.name).toBe('社会救助');
    expect(scorer.judge(catalog.get('社会保障')!, ranked).mismatch).toBe(false);
    expect(scorer.judge(catalog.get('教育')!, ranked).mismatch).toBe(true);
  });

  it('never decides on one repeated word', () => {
    const v = scorer.judge(catalog.get('政策文件')!, scorer.classify('城区集中供热价格调整', '供热价格由每平方米25元调整为27元，供热企业、供热面积、供热期不变。'));
    expect(v.mismatch).toBe(false);
    expect(v.best.hits.length).toBe(1);
  });

  it('keeps quiet for a site column it cannot score', () => {
    const cat = loadColumnCatalog({ columns: { add: ['领导之窗'] } }, root);
    const s = new ColumnScorer(cat, loadColumnModel(root));
    const v = s.judge(cat.get('领导之窗')!, s.classify('清河县教育局2024年部门预算公开', '部门预算 三公经费 基本支出 项目支出'));
    expect(v.mismatch).toBe(false);
  });

  it('works from keywords alone when there is no model', () => {
    const s = new ColumnScorer(catalog, null);
    const ranked = s.classify('清河县2024年政府集中采购目录及标准', '政府采购 公开招标 采购人 供应商');
    expect(ranked[0]!.column.name).toBe('政府采购');
  });

  it('has at least 5 labelled drafts for every catalog column', () => {
    const dir = path.join(root, 'fixtures/columns/labelled');
    for (const c of catalog.columns) expect(readdirSync(path.join(dir, c.name)).filter((f) => f.endsWith('.md')).length, c.name).toBeGreaterThanOrEqual(5);
  });
});

describe('broad columns', () => {
  const catalog = loadColumnCatalog({}, root);
  const scorer = new ColumnScorer(catalog, loadColumnModel(root));
  const judge = (col: string, title: string, body: string) => scorer.judge(catalog.get(col)!, scorer.classify(title, body));

  it('keep topical news and notices', () => {
    expect(judge('工作动态', '县教育局推进中小学课后服务', '今年以来，全县中小学全面开展课后服务，学生参与率达到95%。').mismatch).toBe(false);
    expect(judge('通知公告', '关于县城人民路路灯维修的通告', '因路灯线路维修，人民路部分路段夜间暂停照明。特此通告。').mismatch).toBe(false);
  });

  it('give up a document that is plainly a specific column’s, naming its genre phrases first', () => {
    const v = judge('工作动态', '清河县农业农村局2024年部门预算', '收入预算总计3200万元，一般公共预算财政拨款收入3100万元。基本支出800万元，项目支出2400万元。“三公”经费预算1.2万元。');
    expect(v.mismatch).toBe(true);
    expect(v.suggestions[0]!.column.name).toBe('财政预决算');
    expect(v.evidence[0]).toBe('部门预算');
  });

  it('never propose 通知公告 or 工作动态', () => {
    expect(catalog.columns.filter((c) => !c.suggest).map((c) => c.name).sort()).toEqual(['工作动态', '通知公告'].sort());
    const v = judge('教育', '县领导调研秋季开学工作', '近日，县领导深入学校调研，召开座谈会，要求扎实推进各项工作。据了解，下一步将持续跟进。');
    expect(v.mismatch).toBe(false);
  });
});
