/**
 * Suppression comments become ranges (as textlint does):
 *   <!-- draftlint-disable RULE... -->  …  <!-- draftlint-enable RULE... -->
 *   <!-- draftlint-disable-next-line RULE... -->
 *   <!-- draftlint-disable-line RULE... -->
 * and front matter `draftlint: {disable: [RULE...]}` for the whole file. No rule list means all
 * rules; `family/*` matches a family; text after ` -- ` is the justification.
 * A finding is suppressed when its start lies in a matching range. A directive that suppresses
 * nothing is reported (meta/unused-disable).
 */
import { positionAt } from '../document/draft.js';
import type { Draft, Range } from '../types.js';

export interface Suppression {
  range: Range;
  /** null = every rule */
  rules: string[] | null;
  /** the comment (or front matter key) that created it */
  directive: Range;
  justification?: string;
  used: boolean;
  /** the directive form, for messages */
  form: string;
}

const DIRECTIVE = /^draftlint-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

export function matchesRule(pattern: string, ruleId: string): boolean {
  if (pattern === '*' || pattern === ruleId) return true;
  if (pattern.endsWith('/*')) return ruleId.startsWith(pattern.slice(0, -1));
  return false;
}

function parseList(rest: string | undefined): { rules: string[] | null; justification?: string } {
  if (!rest) return { rules: null };
  const [list, ...why] = rest.split(/\s--\s|^--\s/);
  const rules = (list ?? '').split(/[\s,，]+/).filter(Boolean);
  return { rules: rules.length ? rules : null, justification: why.join(' -- ').trim() || undefined };
}

function lineRange(draft: Draft, line: number): Range {
  const starts = draft.lineStarts;
  const s = starts[line - 1] ?? draft.source.length;
  let e = (starts[line] ?? draft.source.length + 1) - 1;
  if (e > s && draft.source[e - 1] === '\r') e--;
  return [s, Math.max(s, e)];
}

function lineOf(draft: Draft, offset: number): number {
  return positionAt(draft.lineStarts, offset).line;
}

export function collectSuppressions(draft: Draft): Suppression[] {
  const out: Suppression[] = [];
  const open: Suppression[] = [];
  const end = draft.source.length;
  for (const c of draft.comments) {
    const m = DIRECTIVE.exec(c.value);
    if (!m) continue;
    const form = m[1]!;
    const { rules, justification } = parseList(m[2]?.trim());
    if (form === 'disable') {
      const s: Suppression = { range: [c.range[1], end], rules, directive: c.range, justification, used: false, form };
      out.push(s);
      open.push(s);
    } else if (form === 'enable') {
      for (let i = open.length - 1; i >= 0; i--) {
        const s = open[i]!;
        if (rules === null) {
          s.range = [s.range[0], c.range[0]];
          open.splice(i, 1);
        } else if (s.rules !== null) {
          const remaining = s.rules.filter((r) => !rules.includes(r));
          if (remaining.length !== s.rules.length) {
            s.range = [s.range[0], c.range[0]];
            open.splice(i, 1);
            if (remaining.length) {
              const cont: Suppression = { range: [c.range[1], end], rules: remaining, directive: s.directive, justification: s.justification, used: false, form };
              out.push(cont);
              open.push(cont);
            }
          }
        }
      }
    } else {
      const line = lineOf(draft, c.range[0]);
      let target = line;
      if (form === 'disable-next-line') {
        target = lineOf(draft, c.range[1]) + 1;
        while (target <= draft.lineStarts.length) {
          const [a, b] = lineRange(draft, target);
          if (draft.source.slice(a, b).trim()) break;
          target++;
        }
      }
      out.push({ range: lineRange(draft, target), rules, directive: c.range, justification, used: false, form });
    }
  }
  // front matter: draftlint: {disable: [...]}
  const fmConf = draft.meta.draftlint as { disable?: unknown } | undefined;
  if (fmConf && typeof fmConf === 'object' && Array.isArray(fmConf.disable)) {
    const rules = fmConf.disable.filter((x): x is string => typeof x === 'string');
    const where = draft.frontMatter?.valueRanges.draftlint ?? [0, 0];
    out.push({ range: [0, end + 1], rules: rules.length ? rules : null, directive: where, used: false, form: 'front matter' });
  }
  return out;
}

/** The suppression that covers a finding of `ruleId` starting at `offset`, if any. Marks it used. */
export function suppressedBy(sups: Suppression[], ruleId: string, offset: number): Suppression | null {
  for (const s of sups) {
    if (offset < s.range[0] || offset > s.range[1] || (offset === s.range[1] && s.range[1] !== s.range[0])) continue;
    if (s.rules === null || s.rules.some((p) => matchesRule(p, ruleId))) {
      s.used = true;
      return s;
    }
  }
  return null;
}
