import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PATTERNS } from '../src/checks/placeholder.js';

// expression/placeholder runs a pattern only on text that passes its gate (placeholder.ts):
// every match of a pattern must hold one of that pattern's gate characters.
describe('expression/placeholder gates', () => {
  it('every match of a pattern holds one of its gate characters (random texts)', () => {
    const ch = fc.constantFrom('【', '（', '(', '<', '此处', '请', '在此', '填写', '输入', '待', '补充', '。', 'TODO', 'TBD', 'FIXME', ' ', '某某', '单位', '张', 'X', 'x', 'Ｘ', 'ｘ', '×', '✕', '〇', '○', '年', '月', '日', '号', '第', '19', '20', '中', '1', '二', '单击');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 24 }), (a) => {
        const text = a.join('');
        for (const p of PATTERNS) {
          p.re.lastIndex = 0;
          for (const m of text.matchAll(p.re)) expect([...p.gate].some((c) => m[0].includes(c))).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
