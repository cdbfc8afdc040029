/**
 * The labelled, correctly filed and misfiled drafts of fixtures/columns through the real
 * engine (issue 4 "done when").
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/index.js';
import { buildDraft } from '../src/document/index.js';
import { loadColumnCatalog } from '../src/checks/column/catalog.js';
import { loadColumnModel } from '../src/checks/column/model.js';
import { ColumnScorer } from '../src/checks/column/scorer.js';
import { draftText } from '../src/checks/column.js';
import { cli, root } from './helpers.js';

const dir = path.join(root, 'fixtures/columns');
const md = (d: string) => readdirSync(d).filter((f) => f.endsWith('.md')).sort();
const only = ['column/unknown', 'column/mismatch'];
const lintFile = (file: string) => lint(readFileSync(file, 'utf8'), { filename: path.relative(root, file), config: {}, only });

describe('labelled drafts', () => {
  const catalog = loadColumnCatalog({}, root);
  const scorer = new ColumnScorer(catalog, loadColumnModel(root));
  for (const col of readdirSync(path.join(dir, 'labelled')).sort()) {
    it(`every example of ${col} classifies to it and is not flagged`, async () => {
      for (const f of md(path.join(dir, 'labelled', col))) {
        const file = path.join(dir, 'labelled', col, f);
        const draft = buildDraft(readFileSync(file, 'utf8'), file);
        expect(draft.meta.column, f).toBe(col);
        const { title, body } = draftText(draft);
        expect(scorer.classify(title, body)[0]!.column.name, `${col}/${f}`).toBe(col);
        expect((await lintFile(file)).messages, `${col}/${f}`).toEqual([]);
      }
    });
  }
});

describe('correctly filed drafts (not trained on)', () => {
  const files = md(path.join(dir, 'correct'));
  it('are at least 60', () => expect(files.length).toBeGreaterThanOrEqual(60));
  it.each(files)('%s is not flagged', async (f) => {
    const r = await lintFile(path.join(dir, 'correct', f));
    expect(r.messages).toEqual([]);
  });
});

describe('misfiled drafts (not trained on)', () => {
  const labels = parse(readFileSync(path.join(dir, 'misfiled/labels.yml'), 'utf8')) as Record<string, string[]>;
  const files = md(path.join(dir, 'misfiled'));
  it('are at least 30, spread over at least 20 declared columns, all labelled', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    const declared = new Set(files.map((f) => buildDraft(readFileSync(path.join(dir, 'misfiled', f), 'utf8'), f).meta.column));
    expect(declared.size).toBeGreaterThanOrEqual(20);
    for (const f of files) expect(labels[f]?.length, f).toBeGreaterThan(0);
  });
  it.each(files)('%s is flagged with a right column among its suggestions', async (f) => {
    const source = readFileSync(path.join(dir, 'misfiled', f), 'utf8');
    const r = await lintFile(path.join(dir, 'misfiled', f));
    expect(r.messages.map((m) => m.ruleId)).toEqual(['column/mismatch']);
    const m = r.messages[0]!;
    const declared = String(buildDraft(source, f).meta.column);
    expect(m.data.column).toBe(declared);
    const suggested = String(m.data.suggestions).split('、');
    expect(suggested.length).toBeGreaterThanOrEqual(1);
    expect(suggested.length).toBeLessThanOrEqual(3);
    expect(suggested).not.toContain(declared);
    expect(suggested.some((s) => labels[f]!.includes(s)), `${f}: ${suggested.join('、')}`).toBe(true);
    // the message names the declared column, the best one and the deciding words
    expect(m.message).toContain(declared);
    expect(m.message).toContain(String(m.data.best));
    expect(String(m.data.evidence)).toMatch(/^(“[^”]+”)+$/);
    // the finding sits on the declared column, and each suggestion rewrites it
    expect(m.line).toBe(source.split('\n').findIndex((l) => l.startsWith('column:')) + 1);
    expect(m.suggestions?.map((s) => s.fix.text)).toEqual(suggested);
  });
});

describe('CLI', () => {
  it('classify prints ranked columns with evidence and the verdict', () => {
    const r = cli(['classify', 'fixtures/columns/misfiled/001.md', '--top', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('声明栏目：教育');
    expect(r.stdout).toMatch(/文不对题，建议改为：财政预决算/);
    expect(r.stdout).toMatch(/ 1\. 财政预决算 .*得分/);
    expect(r.stdout).toContain('部门预算');
    expect(r.stdout.match(/^\s+\d\. /gm)?.length).toBe(3);
  });

  it('classify --format json gives scores, keywords and model words', () => {
    const r = cli(['classify', 'fixtures/columns/correct/001.md', 'fixtures/columns/misfiled/002.md', '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0].verdict.mismatch).toBe(false);
    expect(out[0].ranked[0].column).toBe('教育');
    expect(out[1].declared).toBe('通知公告');
    expect(out[1].verdict.suggestions[0]).toBe('公务员招考');
    expect(out[1].ranked[0].keywords[0]).toMatchObject({ word: expect.any(String), points: expect.any(Number) });
    expect(out[1].ranked[0].modelWords.length).toBeGreaterThan(0);
  });

  it('classify fails with exit 2 on a missing file', () => {
    const r = cli(['classify', 'fixtures/columns/nope.md']);
    expect(r.code).toBe(2);
  });

  it('columns lists the catalog; --keywords adds weights; json is the catalog', () => {
    const r = cli(['columns', '--keywords']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('38 个栏目');
    expect(r.stdout).toMatch(/财政预决算（别名：预算决算、财政信息/);
    expect(r.stdout).toMatch(/通知公告.*\[综合栏目 broad\]/);
    expect(r.stdout).toContain('三公经费(3)');
    const j = cli(['columns', '-f', 'json']);
    expect(JSON.parse(j.stdout).map((c: { name: string }) => c.name)).toContain('土地承包经营权流转');
  });
});
