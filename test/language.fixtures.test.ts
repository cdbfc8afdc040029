/**
 * The language rules on whole drafts: a draft full of slips gives each expected finding once,
 * `--fix` repairs the fixable ones idempotently, its clean rewrite gives nothing, and
 * `draftlint doctor` reports the spelling engine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fix, lint } from '../src/engine/index.js';
import { doctor, renderDoctor } from '../src/cli/commands/doctor.js';
import { cli, root } from './helpers.js';

const only = ['phrasing/*', 'expression/*', 'punctuation/*', 'spelling/en'];
const bad = readFileSync(resolve(root, 'fixtures/language/通知-病句与标点.md'), 'utf8');
const good = readFileSync(resolve(root, 'fixtures/language/clean-说明.md'), 'utf8');

describe('language rules on a whole draft', () => {
  it('finds every planted slip', async () => {
    const r = await lint(bad, { filename: 'draft.md', only });
    const got = r.messages.map((m) => `${m.ruleId} ${bad.slice(...(lineColToRange(bad, m)))}`);
    expect(got).toEqual([
      'expression/placeholder XX',
      'expression/doc-number [2021]010号',
      'phrasing/repeat 进一步进一步',
      'phrasing/double-negation 防止类似事故不再',
      'expression/law-title 中华人民共和国安全生产法',
      'punctuation/half-width ,',
      'punctuation/half-width :',
      'phrasing/redundant-term 涉及到',
      'phrasing/redundancy 大约有300家企业左右',
      'expression/number-date 2021.3.1',
      'expression/number-date 二0二一年',
      'phrasing/missing-subject 通过开展专项整治，使',
      'phrasing/mixed-construction 原因是企业主体责任落实不到位造成的',
      'punctuation/doubled ，，',
      'punctuation/ellipsis ...',
      'expression/placeholder ×月×日',
      'punctuation/unbalanced 《',
      'expression/political 台湾等国家',
      'spelling/en Goverment',
      'expression/placeholder 【此处填写联系人】',
    ]);
    // a wrong expression in the title is one level higher
    const title = r.messages.find((m) => m.ruleId === 'expression/placeholder' && m.line === 2)!;
    expect(title.severity).toBe(2);
    const inTitleNumberDate = await lint('---\ntitle: 关于2021.1.29停电的通知\n---\n会议定于2021.1.29召开。\n', { only: ['expression/number-date'] });
    expect(inTitleNumberDate.messages.map((m) => m.severity)).toEqual([2, 1]);
  });

  it('fixes what is safe to fix, idempotently', async () => {
    const once = await fix(bad, { filename: 'draft.md', only });
    expect(once.changed).toBe(true);
    expect(once.output).toContain('doc_number: 盘县政办发〔2021〕10号');
    expect(once.output).toContain('为进一步加强安全生产管理');
    expect(once.output).toContain('的部署，现将有关事项通知如下：');
    expect(once.output).toContain('本次整治涉及全县');
    expect(once.output).toContain('时间为2021年3月1日至二〇二一年六月三十日');
    expect(once.output).toContain('加强宣传，营造良好氛围……请于');
    const twice = await fix(once.output, { filename: 'draft.md', only });
    expect(twice.changed).toBe(false);
  });

  it('the clean rewrite gives no finding', async () => {
    const r = await lint(good, { filename: 'good.md', only });
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([]);
  });
});

describe('draftlint doctor', () => {
  it('reports nodehun as the active engine here, and the probe passes', async () => {
    const r = await doctor();
    expect(r.spelling.nodehun.ok).toBe(true);
    expect(r.spelling.engine).toBe('nodehun');
    expect(r.spelling.probe).toBe(true);
    expect(renderDoctor(r)).toMatch(/nodehun\s+loads \(v\d/);
  });
  it('the CLI selects the nspell fallback when nodehun is switched off, and still spells', () => {
    const r = cli(['doctor', '--json'], { env: { DRAFTLINT_SPELL_ENGINE: 'nspell' } });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.spelling.engine).toBe('nspell');
    expect(j.spelling.probe).toBe(true);
  });
});

function lineColToRange(src: string, m: { line: number; column: number; endLine: number; endColumn: number }): [number, number] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  return [starts[m.line - 1]! + m.column - 1, starts[m.endLine - 1]! + m.endColumn - 1];
}
