import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SHORT_RE, ZERO_RE, beforeYear } from '../src/checks/number-date.js';

// expression/number-date tries its 年 patterns only at the 年 of a text (number-date.ts): that
// must find every match a scan of the whole text finds.
describe('expression/number-date, patterns tried before each 年', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['zero', ZERO_RE, 4],
    ['short', SHORT_RE, 2],
  ];
  for (const [name, re, before] of cases) {
    it(`${name}: the same matches as a scan (random texts)`, () => {
      const ch = fc.constantFrom('年', '月', '日', '一', '二', '九', '〇', '零', '0', 'O', 'o', 'Ο', '○', '1', '2', '19', '20', '以上', '份', '第', '中', '.');
      const sticky = new RegExp(re.source, 'y');
      fc.assert(
        fc.property(fc.array(ch, { maxLength: 20 }), (a) => {
          const text = a.join('');
          const scanned = [...text.matchAll(re)].map((m) => [m.index, m[0]]);
          expect([...beforeYear(text, sticky, before)].map((m) => [m.index, m[0]])).toEqual(scanned);
        }),
        { numRuns: 5000 },
      );
    });
  }
});
