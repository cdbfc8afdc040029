/**
 * Kind `pattern`: regular expressions over each prose run.
 *
 * Options:
 * - `patterns`: list of `{regex, flags?, replace?, messageId?, data?}`. A named group `target`
 *   narrows the reported span (and the fix) to that group; `replace` (with `$<name>` references)
 *   is the fix for the span.
 * - `exceptions`: regular expressions; a hit inside a match of one is skipped.
 * - `scopes`: prose scopes to read (default: all).
 * Message data: `actual` (the span), `expected` (the replacement), plus the pattern's `data` and
 * every named group.
 */
import { compilePattern, execAll } from './util/regex.js';
import { fixInRun } from './util/edit.js';
import type { CheckKind, Scope } from '../types.js';

interface PatternSpec {
  regex: string;
  flags?: string;
  replace?: string;
  messageId?: string;
  data?: Record<string, string>;
}

const kind: CheckKind = {
  id: 'pattern',
  validateOptions(o) {
    const errors: string[] = [];
    if (!Array.isArray(o.patterns) || !o.patterns.length) return ['`patterns` must be a non-empty list'];
    for (const p of o.patterns as PatternSpec[]) {
      if (!p || typeof p.regex !== 'string') {
        errors.push('each pattern needs `regex`');
        continue;
      }
      const { error } = compilePattern(p.regex, p.flags);
      if (error) errors.push(error);
    }
    for (const x of (o.exceptions as unknown[]) ?? []) {
      if (typeof x !== 'string') errors.push('`exceptions` must be regular expressions (strings)');
      else {
        const { error } = compilePattern(x);
        if (error) errors.push(error);
      }
    }
    return errors;
  },
  create(rule, options) {
    const specs = (options.patterns as PatternSpec[]).map((p) => ({ ...p, re: compilePattern(p.regex, p.flags).regex! }));
    const exceptions = ((options.exceptions as string[]) ?? []).map((x) => compilePattern(x).regex!);
    const scopes = options.scopes ? new Set(options.scopes as Scope[]) : null;
    return {
      run(draft, report) {
        for (const run of draft.runs) {
          if (scopes && !scopes.has(run.scope)) continue;
          const text = run.text;
          let shields: Array<[number, number]> | null = null;
          for (const spec of specs) {
            for (const m of execAll(spec.re, text)) {
              if (m[0].length === 0) continue;
              let s = m.index!;
              let e = s + m[0].length;
              const groups = m.groups ?? {};
              if (groups.target !== undefined) {
                const off = m[0].indexOf(groups.target);
                if (off >= 0) {
                  s += off;
                  e = s + groups.target.length;
                }
              }
              if (e <= s) continue;
              shields ??= exceptions.flatMap((x) => execAll(x, text).map((mm) => [mm.index!, mm.index! + mm[0].length] as [number, number]));
              if (shields.some(([a, b]) => a <= s && b >= e)) continue;
              const actual = text.slice(s, e);
              const range: [number, number] = [run.starts[s]!, run.ends[e - 1]!];
              const expected =
                spec.replace !== undefined
                  ? spec.replace.replace(/\$<(\w+)>|\$(\d)/g, (_, name: string | undefined, n: string | undefined) => (name ? groups[name] : m[Number(n)]) ?? '')
                  : undefined;
              const named: Record<string, string> = {};
              for (const [k, v] of Object.entries(groups)) if (v !== undefined) named[k] = v;
              report({
                range,
                messageId: spec.messageId,
                data: { ...named, ...spec.data, actual, expected: expected ?? '' },
                fix: rule.fixable && expected !== undefined ? fixInRun(run, draft.source, s, e, expected) : undefined,
              });
            }
          }
        }
      },
    };
  },
};

export default kind;
