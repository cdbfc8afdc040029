import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findSpaces, findUnbalanced, findUnbalancedAcross } from '../src/checks/punctuation.js';

// punctuation/unbalanced scans a paragraph once, jumping from mark to mark. The reference below
// is the plain reading of the rule: one pass per pair, a stack per pair, half-width ( ) closing
// a full-width pair only in a text that has （ or ）.
const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['（', '）'],
  ['【', '】'],
  ['〔', '〕'],
  ['〈', '〉'],
];
function reference(text: string) {
  const out: Array<{ at: number; mark: string; open: boolean; pair: string }> = [];
  for (const [open, close] of PAIRS) {
    if (!text.includes(open) && !text.includes(close)) continue;
    const stack: number[] = [];
    const wide = open === '（';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === open || (wide && c === '(')) stack.push(i);
      else if (c === close || (wide && c === ')')) {
        if (stack.length) stack.pop();
        else if (c === ')') continue;
        else {
          if (close === '’' && /[A-Za-z]/.test(text[i - 1] ?? '')) continue;
          if (close === '）' && /^\s*(?:[0-9a-zA-Z]{1,3}|[一二三四五六七八九十]{1,3})）$/.test(text.slice(0, i + 1))) continue;
          out.push({ at: i, mark: close, open: false, pair: open + close });
        }
      }
    }
    for (const at of stack) if (text[at] === open) out.push({ at, mark: open, open: true, pair: open + close });
  }
  return out.sort((a, b) => a.at - b.at);
}
const TITLE_NOTE_END = /(?:通过|修正|修订|批准|发布|印发|公布|施行|实施|生效)[。\s]*）\s*$/;

describe('punctuation/unbalanced scan', () => {
  it('finds what one pass per pair finds (random paragraphs)', () => {
    const ch = fc.constantFrom('“', '”', '‘', '’', '《', '》', '（', '）', '(', ')', '【', '】', '〔', '〕', '〈', '〉', 'a', '中', '1', '一', ' ', '通过');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 30 }), (a) => {
        const text = a.join('');
        const expected = reference(text)
          .filter((m) => !(m.mark === '）' && m.at === text.trimEnd().length - 1 && TITLE_NOTE_END.test(text)))
          .map((m) => ({ start: m.at, end: m.at + 1, messageId: m.open ? 'open' : 'close', data: { mark: m.mark, pair: m.pair } }));
        expect(findUnbalanced(text)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('half-width parentheses count only next to a full-width one', () => {
    expect(findUnbalanced('见(附件')).toEqual([]);
    expect(findUnbalanced('见(附件）').map((h) => h.data!.mark)).toEqual([]);
    expect(findUnbalanced('（一）见)附件').map((h) => h.data!.mark)).toEqual([]);
    expect(findUnbalanced('见（附件(二)').map((h) => h.data!.mark)).toEqual(['（']);
    expect(findUnbalancedAcross(['无标点的段落', '“引文', '另一段”'])).toEqual([[], [], []]);
  });
});

describe('punctuation/space', () => {
  it('a letter-spaced heading has no finding, a split word has', () => {
    expect(findSpaces('总 则')).toEqual([]);
    expect(findSpaces('第一章 总 则')).toEqual([]);
    expect(findSpaces('符合条 件的企业可以申请补助。').length).toBe(1);
    expect(findSpaces('总 则符合条 件').length).toBe(2);
    expect(findSpaces('没有空格的段落')).toEqual([]);
  });
});
