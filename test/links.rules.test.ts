/**
 * The link rules' YAML examples, run directly against the `links` check kind (no engine, so the
 * test only depends on this module): the same contract as rules.examples.test.ts — valid
 * examples give no finding, invalid ones exactly the listed findings in source order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import links from '../src/checks/links.js';
import { buildDraft } from '../src/document/draft.js';
import { parseRule } from '../src/engine/rules.js';
import type { Config, Report, RuleDef, RuleExample } from '../src/types.js';

const root = resolve(import.meta.dirname, '..');
const ruleFiles = readdirSync(join(root, 'rules')).filter((n) => n.startsWith('link.'));
const rules: RuleDef[] = ruleFiles.map((n) => parseRule(readFileSync(join(root, 'rules', n), 'utf8'), join(root, 'rules', n)));

export async function runLinkRule(rule: RuleDef, text: string, config: Record<string, unknown> = {}, options: Record<string, unknown> = {}, online = false) {
  const cfg: Config = { rules: {}, ignore: [], words: [], ...config };
  const opts = { ...rule.options, ...options };
  expect(links.validateOptions!(opts)).toEqual([]);
  const check = links.create(rule, opts, { config: cfg, packageRoot: root, baseDir: root, lang: 'zh', online });
  const draft = buildDraft(text, 'example.md');
  const reports: Report[] = [];
  await check.run(draft, (r) => reports.push(r));
  reports.sort((a, b) => a.range[0] - b.range[0]);
  return { draft, reports };
}

function render(rule: RuleDef, r: Report, lang: 'zh' | 'en'): string {
  const m = rule.messages[r.messageId ?? 'default'];
  expect(m, `message ${r.messageId} exists in ${rule.id}`).toBeDefined();
  return m![lang].replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(r.data?.[k] ?? `{{${k}}}`));
}

describe('link rules', () => {
  it('all eight rules exist, each with valid and invalid examples', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(
      ['link/approval', 'link/broken', 'link/insecure', 'link/internal-address', 'link/malformed', 'link/redirect', 'link/shortener', 'link/unapproved'],
    );
    for (const r of rules) {
      expect(r.examples.valid.length, r.id).toBeGreaterThan(0);
      expect(r.examples.invalid.length, r.id).toBeGreaterThan(0);
      expect(r.basis).toBe('一(三)3');
    }
  });
});

for (const rule of rules) {
  describe(rule.id, () => {
    rule.examples.valid.forEach((ex: RuleExample, i) => {
      it(`valid #${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { reports } = await runLinkRule(rule, ex.text ?? '', ex.config, ex.options);
        expect(reports.map((r) => render(rule, r, 'zh'))).toEqual([]);
      });
    });
    rule.examples.invalid.forEach((ex: RuleExample, i) => {
      it(`invalid #${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const { draft, reports } = await runLinkRule(rule, ex.text ?? '', ex.config, ex.options);
        const expected = ex.findings ?? [];
        expect(reports.length, reports.map((r) => render(rule, r, 'zh')).join('\n')).toBe(expected.length);
        expected.forEach((exp, k) => {
          const r = reports[k]!;
          if (exp.target !== undefined) expect(draft.source.slice(r.range[0], r.range[1])).toBe(exp.target);
          if (exp.messageId !== undefined) expect(r.messageId ?? 'default').toBe(exp.messageId);
          if (exp.severity !== undefined) expect(r.severity ?? rule.severity).toBe(exp.severity);
          if (exp.line !== undefined) {
            const line = draft.source.slice(0, r.range[0]).split('\n').length;
            expect(line).toBe(exp.line);
          }
          if (exp.data) for (const [key, v] of Object.entries(exp.data)) expect(String(r.data?.[key])).toBe(String(v));
          for (const lang of ['zh', 'en'] as const) expect(render(rule, r, lang)).not.toMatch(/\{\{/);
          for (const s of r.suggestions ?? []) expect(s.messageId && rule.messages[s.messageId]).toBeTruthy();
        });
      });
    });
  });
}

describe('dictionaries/link-shorteners.txt', () => {
  it('has a provenance header and well-formed entries', async () => {
    const { loadList } = await import('../src/engine/dictionaries.js');
    const list = loadList(join(root, 'dictionaries', 'link-shorteners.txt'));
    expect(list.header.source).toBeTruthy();
    expect(list.header.license).toBeTruthy();
    expect(list.entries.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (const { fields, line } of list.entries) {
      const [pattern, type] = fields;
      expect(pattern, `line ${line}`).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/);
      expect(['shortener', 'redirector'], `line ${line}`).toContain(type);
      expect(seen.has(pattern!), `duplicate ${pattern}`).toBe(false);
      seen.add(pattern!);
    }
  });
});
