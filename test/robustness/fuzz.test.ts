/**
 * Fuzzing: random bytes, random Markdown and random front matter through the whole pipeline and
 * every formatter, for a fixed budget. No exception escapes, positions lie inside the file, every
 * fix range is valid and applying the fixes never throws, and JSON output parses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, fix, lint, ruleDefinitions, type LintResult } from '../../src/engine/index.js';
import { formatters } from '../../src/report/index.js';
import { isUtf8 } from 'node:buffer';
import { decode, firstInvalidUtf8 } from '../../src/document/decode.js';
import { buildDraft } from '../../src/document/draft.js';
import { loadHtmlParser } from '../../src/document/html.js';

const SEED = 20261125;
const rules = ruleDefinitions();

const pieces = [
  '# ', '## ', '> ', '- ', '1. ', '* ', '\n', '\n\n', '\r\n', '\n\n    ', '\n    ', '    ', '`', '```\n', '**', '_', '[', '](', ')', '<', '>', '<!--', '-->',
  '<!-- draftlint-disable -->', '<!-- draftlint-disable-next-line typo/confusion -->', '<!-- draftlint-enable -->',
  '&amp;', '&#x4e2d;', '\\', '|', '|---|', ' ', '\t', '按装', '再接再励', '截止', '2021年1月29日', '2021.1.29', '二0二一年',
  '通知', '，', '。', '、', '“', '”', '《', '》', '（', '）', '……', '——', ',', '.', ':', '(', ')', 'http://', 'https://www.example.com/a',
  'www.x.cn', '13912345678', '211122199001011236', '6222021234567890123', '秘密★1年', '内部资料', '讨论稿', '召开会议',
  '习近平', '习近乎', 'XX单位', '〔2021〕', '[2021]', 'goverment', 'ABC', '😀', '\u0000', '\ufeff', '\ud800', '---\n',
  // HTML blocks, also after quote and list markers
  '<p>', '</p>', '<table><tr><td>', '</td><td>', '</td></tr></table>', '<br>', '\n> <table>\n> <tr><td>', '\n- <p>',
];

const markdown = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));

const frontMatter = fc
  .record(
    {
      title: fc.oneof(markdown, fc.string()),
      column: fc.constantFrom('通知公告', '政府采购', '教育', '不存在的栏目', ''),
      date: fc.constantFrom('2021-01-29', '2021-02-30', 'x', '2021年1月1日'),
      channel: fc.constantFrom('website', '微信', 'x'),
      links: fc.constantFrom('[]', '[{url: "https://a.com", approved_by: 张三, approved_on: 2021-01-01}]', '{}'),
      review: fc.constantFrom('{}', '{初审: {name: 甲, date: 2021-01-01}}', '[1, 2]'),
      extra: fc.constantFrom('a: &a [1]\nb: *a', '__proto__: {x: 1}', '!!binary xyz', 'k: [', 'k: "unclosed'),
    },
    { requiredKeys: [] },
  )
  .map((r) => {
    const lines = Object.entries(r).map(([k, v]) => (k === 'extra' ? v : `${k}: ${k === 'links' || k === 'review' ? v : JSON.stringify(v)}`));
    return `---\n${lines.join('\n')}\n---\n`;
  });

function checkResult(r: LintResult, source: string | undefined): void {
  const text = r.source ?? source ?? '';
  const lines = text.split('\n');
  for (const m of r.messages) {
    expect(rules.has(m.ruleId), m.ruleId).toBe(true);
    expect(m.severity === 1 || m.severity === 2).toBe(true);
    expect(m.message).toBeTruthy();
    expect(m.message).not.toMatch(/\{\{\w+\}\}/);
    if (r.source === undefined) continue;
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.line).toBeLessThanOrEqual(lines.length);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeLessThanOrEqual((lines[m.line - 1]?.length ?? 0) + 1);
    expect(m.endLine * 1e7 + m.endColumn).toBeGreaterThanOrEqual(m.line * 1e7 + m.column);
    if (m.fix) {
      const [s, e] = m.fix.range;
      expect(0 <= s && s <= e && e <= text.length, `fix range ${s}-${e} of ${text.length}`).toBe(true);
    }
  }
  const fixes = r.messages.filter((m) => m.fix).map((m) => m.fix!);
  if (fixes.length && r.source !== undefined) expect(typeof applyFixes(r.source, fixes).output).toBe('string');
}

async function allFormats(results: LintResult[]): Promise<void> {
  for (const [name, load] of Object.entries(formatters)) {
    const f = await load();
    const out = f(results, { cwd: '/', lang: 'zh', color: false, rules });
    expect(typeof out, name).toBe('string');
    if (name === 'json') expect(() => JSON.parse(out)).not.toThrow();
  }
}

describe('fuzz', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const r = await lint(bytes, { filename: 'fuzz.md', config: {} });
        checkResult(r, undefined);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('random Markdown with front matter, through every formatter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(frontMatter, { nil: '' }), markdown, async (fm, body) => {
        const text = fm + body;
        const r = await lint(text, { filename: 'fuzz.md', config: {} });
        checkResult(r, text);
        await allFormats([r]);
      }),
      { seed: SEED, numRuns: 1200 },
    );
  });

  it("random Markdown: every character of the Draft's prose runs comes from its own source", async () => {
    await loadHtmlParser();
    // lint() drops a leading BOM before it builds the Draft, and refuses a file with NUL bytes as
    // binary (decode.ts); a title's YAML escapes (`\u4e2d`) are not mapped character by character
    const draft = fc
      .tuple(fc.option(frontMatter, { nil: '' }), markdown)
      .map(([fm, body]) => (fm + body).replace(/^\ufeff/, ''))
      .filter((t) => !t.includes('\u0000') && !/\\[uUx0abtnvfre ]/.test(t.split('---\n')[1] ?? ''));
    await fc.assert(
      fc.property(draft, (text) => {
        for (const run of buildDraft(text, 'fuzz.md').runs)
          for (let i = 0; i < run.text.length; i++) {
            const c = run.text[i]!;
            const src = text.slice(run.starts[i], run.ends[i]);
            // a placeholder, a joined line break, a reference or an escape (Markdown's, or YAML's in
            // the title) stand for their source, and U+FFFD for the NUL that Markdown replaces
            if (c === '\ufffc' || c === ' ' || c === '\n' || src.startsWith('&') || src.startsWith('\\') || (c === '\ufffd' && src === '\u0000')) continue;
            expect(src, `${JSON.stringify(text)} run ${JSON.stringify(run.text)} at ${i}`).toBe(c);
          }
      }),
      { seed: SEED, numRuns: 1200 },
    );
  });

  it('random Markdown: --fix is idempotent (fixing the fixed draft changes nothing)', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        const once = await fix(text, { filename: 'fuzz.md', config: {} });
        const twice = await fix(once.output, { filename: 'fuzz.md', config: {} });
        expect(twice.output, JSON.stringify(text)).toBe(once.output);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('random Unicode strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const r = await lint(text, { filename: 'fuzz.md', config: {} });
        checkResult(r, text);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});

describe('UTF-8 validation', () => {
  // decode.ts asks the runtime's validator (buffer.isUtf8) first and scans for the offset only in
  // an invalid file: both must judge every byte sequence alike
  it('isUtf8 and firstInvalidUtf8 agree on random and edge-case bytes', () => {
    const edge = [
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xe4, 0xb8], // cut short
      [0xf0, 0x9f, 0x98, 0x80], // 😀
      [0xe4, 0xb8, 0xad, 0x80], // a lone continuation byte
      [],
    ];
    for (const b of edge) expect(isUtf8(Uint8Array.from(b)), b.join(' ')).toBe(firstInvalidUtf8(Uint8Array.from(b)) < 0);
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0xe4, 0xb8, 0xad, 0xed, 0xf0, 0xf4));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (a) => {
        const b = Uint8Array.from(a);
        expect(isUtf8(b)).toBe(firstInvalidUtf8(b) < 0);
      }),
      { numRuns: 20000, seed: SEED },
    );
    // and text that is valid, whatever its characters
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const b = Buffer.from(s, 'utf8');
        expect(firstInvalidUtf8(b)).toBe(-1);
        expect(decode(b)).toMatchObject({ ok: true, text: s.replace(/^\ufeff/, '') });
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
