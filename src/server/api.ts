/**
 * What the editors' desk can ask of the engine: lint text (with front matter fields picked in the
 * page), apply one fix or all fixes, read an uploaded Word/text/Markdown file, render the printable
 * report, list the column catalog. Every answer comes from the engine (src/engine) — the server
 * and the page hold no rule logic; this module only shapes the engine's results for the page.
 */
import { join, resolve } from 'node:path';
import { applyFixes, fix, lint, packageRoot, resolveConfig, ruleDefinitions, type LintMessage, type LintOptions, type LintResult } from '../engine/index.js';
import { computeLineStarts } from '../document/draft.js';
import { canonicalKey, scanFrontMatter } from '../document/frontmatter.js';
import {
  convertDraft,
  deriveTitle,
  needsFrontMatter,
  noFrontMatterNote,
  recount,
  withFrontMatter,
  type DraftInput,
  type FrontMatterFields,
} from '../document/input.js';
import { loadColumnCatalog } from '../checks/column/catalog.js';
import { CHANNELS } from '../checks/frontmatter.js';
import { formatters } from '../report/index.js';
import { simpleHtmlReport } from './report.js';
import { familyLabel } from './i18n.js';
import { familyRank } from '../report/families.js';
import type { Fix, Lang } from '../types.js';

export interface DeskContext {
  /** directory the desk was started in: config is looked up from here */
  cwd: string;
  /** an explicit config file (`--config`) */
  configFile?: string;
  lang: Lang;
}

/** The fields an editor picks in the page. */
export interface DeskFields {
  column?: string;
  unit?: string;
  channel?: string;
  date?: string;
  author?: string;
  title?: string;
}

/** A finding as the page shows it: the engine's message plus offsets into the shown text. */
export interface DeskFinding {
  index: number;
  ruleId: string;
  family: string;
  severity: 'error' | 'warning';
  message: string;
  /** the notice item it enforces */
  basis?: string;
  /** the inspection indicator it would trigger */
  indicator?: string;
  /** true for 单项否决 indicators (one such finding fails the whole site in an inspection) */
  veto: boolean;
  /** half-open UTF-16 offsets into `text` */
  start: number;
  end: number;
  line: number;
  column: number;
  /** the covered text */
  target: string;
  fix?: Fix;
  suggestions?: Array<{ desc: string; fix: Fix }>;
}

export interface DeskAnswer {
  /** the text the findings refer to (the editor's text with the picked fields filled in) */
  text: string;
  /** the text for the editor to keep working on (without the front matter the fields added) */
  editorText: string;
  findings: DeskFinding[];
  families: Array<{ id: string; label: string; count: number; errors: number; veto: number }>;
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  vetoCount: number;
  notes: string[];
  positionNote?: string;
}

const FIELD_KEYS: Record<keyof DeskFields, string> = {
  title: '标题',
  column: '栏目',
  unit: '发布单位',
  author: '撰稿人',
  channel: '渠道',
  date: '日期',
};

/** Picked fields → front matter fields with the Chinese keys an editor reads. */
export function frontMatterFields(fields: DeskFields | undefined): FrontMatterFields {
  const out: FrontMatterFields = {};
  for (const [k, zh] of Object.entries(FIELD_KEYS)) {
    const v = fields?.[k as keyof DeskFields];
    if (typeof v === 'string' && v.trim()) out[zh] = v.trim();
  }
  return out;
}

function hasAnyField(fields: DeskFields | undefined): boolean {
  return Object.keys(frontMatterFields(fields)).length > 0;
}

/**
 * The text to lint: the editor's text with the picked fields filled into its front matter
 * (a new block when it has none; only missing keys otherwise). When at least one field is picked
 * and the text has no title, the title is taken from its first heading or line. `inserted` is the
 * one block of text that was added (to take it out again after fixes).
 */
export function effectiveText(
  text: string,
  fields: DeskFields | undefined,
): { text: string; inserted?: { at: number; value: string; whole: boolean }; derivedTitle?: [number, number] } {
  if (!hasAnyField(fields)) return { text };
  const fm = frontMatterFields(fields);
  const own = scanFrontMatter(text);
  let derived: string | undefined;
  if (!fm['标题']) {
    const hasTitle = own.frontMatter?.data && 'title' in own.frontMatter.data;
    if (!hasTitle) {
      const t = deriveTitle(text);
      if (t) fm['标题'] = derived = t;
    }
  }
  // keep a natural order: 标题 first
  const ordered: FrontMatterFields = {};
  for (const zh of Object.values(FIELD_KEYS)) if (fm[zh]) ordered[zh] = fm[zh];
  const out = withFrontMatter(text, ordered);
  if (out === text) return { text };
  // withFrontMatter inserts exactly one block: find it
  let at = 0;
  while (at < text.length && text[at] === out[at]) at++;
  const value = out.slice(at, at + out.length - text.length);
  const result: ReturnType<typeof effectiveText> = { text: out, inserted: { at, value, whole: !own.frontMatter } };
  if (derived) {
    const line = /^标题: .*$/m.exec(value);
    if (line) result.derivedTitle = [at + line.index, at + line.index + line[0].length];
  }
  return result;
}

/**
 * Take the front matter `effectiveText` added out of a fixed text again: the whole block when
 * the editor's text had none, else the added lines (when no fix touched them).
 */
export function editorTextOf(output: string, inserted: { at: number; value: string; whole: boolean } | undefined): string {
  if (!inserted) return output;
  if (inserted.whole) {
    const fm = scanFrontMatter(output).frontMatter;
    if (!fm) return output;
    return output.slice(fm.range[1]).replace(/^\r?\n/, '');
  }
  const at = output.slice(inserted.at, inserted.at + inserted.value.length) === inserted.value ? inserted.at : output.indexOf(inserted.value);
  if (at < 0) return output;
  return output.slice(0, at) + output.slice(at + inserted.value.length);
}

function lintOptions(ctx: DeskContext, filename?: string): LintOptions {
  const name = (filename ?? '稿件.md').replace(/[\\/]/g, '_').slice(0, 200) || '稿件.md';
  const o: LintOptions = { filename: join(ctx.cwd, name), lang: ctx.lang, online: false };
  if (ctx.configFile) o.configFile = ctx.configFile;
  return o;
}

function shape(result: LintResult & { notes?: string[]; positionNote?: string }, text: string, lang: Lang, editorText = text): DeskAnswer {
  const starts = computeLineStarts(text);
  const off = (line: number, col: number) => Math.min(text.length, (starts[line - 1] ?? text.length) + col - 1);
  const findings: DeskFinding[] = result.messages.map((m: LintMessage, index) => {
    const start = off(m.line, m.column);
    const end = Math.max(start, off(m.endLine, m.endColumn));
    const f: DeskFinding = {
      index,
      ruleId: m.ruleId,
      family: m.ruleId.split('/')[0]!,
      severity: m.severity === 2 ? 'error' : 'warning',
      message: m.message,
      veto: !!m.indicator && m.indicator.startsWith('单项否决'),
      start,
      end,
      line: m.line,
      column: m.column,
      target: text.slice(start, end),
    };
    if (m.basis) f.basis = m.basis;
    if (m.indicator) f.indicator = m.indicator;
    if (m.fix) f.fix = m.fix;
    if (m.suggestions?.length) f.suggestions = m.suggestions;
    return f;
  });
  const fam = new Map<string, { id: string; label: string; count: number; errors: number; veto: number }>();
  for (const f of findings) {
    let g = fam.get(f.family);
    if (!g) fam.set(f.family, (g = { id: f.family, label: familyLabel(f.family, lang), count: 0, errors: 0, veto: 0 }));
    g.count++;
    if (f.severity === 'error') g.errors++;
    if (f.veto) g.veto++;
  }
  const answer: DeskAnswer = {
    text,
    editorText,
    findings,
    families: [...fam.values()].sort((a, b) => familyRank(a.id) - familyRank(b.id) || a.id.localeCompare(b.id)),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    fixableCount: findings.filter((f) => f.fix).length,
    vetoCount: findings.filter((f) => f.veto).length,
    notes: result.notes ?? [],
  };
  if (result.positionNote) answer.positionNote = result.positionNote;
  return answer;
}

/** A draft with no front matter and no picked field: front-matter rules stay quiet, said once. */
function gate(result: LintResult, text: string, fields: DeskFields | undefined, lang: Lang): LintResult & { notes?: string[] } {
  if (hasAnyField(fields) || scanFrontMatter(text).frontMatter || scanFrontMatter(text).unclosed) return result;
  const out = recount({ ...result, messages: result.messages.filter((m) => !needsFrontMatter(m.ruleId)) });
  return { ...out, notes: [noFrontMatterNote(lang)] };
}

/**
 * Findings inside a title the desk took from the text's first heading repeat the heading's own:
 * drop them (except front matter rules).
 */
function dropDerivedTitle(result: LintResult, text: string, range: [number, number] | undefined): LintResult {
  if (!range) return result;
  const starts = computeLineStarts(text);
  const inTitle = (m: LintMessage) => {
    const o = (starts[m.line - 1] ?? 0) + m.column - 1;
    return o >= range[0] && o < range[1] && !m.ruleId.startsWith('meta/');
  };
  if (!result.messages.some(inTitle)) return result;
  return recount({ ...result, messages: result.messages.filter((m) => !inTitle(m)) });
}

async function lintText(
  ctx: DeskContext,
  text: string,
  fields: DeskFields | undefined,
  filename?: string,
): Promise<{ text: string; inserted?: { at: number; value: string; whole: boolean }; result: LintResult & { notes?: string[] } }> {
  const eff = effectiveText(text, fields);
  const result = dropDerivedTitle(await lint(eff.text, lintOptions(ctx, filename)), eff.text, eff.derivedTitle);
  return { text: eff.text, inserted: eff.inserted, result: gate(result, eff.text, fields, ctx.lang) };
}

/** Lint the editor's text. */
export async function deskLint(ctx: DeskContext, body: { text: string; fields?: DeskFields; filename?: string }): Promise<DeskAnswer> {
  const { text, result } = await lintText(ctx, body.text, body.fields, body.filename);
  return shape(result, text, ctx.lang, body.text);
}

export class DeskConflict extends Error {}

/**
 * Apply fixes: all of them (the engine's `fix`, repeated until nothing changes), or the fix (or
 * suggestion) of the finding with `index` in the answer for the same text. `ruleId` guards against
 * a page that is out of date.
 */
export async function deskFix(
  ctx: DeskContext,
  body: { text: string; fields?: DeskFields; filename?: string; index?: number; suggestion?: number; ruleId?: string },
): Promise<DeskAnswer & { changed: boolean }> {
  const opts = lintOptions(ctx, body.filename);
  if (body.index === undefined) {
    const eff = effectiveText(body.text, body.fields);
    const r = await fix(eff.text, opts);
    const editorText = editorTextOf(r.output, eff.inserted);
    // the answer is that of the fixed editor's text, as the next check will see it
    const next = await lintText(ctx, editorText, body.fields, body.filename);
    return { ...shape(next.result, next.text, ctx.lang, editorText), changed: r.changed };
  }
  const { text, inserted, result } = await lintText(ctx, body.text, body.fields, body.filename);
  const m = result.messages[body.index];
  if (!m || (body.ruleId && m.ruleId !== body.ruleId)) throw new DeskConflict('finding not found');
  const f = body.suggestion === undefined ? m.fix : m.suggestions?.[body.suggestion]?.fix;
  if (!f) throw new DeskConflict('no fix');
  const { output } = applyFixes(text, [f]);
  const editorText = editorTextOf(output, inserted);
  const next = await lintText(ctx, editorText, body.fields, body.filename);
  return { ...shape(next.result, next.text, ctx.lang, editorText), changed: output !== text };
}

/**
 * Read an uploaded file (Markdown, Word or text) into Markdown and lint it. Picked fields become
 * the front matter of a Word or text file (it has none of its own), config `defaults` fill the
 * rest; with neither, the front-matter rules stay quiet (as in the CLI). The answer's positions
 * are offsets into the converted Markdown, which the page shows and edits from then on.
 */
export async function deskUpload(ctx: DeskContext, bytes: Buffer, name: string, fields?: DeskFields): Promise<DeskAnswer & { kind: DraftInput['kind']; name: string }> {
  const probe = await convertDraft(bytes, name, { lang: ctx.lang });
  let picked = fields;
  if (probe.kind !== 'markdown') {
    // a Word or text file has no front matter of its own: config `defaults` fill unpicked fields
    const { config } = resolveConfig(lintOptions(ctx, name), ctx.cwd);
    const defaults = config.defaults && typeof config.defaults === 'object' ? (config.defaults as Record<string, unknown>) : {};
    const fromDefaults: DeskFields = {};
    for (const [k, v] of Object.entries(defaults)) {
      const key = canonicalKey(k);
      if (key && key in FIELD_KEYS && (typeof v === 'string' || v instanceof Date)) fromDefaults[key as keyof DeskFields] = typeof v === 'string' ? v : v.toISOString().slice(0, 10);
    }
    picked = { ...fromDefaults, ...Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => typeof v === 'string' && v.trim())) };
  }
  const { text, result } = await lintText(ctx, probe.text, picked, name);
  const notes = [...(result.notes ?? []), ...probe.warnings.map((w) => (ctx.lang === 'en' ? 'Word reader: ' : 'Word 读取提示：') + w)];
  return { ...shape({ ...result, notes }, text, ctx.lang, probe.text), kind: probe.kind, name: probe.name };
}

/** The printable HTML report of the editor's text (the `html` formatter when there is one). */
export async function deskReport(ctx: DeskContext, body: { text: string; fields?: DeskFields; filename?: string }): Promise<string> {
  const { text, result } = await lintText(ctx, body.text, body.fields, body.filename);
  const name = (body.filename ?? '稿件.md').replace(/[\\/]/g, '_');
  const shown = { ...result, filePath: resolve(ctx.cwd, name) };
  const load = formatters.html;
  if (load) {
    const formatter = await load();
    return formatter([shown], { cwd: ctx.cwd, lang: ctx.lang, color: false, rules: ruleDefinitions() });
  }
  return simpleHtmlReport(shape(result, text, ctx.lang), name, ctx.lang);
}

/** Options for the page's drop-downs: the column catalog, channels, units, config defaults. */
export function deskInfo(ctx: DeskContext, version: string) {
  const opts = lintOptions(ctx);
  const { config } = resolveConfig(opts, ctx.cwd);
  let columns: Array<{ name: string; aliases: string[]; description: string }> = [];
  let columnError: string | undefined;
  try {
    columns = loadColumnCatalog(config, packageRoot, ctx.cwd).columns.map((c) => ({ name: c.name, aliases: c.aliases, description: c.description }));
  } catch (e) {
    columnError = (e as Error).message;
  }
  const site = (config.site ?? {}) as Record<string, unknown>;
  const defaults = (config.defaults ?? {}) as Record<string, unknown>;
  const units = new Set<string>();
  for (const v of [site.unit, site.units, defaults.unit, defaults['发布单位']].flat()) if (typeof v === 'string' && v.trim()) units.add(v.trim());
  const channels = Object.entries(CHANNELS).map(([id, names]) => ({ id, label: names[1] ?? id }));
  const str = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : undefined);
  return {
    version,
    lang: ctx.lang,
    columns,
    columnError,
    channels,
    units: [...units],
    defaults: {
      column: str(defaults.column ?? defaults['栏目']),
      unit: str(defaults.unit ?? defaults['发布单位']) ?? str(site.unit),
      channel: str(defaults.channel ?? defaults['渠道']),
      author: str(defaults.author ?? defaults['撰稿人']),
    },
  };
}
