/**
 * Kind `pii`: personal data of citizens (notice 一(三)1①), validated — not bare digit runs.
 *
 * Options:
 * - `mode`: `privacy` (default) reports unmasked personal data with the masked form as the fix;
 *   `mask` reports already-masked numbers that show more than the site-wide policy allows.
 * - `kinds`: which kinds to report (default all): id, id15, mobile, bankCard, passport, permit,
 *   email, address. passport/permit/email/address are reported as warnings.
 * Config: `privacy.mask` (see pii/mask.ts), `privacy.allow` (numbers/e-mails published on purpose,
 * e.g. a unit's public mobile hotline).
 * Reads the prose runs, then the source of code, inline code and raw HTML (all of it is published).
 * Message data: `kind` (in the run's language), `value`, `masked`; mask mode adds `extra`,
 * `keepStart`, `keepEnd`.
 */
import { lineRange } from '../document/draft.js';
import type { CheckKind, Draft, Report } from '../types.js';
import { policyFor, resolveMaskPolicy, type MaskPolicy } from './pii/mask.js';
import { KIND_LABEL_EN, KIND_LABEL_ZH, checkMasked, scanMasked, scanPii } from './pii/scan.js';

const KINDS = ['id', 'id15', 'mobile', 'bankCard', 'passport', 'permit', 'email', 'address'];

/**
 * Web addresses and file paths in code and HTML, blanked out (same length, so offsets hold): an
 * article number in a link (`art_1229_13905678123.html`) is not a phone number. In prose, links
 * are already replaced. A `tel:` or `mailto:` address stays: that is personal data, published.
 */
const ADDRESS = /(?:https?|ftp|file|data):[^\s"'<>`]*|www\.[^\s"'<>`]*|\b(?:href|src|srcset|action|poster|background)\s*=\s*(?:"(?!tel:|mailto:)[^"]*"|'(?!tel:|mailto:)[^']*'|(?!["']|tel:|mailto:)[^\s>]+)/gi;
export function blankAddresses(text: string): string {
  return text.replace(ADDRESS, (m) => ' '.repeat(m.length));
}

/**
 * One rule's scan over a piece of text: a prose run (character i spans [starts[i], ends[i]) of the
 * source) or a stretch of source as it stands (`starts` null: character i is at base + i). A class
 * rather than a closure per draft, which V8 would compile again after full collections (issue 9).
 */
class Scanner {
  constructor(
    private readonly mode: string,
    private readonly kinds: Set<string>,
    private readonly labels: Record<string, string>,
    private readonly policy: MaskPolicy,
    private readonly allow: Set<string>,
  ) {}

  /** report only what lies in [from, to) of the source; the rest of the text is context (a label) */
  scan(draft: Draft, report: (r: Report) => void, seen: Set<number>, text: string, starts: Uint32Array | null, ends: Uint32Array | null, base: number, from = 0, to = Infinity): void {
    const { kinds, labels, policy } = this;
    const startOf = (i: number) => (starts ? starts[i]! : base + i);
    const endOf = (i: number) => (ends ? ends[i]! : base + i + 1);
    // masked forms are read from the source: Markdown would take `**` in 2111**…**47 for emphasis
    // (in privacy mode only to rule out hits, so only read when there are any)
    const rawStart = startOf(0);
    const rawEnd = endOf(text.length - 1);
    if (this.mode === 'mask') {
      for (const h of scanMasked(draft.source.slice(rawStart, rawEnd))) {
        if (!kinds.has(h.kind)) continue;
        const r = checkMasked(h, policy);
        if (!r) continue;
        const range: [number, number] = [rawStart + h.start, rawStart + h.end];
        if (range[0] < from || range[1] > to || seen.has(range[0])) continue;
        seen.add(range[0]);
        const keep = policyFor(h.kind, policy)!;
        report({
          range,
          data: { kind: labels[h.kind]!, value: h.value, masked: r.fixed, extra: r.extra, keepStart: keep[0], keepEnd: keep[1] },
          fix: { range, text: r.fixed },
        });
      }
      return;
    }
    const hits = scanPii(text, { policy, allow: this.allow });
    if (!hits.length) return;
    const maskedSpans = scanMasked(draft.source.slice(rawStart, rawEnd)).map((h) => [rawStart + h.start, rawStart + h.end] as const);
    for (const h of hits) {
      if (!kinds.has(h.kind)) continue;
      const range: [number, number] = [startOf(h.start), endOf(h.end - 1)];
      if (maskedSpans.some(([a, b]) => range[0] < b && a < range[1])) continue;
      if (range[0] < from || range[1] > to || seen.has(range[0])) continue;
      seen.add(range[0]);
      // fix only when the source spells the value exactly (no markup or entities inside)
      const exact = draft.source.slice(range[0], range[1]) === h.value;
      report({
        range,
        data: { kind: labels[h.kind]!, value: h.value, masked: h.masked },
        ...(exact && h.masked !== h.value ? { fix: { range, text: h.masked } } : {}),
        ...(h.weak ? { severity: 'warning' as const } : {}),
      });
    }
  }
}

const kind: CheckKind = {
  id: 'pii',
  validateOptions(o) {
    const errors: string[] = [];
    for (const k of Object.keys(o)) if (!['mode', 'kinds'].includes(k)) errors.push(`unknown option "${k}"`);
    if (o.mode !== undefined && o.mode !== 'privacy' && o.mode !== 'mask') errors.push('`mode` must be privacy or mask');
    if (o.kinds !== undefined) {
      if (!Array.isArray(o.kinds)) errors.push('`kinds` must be a list');
      else for (const k of o.kinds) if (!KINDS.includes(k as string)) errors.push(`unknown kind "${String(k)}" (${KINDS.join(', ')})`);
    }
    return errors;
  },
  create(_rule, options, ctx) {
    const privacy = (ctx.config.privacy ?? {}) as Record<string, unknown>;
    const { policy, problems } = resolveMaskPolicy(privacy.mask);
    if (problems.length) throw new Error(problems.join('; '));
    const allow = new Set(
      (Array.isArray(privacy.allow) ? privacy.allow : []).map((v) => {
        const s = String(v);
        return s.includes('@') ? s.toLowerCase() : s.replace(/[^\dA-Za-z]/g, '');
      }),
    );
    const mode = (options.mode as string) ?? 'privacy';
    const kinds = new Set((options.kinds as string[]) ?? KINDS);
    const labels = ctx.lang === 'en' ? KIND_LABEL_EN : KIND_LABEL_ZH;
    const scanner = new Scanner(mode, kinds, labels, policy, allow);
    return {
      run(draft, report) {
        const seen = new Set<number>();
        for (const run of draft.runs) if (run.text.length) scanner.scan(draft, report, seen, run.text, run.starts, run.ends, 0);
        // Code, inline code and raw HTML (an HTML table pasted from the CMS, a comment) are
        // published too, and a number in them is as public as in a paragraph: read their source
        // as it stands. Indented Chinese text is already among the runs.
        for (const r of draft.codeRanges) {
          if (r[1] <= r[0] || draft.indentedText.some((t) => t[0] === r[0])) continue;
          scanner.scan(draft, report, seen, blankAddresses(draft.source.slice(r[0], r[1])), null, null, r[0]);
        }
        // and links to a phone number or a mailbox: [值班电话](tel:13905678127), and an e-mail
        // address in the text, which Markdown makes a link (so the prose holds a placeholder):
        // read within its line, whose words tell a unit's mailbox (投稿邮箱：…) from a person's
        for (const l of draft.links) {
          // an image's alt text is published in the page (shown when the image fails, read aloud)
          if (l.kind === 'image' && l.text) {
            const at = draft.source.indexOf(l.text, l.range[0]);
            if (at >= 0 && at + l.text.length <= l.range[1]) scanner.scan(draft, report, seen, l.text, null, null, at);
          }
          const [a, b] = l.urlRange;
          if (b <= a || !/^(?:tel|mailto):/i.test(l.url)) continue;
          const [lineStart] = lineRange(draft.source, draft.lineStarts, a);
          const [, lineEnd] = lineRange(draft.source, draft.lineStarts, b);
          scanner.scan(draft, report, seen, blankAddresses(draft.source.slice(lineStart, lineEnd)), null, null, lineStart, a, b);
        }
      },
    };
  },
};

export default kind;
