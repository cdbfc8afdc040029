/**
 * fixtures/prohibited/: every invalid draft gives exactly the prohibited/* findings listed in
 * fixtures/prohibited/expected.yml (rule + covered text, in source order); valid drafts and
 * fixtures/clean/ (the notice itself, a relief list, a penalty decision, a procurement result…)
 * give none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint, ruleDefinitions } from '../src/engine/index.js';
import { covered, root } from './helpers.js';

const PROHIBITED = [...ruleDefinitions().keys()].filter((id) => id.startsWith('prohibited/'));
const dir = join(root, 'fixtures/prohibited');
const expected = parse(readFileSync(join(dir, 'expected.yml'), 'utf8')) as Record<string, Array<{ rule: string; target: string }>>;

async function findings(file: string) {
  const text = readFileSync(file);
  const r = await lint(text, { filename: file, only: PROHIBITED });
  return r.messages.map((m) => ({ rule: m.ruleId, target: covered(r.source ?? '', m) }));
}

describe('prohibited fixtures', () => {
  it('all six rules exist', () => {
    expect(PROHIBITED.sort()).toEqual([
      'prohibited/internal',
      'prohibited/privacy',
      'prohibited/privacy-mask',
      'prohibited/secret',
      'prohibited/sensitive',
      'prohibited/undecided',
    ]);
  });

  const invalid = readdirSync(join(dir, 'invalid')).filter((f) => f.endsWith('.md'));
  it('every invalid fixture has expectations and every rule has an invalid fixture', () => {
    for (const f of invalid) expect(expected[`invalid/${f}`], f).toBeDefined();
    const covered = new Set(Object.values(expected).flat().map((e) => e.rule));
    expect([...covered].sort()).toEqual([...PROHIBITED].sort());
  });
  for (const f of invalid) {
    it(`invalid/${f}`, async () => {
      expect(await findings(join(dir, 'invalid', f))).toEqual(expected[`invalid/${f}`]);
    });
  }
  for (const f of readdirSync(join(dir, 'valid')).filter((f) => f.endsWith('.md'))) {
    it(`valid/${f} has no prohibited/ finding`, async () => {
      expect(await findings(join(dir, 'valid', f))).toEqual([]);
    });
  }
  for (const f of readdirSync(join(root, 'fixtures/clean')).filter((f) => f.endsWith('.md'))) {
    // every rule over fixtures/clean is checked by test/cli.test.ts; here the prohibited/ family
    it(`clean/${f} has no prohibited/ finding`, async () => {
      expect(await findings(join(root, 'fixtures/clean', f))).toEqual([]);
    });
  }
  it('the notice fixture is simplified Chinese without pinyin annotations', () => {
    const t = readFileSync(join(root, 'fixtures/clean/盘县政办发2021-10号通知.md'), 'utf8');
    expect(t).toContain('严禁涉密信息上网');
    expect(t).not.toMatch(/[盤縣辦發網門戶審隱]/u);
    expect(t).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
  });
});

describe('fix masks personal data', () => {
  it('--fix turns the relief list into masked forms', async () => {
    const { fix } = await import('../src/engine/index.js');
    const file = join(dir, 'invalid/城乡低保名单-未脱敏.md');
    const r = await fix(readFileSync(file, 'utf8'), { filename: file, only: PROHIBITED });
    expect(r.output).toContain('211122********2047');
    expect(r.output).toContain('139 **** 1234');
    expect(r.output).toContain('6217***********5671');
    expect(r.output).toContain('211122**********19');
    const again = await lint(r.output, { filename: file, only: ['prohibited/privacy', 'prohibited/privacy-mask'] });
    expect(again.messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});

describe('messages', () => {
  it('say what, why and what to do, in the chosen language', async () => {
    const zh = await lint('申请人身份证号211122197803152047。', { only: ['prohibited/privacy'] });
    expect(zh.messages[0]!.message).toMatch(/居民身份证号码“211122197803152047”.*一\(三\)1①.*211122\*{8}2047/u);
    const en = await lint('申请人身份证号211122197803152047。', { only: ['prohibited/privacy'], lang: 'en' });
    expect(en.messages[0]!.message).toMatch(/resident ID number “211122197803152047”.*一\(三\)1①.*211122\*{8}2047/u);
  });
});
