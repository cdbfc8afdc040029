/**
 * Kind `prohibited-terms`: context-aware term lists for prohibited/secret, prohibited/sensitive and
 * prohibited/undecided (notice 一(三)1①②④). See prohibited/terms.ts for the dictionary format.
 *
 * Options:
 * - `dictionary`: file name under dictionaries/ (required);
 * - `exemptConsultation`: true → a public consultation draft (column 意见征集, or the body asks the
 *   public for comments with a deadline) gives no finding (一(三)1④ “公开征集意见的除外”);
 * - `scopes`: prose scopes to read (default all).
 * Config: `prohibited.extra: {<rule id>: [terms]}` adds plain terms (mode `phrase`, messageId
 * `default`).
 * Message data: `term` (the matched text), `entry` (the dictionary pattern), `line` (its line).
 */
import path from 'node:path';
import { loadList } from '../engine/dictionaries.js';
import type { CheckKind, ProseRun, Scope } from '../types.js';
import { isSafeRegex } from './util/regex.js';
import { compileEntry, dedupeHits, findTerms, isConsultation, type TermEntry, type TermHit } from './prohibited/terms.js';

const SCOPES = ['title', 'heading', 'paragraph', 'tableCell'];

export function loadTermEntries(file: string, ruleId: string, extra: unknown): TermEntry[] {
  const list = loadList(file);
  const errors: string[] = [];
  const entries: TermEntry[] = [];
  for (const e of list.entries) {
    const r = compileEntry(e.fields, e.line, path.basename(file), isSafeRegex);
    if (typeof r === 'string') errors.push(r);
    else entries.push(r);
  }
  const mine = extra && typeof extra === 'object' ? (extra as Record<string, unknown>)[ruleId] : undefined;
  if (mine !== undefined) {
    if (!Array.isArray(mine)) errors.push(`prohibited.extra.${ruleId} must be a list of terms`);
    else
      for (const t of mine) {
        if (typeof t !== 'string' || !t.trim()) {
          errors.push(`prohibited.extra.${ruleId}: terms must be non-empty strings`);
          continue;
        }
        const r = compileEntry([t.trim(), 'phrase', 'default'], 0, 'config prohibited.extra', isSafeRegex);
        if (typeof r === 'string') errors.push(r);
        else entries.push(r);
      }
  }
  if (errors.length) throw new Error(errors.join('; '));
  return entries;
}

const kind: CheckKind = {
  id: 'prohibited-terms',
  validateOptions(o) {
    const errors: string[] = [];
    for (const k of Object.keys(o)) if (!['dictionary', 'exemptConsultation', 'scopes'].includes(k)) errors.push(`unknown option "${k}"`);
    if (typeof o.dictionary !== 'string' || !o.dictionary) errors.push('`dictionary` (a file under dictionaries/) is required');
    if (o.exemptConsultation !== undefined && typeof o.exemptConsultation !== 'boolean') errors.push('`exemptConsultation` must be true or false');
    if (o.scopes !== undefined && (!Array.isArray(o.scopes) || o.scopes.some((s) => !SCOPES.includes(s as string))))
      errors.push(`\`scopes\` must be a list of ${SCOPES.join(', ')}`);
    return errors;
  },
  create(rule, options, ctx) {
    const file = path.join(ctx.packageRoot, 'dictionaries', options.dictionary as string);
    const entries = loadTermEntries(file, rule.id, (ctx.config.prohibited as Record<string, unknown> | undefined)?.extra);
    const unknown = [...new Set(entries.map((e) => e.messageId).filter((id) => !rule.messages[id]))];
    if (unknown.length) throw new Error(`${path.basename(file)}: messageId ${unknown.join(', ')} not defined in rule ${rule.id}`);
    const scopes = options.scopes ? new Set(options.scopes as Scope[]) : null;
    const exemptConsultation = options.exemptConsultation === true;
    // one combined scan decides whether a run needs the per-entry pass at all
    const prefilter = new RegExp(entries.map((e) => `(?:${e.re.source})`).join('|'), 'u');
    return {
      run(draft, report) {
        const title = typeof draft.meta.title === 'string' ? draft.meta.title : (draft.headings[0]?.text ?? '');
        const found: Array<{ run: ProseRun; hits: TermHit[] }> = [];
        for (const run of draft.runs) {
          if (scopes && !scopes.has(run.scope)) continue;
          if (!prefilter.test(run.text)) continue;
          const isTitle = run.scope === 'title' || (run.scope === 'heading' && run.depth === 1);
          const hits = dedupeHits([...findTerms(run.text, entries, { title: isTitle, draftTitle: title })]);
          if (hits.length) found.push({ run, hits });
        }
        if (!found.length) return;
        // a public consultation is exempt; asked only of a draft with a finding, since reading its
        // whole body for that costs more than the scan above
        if (exemptConsultation) {
          const body = draft.runs.map((r) => r.text).join('\n');
          if (isConsultation(draft.meta.column, title + '\n' + body).yes) return;
        }
        for (const { run, hits } of found)
          for (const h of hits) {
            report({
              range: [run.starts[h.start]!, run.ends[h.end - 1]!],
              messageId: h.entry.messageId,
              data: { term: h.text, entry: h.entry.pattern, line: h.entry.line },
            });
          }
      },
    };
  },
};

export default kind;
