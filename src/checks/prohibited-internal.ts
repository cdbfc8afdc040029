/**
 * Kind `prohibited-internal`: a per-draft scored classifier for routine internal activity news
 * and reposted upper-level documents (notice 一(三)1⑤⑦). See prohibited/internal.ts.
 *
 * Options: `dictionary` (cue file under dictionaries/), `threshold` (default 3), `leadCap` (1.5),
 * `bodyCap` (2.5), `negativeCap` (3), `docNumberWeight` (4).
 * Config: `prohibited.upperLevelPrefixes` (replaces the default list of upper-level document-number
 * prefixes), `prohibited.extra['prohibited/internal']` (title terms, each worth `threshold`).
 * Reports once per draft, on the title (front matter title, else the first heading, else the
 * first paragraph). messageId `repost` when the evidence shows a reposted upper-level document.
 * Message data: `score`, `threshold`, `evidence` (every cue that fired, with its weight).
 */
import path from 'node:path';
import { loadList } from '../engine/dictionaries.js';
import type { CheckKind } from '../types.js';
import { isSafeRegex } from './util/regex.js';
import { DEFAULT_UPPER_LEVEL_PREFIXES, classifyInternal, type Cue, type CueWhere, type Evidence } from './prohibited/internal.js';

const NUM_OPTS = ['threshold', 'leadCap', 'bodyCap', 'negativeCap', 'docNumberWeight'] as const;
const WHERE: CueWhere[] = ['title', 'lead', 'body', 'address'];

export function loadCues(file: string): Cue[] {
  const list = loadList(file);
  const cues: Cue[] = [];
  const errors: string[] = [];
  for (const e of list.entries) {
    const [where, weight, pattern, label] = e.fields;
    const at = `${path.basename(file)}:${e.line}`;
    if (!WHERE.includes(where as CueWhere)) errors.push(`${at}: unknown place "${where}"`);
    else if (!Number.isFinite(Number(weight))) errors.push(`${at}: weight must be a number`);
    else if (!pattern) errors.push(`${at}: empty pattern`);
    else {
      try {
        const re = new RegExp(pattern.startsWith('re:') ? pattern.slice(3) : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u');
        if (!isSafeRegex(re)) errors.push(`${at}: regex may backtrack catastrophically`);
        else cues.push({ where: where as CueWhere, weight: Number(weight), re, label: label || pattern, line: e.line });
      } catch (err) {
        errors.push(`${at}: ${(err as Error).message}`);
      }
    }
  }
  if (errors.length) throw new Error(errors.join('; '));
  return cues;
}

const WHERE_ZH: Record<Evidence['where'], string> = { title: '标题', lead: '导语', body: '正文', address: '主送机关', docnum: '文号' };
const WHERE_EN: Record<Evidence['where'], string> = { title: 'title', lead: 'lead', body: 'body', address: 'address line', docnum: 'doc number' };

export function formatEvidence(ev: Evidence[], lang: 'zh' | 'en'): string {
  const names = lang === 'en' ? WHERE_EN : WHERE_ZH;
  return ev
    .map((e) => `${names[e.where]}“${e.text}”（${e.label} ${e.weight > 0 ? '+' : ''}${e.weight}）`)
    .join(lang === 'en' ? '; ' : '；');
}

const kind: CheckKind = {
  id: 'prohibited-internal',
  validateOptions(o) {
    const errors: string[] = [];
    for (const k of Object.keys(o)) if (k !== 'dictionary' && !(NUM_OPTS as readonly string[]).includes(k)) errors.push(`unknown option "${k}"`);
    if (typeof o.dictionary !== 'string' || !o.dictionary) errors.push('`dictionary` (a file under dictionaries/) is required');
    for (const k of NUM_OPTS) if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k]))) errors.push(`\`${k}\` must be a number`);
    return errors;
  },
  create(rule, options, ctx) {
    const cues = loadCues(path.join(ctx.packageRoot, 'dictionaries', options.dictionary as string));
    const prohibited = (ctx.config.prohibited ?? {}) as Record<string, unknown>;
    const threshold = (options.threshold as number) ?? 3;
    const extra = (prohibited.extra as Record<string, unknown> | undefined)?.[rule.id];
    if (extra !== undefined && !Array.isArray(extra)) throw new Error(`prohibited.extra.${rule.id} must be a list of terms`);
    for (const t of (extra as unknown[]) ?? []) {
      if (typeof t !== 'string' || !t.trim()) throw new Error(`prohibited.extra.${rule.id}: terms must be non-empty strings`);
      cues.push({ where: 'title', weight: threshold, re: new RegExp(t.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u'), label: '自定义', line: 0 });
    }
    const prefixes = prohibited.upperLevelPrefixes;
    if (prefixes !== undefined && (!Array.isArray(prefixes) || prefixes.some((p) => typeof p !== 'string')))
      throw new Error('prohibited.upperLevelPrefixes must be a list of document-number prefixes such as 国办发');
    const opts = {
      threshold,
      leadCap: (options.leadCap as number) ?? 1.5,
      bodyCap: (options.bodyCap as number) ?? 2.5,
      negativeCap: (options.negativeCap as number) ?? 3,
      docNumberWeight: (options.docNumberWeight as number) ?? 4,
      upperLevelPrefixes: (prefixes as string[] | undefined) ?? DEFAULT_UPPER_LEVEL_PREFIXES,
    };
    return {
      run(draft, report) {
        const titleRun = draft.runs.find((r) => r.scope === 'title');
        const firstHeading = draft.runs.find((r) => r.scope === 'heading');
        const title = titleRun?.text ?? (typeof draft.meta.title === 'string' ? draft.meta.title : (firstHeading?.text ?? ''));
        const bodyRuns = draft.runs.filter((r) => r.scope !== 'title' && r !== (titleRun ? null : firstHeading));
        const docNumber = typeof draft.meta.doc_number === 'string' ? draft.meta.doc_number : undefined;
        const { score, evidence } = classifyInternal({ title, paragraphs: bodyRuns.map((r) => r.text), docNumber }, cues, opts);
        if (score < opts.threshold) return;
        const at = titleRun ?? firstHeading ?? draft.runs[0];
        const range: [number, number] = at && at.text.length ? [at.starts[0]!, at.ends[at.text.length - 1]!] : [0, Math.min(1, draft.source.length)];
        const repost = evidence.some((e) => e.where === 'docnum' || e.where === 'address' || /转发/u.test(e.label));
        report({
          range,
          messageId: repost ? 'repost' : 'default',
          data: { score, threshold: opts.threshold, evidence: formatEvidence(evidence.filter((e) => e.weight !== 0), ctx.lang) },
        });
      },
    };
  },
};

export default kind;
