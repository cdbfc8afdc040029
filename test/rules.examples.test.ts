/**
 * Every rule's YAML examples are its tests: valid ones give no finding of the rule, invalid ones
 * give exactly the listed findings (in source order), and fixable ones fix to `output`, idempotently.
 */
import { describe, expect, it } from 'vitest';
import { ruleDefinitions } from '../src/engine/index.js';
import { covered, fixExample, lintExample } from './helpers.js';

const rules = [...ruleDefinitions().values()];

describe('rule files', () => {
  it('there are rules', () => {
    expect(rules.length).toBeGreaterThan(5);
  });
});

for (const rule of rules) {
  describe(rule.id, () => {
    it('has examples', () => {
      expect(rule.examples.valid.length, 'at least one valid example').toBeGreaterThan(0);
      if (!rule.examples.untestable) expect(rule.examples.invalid.length, 'at least one invalid example').toBeGreaterThan(0);
      else expect(rule.kind).toBe('engine');
      expect(rule.description.zh, 'a Chinese description').not.toBe('');
    });

    rule.examples.valid.forEach((ex, i) => {
      it(`valid #${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const result = await lintExample(rule, ex);
        const own = result.messages.filter((m) => m.ruleId === rule.id);
        expect(own.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
      });
    });

    rule.examples.invalid.forEach((ex, i) => {
      it(`invalid #${i + 1}${ex.note ? ` (${ex.note})` : ''}`, async () => {
        const result = await lintExample(rule, ex);
        const own = result.messages.filter((m) => m.ruleId === rule.id);
        const expected = ex.findings ?? [];
        expect(expected.length, 'an invalid example lists its findings').toBeGreaterThan(0);
        expect(own.length, own.map((m) => `${m.line}:${m.column} ${m.message}`).join('\n')).toBe(expected.length);
        expected.forEach((exp, k) => {
          const m = own[k]!;
          if (exp.target !== undefined) expect(covered(result.source ?? '', m)).toBe(exp.target);
          if (exp.line !== undefined) expect(m.line).toBe(exp.line);
          if (exp.column !== undefined) expect(m.column).toBe(exp.column);
          if (exp.messageId !== undefined) expect(m.messageId).toBe(exp.messageId);
          if (exp.severity !== undefined) expect(m.severity).toBe(exp.severity === 'error' ? 2 : 1);
          if (exp.data) for (const [key, v] of Object.entries(exp.data)) expect(String(m.data[key])).toBe(String(v));
          expect(m.message).not.toMatch(/\{\{/);
        });
        const fixable = own.some((m) => m.fix);
        if (fixable) {
          expect(ex.output, 'a fixable finding needs `output` in the example').toBeDefined();
          expect(rule.fixable).toBe(true);
        }
        if (ex.output !== undefined) {
          expect(ex.output).not.toBe(ex.text);
          const fixed = await fixExample(rule, ex);
          expect(fixed.output).toBe(ex.output);
          const again = await fixExample(rule, { ...ex, text: fixed.output });
          expect(again.changed, 'fixing twice changes nothing').toBe(false);
        }
      });
    });
  });
}
