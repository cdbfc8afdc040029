/**
 * Kind `column`: the draft's declared column (front matter `column`/`栏目`) against the column
 * catalog (notice 一(三)2, 文不对题).
 * - `check: unknown` — the declared column is not in the catalog; suggests the closest names.
 * - `check: mismatch` — the title and body score clearly better for another column (see
 *   src/checks/column/scorer.ts); names the declared column, the 1–3 best ones and the words
 *   that decided it.
 */
import { closestAll } from './util/closest.js';
import { loadColumnCatalog, normalizeColumnName, type ColumnCatalog } from './column/catalog.js';
import { loadColumnModel } from './column/model.js';
import { ColumnScorer, DEFAULT_SCORER_OPTIONS, type ScorerOptions } from './column/scorer.js';
import { PLACEHOLDER } from '../document/draft.js';
import type { CheckContext, CheckKind, Draft, Range } from '../types.js';

const CHECKS = ['unknown', 'mismatch'];

/** The declared column and where it is written. */
export function declaredColumn(draft: Draft): { value: string; range: Range } | null {
  const v = draft.meta.column;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const value = String(v).trim();
  if (!value) return null;
  const range = draft.frontMatter?.valueRanges.column ?? draft.frontMatter?.range ?? [0, 0];
  return { value, range };
}

/** The title (front matter, else the first heading) and the body prose of a draft. */
export function draftText(draft: Draft): { title: string; body: string } {
  const metaTitle = typeof draft.meta.title === 'string' ? draft.meta.title : '';
  const title = metaTitle || draft.headings[0]?.text || '';
  const parts: string[] = [];
  for (const r of draft.runs) if (r.scope !== 'title' && !(metaTitle === '' && r.scope === 'heading' && r.text === title)) parts.push(r.text);
  // placeholders become spaces; one replaceAll over the joined runs does what one per run did
  return { title: title.replaceAll(PLACEHOLDER, ' '), body: parts.join('\n').replaceAll(PLACEHOLDER, ' ') };
}

/** A scorer for a configuration (cached per catalog config). */
const scorers = new Map<string, ColumnScorer>();
export function columnScorer(ctx: Pick<CheckContext, 'config' | 'packageRoot' | 'baseDir'>, options: Partial<ScorerOptions> = {}): ColumnScorer {
  const key = JSON.stringify([ctx.config.columns ?? null, ctx.packageRoot, ctx.baseDir, options]);
  let s = scorers.get(key);
  if (!s) {
    let catalog: ColumnCatalog;
    try {
      catalog = loadColumnCatalog(ctx.config, ctx.packageRoot, ctx.baseDir);
    } catch (e) {
      throw new Error(`config columns: ${(e as Error).message}`);
    }
    s = new ColumnScorer(catalog, () => loadColumnModel(ctx.packageRoot), options); // the model loads on first use
    scorers.set(key, s);
  }
  return s;
}

const quote = (words: string[]) => words.map((w) => `“${w}”`).join('');

const kind: CheckKind = {
  id: 'column',
  validateOptions(o) {
    const out: string[] = [];
    if (!CHECKS.includes(String(o.check))) out.push(`check: must be one of ${CHECKS.join(', ')}`);
    for (const [k, v] of Object.entries(o)) {
      if (k === 'check') continue;
      if (!(k in DEFAULT_SCORER_OPTIONS)) out.push(`unknown option "${k}"`);
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) out.push(`${k}: must be a number ≥ 0`);
    }
    return out;
  },
  create(_rule, options, ctx) {
    const check = String(options.check);
    const scorerOptions: Partial<ScorerOptions> = {};
    for (const [k, v] of Object.entries(options)) if (k in DEFAULT_SCORER_OPTIONS) (scorerOptions as Record<string, number>)[k] = v as number;
    let scorer: ColumnScorer | null = null;
    const get = () => (scorer ??= columnScorer(ctx, scorerOptions));
    // fail early on a bad `columns:` section
    get();
    return {
      run(draft, report) {
        const declared = declaredColumn(draft);
        if (!declared) return;
        const s = get();
        const column = s.catalog.get(declared.value);
        if (check === 'unknown') {
          if (column) return;
          const near = closestAll(normalizeColumnName(declared.value), s.catalog.columns.map((c) => c.name), 3);
          const viaAlias = closestAll(normalizeColumnName(declared.value), s.catalog.names(), 3)
            .map((n) => s.catalog.get(n)!.name)
            .filter((n) => !near.includes(n));
          const names = [...near, ...viaAlias].slice(0, 3);
          report({
            range: declared.range,
            messageId: names.length ? 'default' : 'none',
            data: { column: declared.value, suggestions: names.join('、') },
            suggestions: names.map((n) => ({ desc: `改为“${n}”`, fix: { range: declared.range, text: n } })),
          });
          return;
        }
        if (!column) return; // column/unknown reports it
        const { title, body } = draftText(draft);
        const v = s.check(column, title, body);
        if (!v?.mismatch) return;
        report({
          range: declared.range,
          data: {
            column: declared.value,
            best: v.best.column.name,
            suggestions: v.suggestions.map((x) => x.column.name).join('、'),
            evidence: quote(v.evidence),
          },
          suggestions: v.suggestions.map((x) => ({ desc: `改为“${x.column.name}”`, fix: { range: declared.range, text: x.column.name } })),
        });
      },
    };
  },
};

export default kind;
