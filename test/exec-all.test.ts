// execAll (src/checks/util/regex.ts) replaces String.prototype.matchAll in the per-paragraph scans
// of kind pattern and the prohibited term lists: it must give the very matches matchAll gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execAll } from '../src/checks/util/regex.js';

/** index, text and groups of each match, as matchAll gives them */
const viaMatchAll = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, [...m], m.groups]);
const viaExecAll = (re: RegExp, text: string) => execAll(re, text).map((m) => [m.index, [...m], m.groups]);

const PATTERNS = [
  /([，、；：？！。])\1+/gu,
  /(?<target>截止)(?=\d{4}年)/gu,
  /x*/gu, // empty matches: steps over whole surrogate pairs
  /x*/g, // … and over single code units without the u flag
  /(?:)/gu,
  /\p{Script=Han}{2}/gu,
  /[^\n]*$/gmu,
  /.(?=𠀀)|𠀀/gu,
];

describe('execAll', () => {
  it('gives the matches matchAll gives, empty ones and surrogate pairs included', () => {
    const samples = ['', '截止2024年12月底，，已完成。。', 'x𠀀xx𠀀', '一\n二三\n', '𠀀𠀀a', '\ud800x'];
    for (const re of PATTERNS) for (const s of samples) expect(viaExecAll(re, s), `${re} on ${JSON.stringify(s)}`).toEqual(viaMatchAll(re, s));
  });

  it('agrees with matchAll on random text', () => {
    const unit = fc.constantFrom('x', '截', '止', '2', '0', '年', '，', '。', '\n', '𠀀', '\ud800', 'a');
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.array(unit, { maxLength: 30 }), (re, parts) => {
        const s = parts.join('');
        expect(viaExecAll(re, s)).toEqual(viaMatchAll(re, s));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a regular expression without the g flag, as matchAll does', () => {
    expect(() => execAll(/，/u, '甲，乙')).toThrow(TypeError);
    expect(() => '甲，乙'.matchAll(/，/u)).toThrow(TypeError);
  });

  it('leaves lastIndex at 0 and does not depend on where it was', () => {
    const re = /，/gu;
    re.lastIndex = 5;
    expect(execAll(re, '甲，乙，丙').map((m) => m.index)).toEqual([1, 3]);
    expect(re.lastIndex).toBe(0);
  });
});
