/**
 * The engine as a library: `lint(text, options) → LintResult` and `fix(text, options)`. The CLI,
 * the local server and the tests all call these; nothing else runs checks.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDraft, positionAt } from '../document/draft.js';
import { loadHtmlParserFor } from '../document/html.js';
import { decode, type Decoded, type Encoding } from '../document/decode.js';
import { DraftInputError, draftKind, mapResultToInput, readDraftInput, type DraftKind } from '../document/input.js';
import { kindLoaders } from '../checks/index.js';
import { saveRegexVerdicts } from '../checks/util/regex.js';
import { readDraftBytes } from './read-file.js';
import { defaultConfig, findConfigFile, loadConfigFile, mergeConfig, normalizeConfig, validateRuleSettings } from './config.js';
import { loadRules, render } from './rules.js';
import { readAheadFiles } from './compiled.js';
import { collectSuppressions, matchesRule, suppressedBy } from './suppress.js';
import { UsageError } from './errors.js';
import { timing } from './timing.js';
import type { Check, CheckContext, Config, Draft, Fix, Lang, Report, RuleDef, Severity, SeveritySetting } from '../types.js';

export { UsageError } from './errors.js';
export type { Config } from '../types.js';

/** The package root: where rules/ and dictionaries/ live. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  messageId: string;
  data: Record<string, string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  suggestions?: Array<{ desc: string; fix: Fix }>;
  basis?: string;
  indicator?: string;
  /** set on findings that stopped the file from being linted at all */
  fatal?: boolean;
}

export interface SuppressedMessage extends LintMessage {
  suppressions: Array<{ kind: 'directive'; justification: string }>;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** the decoded text (absent when the file could not be read) */
  source?: string;
  /** the fixed text, when fixes were applied */
  output?: string;
  /** for Word and text drafts: how positions are counted (paragraph:character, line:column) */
  positionNote?: string;
  /** things said once about the whole file (e.g. rules left quiet for want of front matter) */
  notes?: string[];
}

export interface LintOptions {
  /** the file name to report (and to look up `.draftlintrc.yml` from, when `config` is not given) */
  filename?: string;
  /** configuration: merged over the defaults; when absent, the nearest config file is used */
  config?: Partial<Config>;
  /** an explicit config file (`--config`) */
  configFile?: string;
  /** config applied over whatever config was found (command-line settings such as `--stage`) */
  overrides?: Partial<Config>;
  /** rule settings applied last (`--rule`) */
  ruleOverrides?: Config['rules'];
  /** run only these rules (ids or family/* patterns) */
  only?: string[];
  lang?: Lang;
  /** online checks (`--check-links`) */
  online?: boolean;
  /** fix only findings of these rules */
  fixRules?: string[];
}

interface ActiveRule {
  def: RuleDef;
  severity: Severity;
  check: Check;
}

interface RuleSet {
  config: Config;
  rules: ActiveRule[];
  /**
   * the order the rules run in: those that read large data (Check.readAhead) or start slow work
   * for the draft (Check.prepare) last, so that the reads and the work have the longest time to
   * end before the first of them waits; findings are still collected in `rules` order
   */
  runOrder: ActiveRule[];
  defs: Map<string, RuleDef>;
  ctx: CheckContext;
  /**
   * the reads ahead of the rules' data (`Check.readAhead`), started when the first draft with this
   * rule set is about to be parsed or linted (not before: a process that only validates a
   * configuration, such as the main thread of a run with workers, reads nothing)
   */
  dataRead: Promise<void> | null;
}

const ruleSetCache = new Map<string, Promise<RuleSet>>();
const configKeys = new WeakMap<Config, string>();

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Resolve the configuration for one file (or for text with no file). */
/** Config objects derived from a base config and an options object, kept so that every file of a run shares one. */
const derived = new WeakMap<object, WeakMap<object, Config>>();
function derive(base: object, by: object, make: () => Config): Config {
  let m = derived.get(base);
  if (!m) derived.set(base, (m = new WeakMap()));
  let c = m.get(by);
  if (!c) m.set(by, (c = make()));
  return c;
}
const NO_CONFIG_FILE = defaultConfig();

export function resolveConfig(options: LintOptions, cwd = process.cwd()): { config: Config; file: string } {
  let config: Config;
  let file = '<options>';
  if (options.configFile) {
    file = resolve(cwd, options.configFile);
    config = loadConfigFile(file);
  } else if (options.config) {
    const given = options.config;
    config = derive(NO_CONFIG_FILE, given, () => mergeConfig(defaultConfig(), normalizeConfig(given, '<options>')));
  } else {
    const found = options.filename && !options.filename.startsWith('<') ? findConfigFile(dirname(resolve(cwd, options.filename))) : findConfigFile(cwd);
    config = found ? loadConfigFile(found) : NO_CONFIG_FILE;
    if (found) file = found;
  }
  const { config: extra, overrides, ruleOverrides } = options;
  if (options.configFile && extra) config = derive(config, extra, () => mergeConfig(config, normalizeConfig(extra, '<options>')));
  if (overrides) config = derive(config, overrides, () => mergeConfig(config, overrides));
  if (ruleOverrides && Object.keys(ruleOverrides).length) config = derive(config, ruleOverrides, () => mergeConfig(config, { rules: ruleOverrides }));
  return { config, file };
}

function effectiveSeverity(def: RuleDef, config: Config): SeveritySetting {
  let sev: SeveritySetting = def.severity;
  const family = def.id.split('/')[0] + '/*';
  for (const key of ['*', family, def.id]) {
    const s = config.rules[key]?.severity;
    if (s) sev = s;
  }
  return sev;
}

function effectiveOptions(def: RuleDef, config: Config): Record<string, unknown> {
  return { ...def.options, ...config.rules[def.id]?.options };
}

/**
 * The configuration in effect for a file, as `--print-config` shows it: the config file found (or
 * given), every rule with its effective severity (after `*`, `family/*`, the rule, `--rule`) and,
 * where the config sets options, its effective options; and the other sections as resolved
 * (after `extends`).
 */
export function effectiveConfig(options: LintOptions, cwd = process.cwd()): {
  file: string | null;
  rules: Array<{ id: string; severity: SeveritySetting; options?: Record<string, unknown> }>;
  settings: Record<string, unknown>;
} {
  const { config, file } = resolveConfig(options, cwd);
  const defs = loadRules(packageRoot, (config.rulePaths as string[] | undefined) ?? []);
  validateRuleSettings(config, defs, file);
  const rules = [...defs.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((def) => ({ id: def.id, severity: effectiveSeverity(def, config), ...(config.rules[def.id]?.options ? { options: effectiveOptions(def, config) } : {}) }));
  const { rules: _rules, ...settings } = config;
  return { file: file === '<options>' ? null : file, rules, settings };
}

type RuleSetOptions = { only?: string[]; online?: boolean; lang?: Lang; configFile?: string; baseDir?: string };

/** The rule-set options of a lint with `options` under the config file `file`. */
const ruleSetOptions = (options: LintOptions, file: string): RuleSetOptions => ({ only: options.only, online: options.online, lang: options.lang, configFile: file });

function ruleSetKey(config: Config, options: RuleSetOptions): string {
  // a config file's Config object is cached and shared by every file under it: stringify it once
  let configKey = configKeys.get(config);
  if (configKey === undefined) {
    configKey = stableStringify(config);
    configKeys.set(config, configKey);
  }
  return `${configKey}|${stableStringify({ only: options.only, online: !!options.online, lang: options.lang })}`;
}

/** Rule sets already built, by key (what `getRuleSet`'s promises resolved to). */
const builtRuleSets = new Map<string, RuleSet>();

/** Compile the active rules for a configuration, once per process per distinct configuration. */
export function getRuleSet(config: Config, options: RuleSetOptions = {}): Promise<RuleSet> {
  const key = ruleSetKey(config, options);
  let p = ruleSetCache.get(key);
  if (!p) {
    p = buildRuleSet(config, options);
    ruleSetCache.set(key, p);
    p.then(
      (set) => void builtRuleSets.set(key, set),
      () => ruleSetCache.delete(key),
    );
  }
  return p;
}

/**
 * Starts reading the rules' large data files (`Check.readAhead`) for a draft about to be parsed,
 * when its rule set is already built (the command line builds it before the first file, to
 * check the configuration): the reads then run while the draft is parsed and the first rules
 * run. Otherwise `lintDraft` starts them.
 */
function startDataRead(options: LintOptions): void {
  // after the first draft of each rule set there is nothing to start: no config lookup per draft
  if (builtRuleSets.size === 0 || [...builtRuleSets.values()].every((set) => set.dataRead)) return;
  try {
    const { config, file } = resolveConfig(options);
    const set = builtRuleSets.get(ruleSetKey(config, ruleSetOptions(options, file)));
    if (set) startReads(set);
  } catch {
    /* a configuration problem: reported by lintDraft */
  }
}

/** The large files the set's rules will read and this thread has not loaded. */
const readAheadOf = (set: RuleSet): string[] => [...new Set(set.rules.flatMap((r) => r.check.readAhead?.() ?? []))];

/** Starts the reads ahead of a rule set's data, once. */
function startReads(set: RuleSet): Promise<void> {
  return (set.dataRead ??= readAheadFiles(readAheadOf(set)));
}

async function buildRuleSet(config: Config, options: RuleSetOptions): Promise<RuleSet> {
  const defs = loadRules(packageRoot, (config.rulePaths as string[] | undefined) ?? []);
  validateRuleSettings(config, defs, options.configFile ?? '<config>');
  const lang: Lang = options.lang ?? ((config.lang as Lang | undefined) ?? 'zh');
  const ctx: CheckContext = {
    config,
    packageRoot,
    baseDir: options.baseDir ?? process.cwd(),
    lang,
    online: !!options.online,
  };
  const rules: ActiveRule[] = [];
  for (const def of defs.values()) {
    if (options.only && !options.only.some((p) => matchesRule(p, def.id))) continue;
    const severity = options.only ? (config.rules[def.id]?.severity ?? (def.severity === 'off' ? 'error' : def.severity)) : effectiveSeverity(def, config);
    if (severity === 'off') continue;
    const kind = await kindLoaders[def.kind]!();
    const opts = effectiveOptions(def, config);
    const problems = kind.validateOptions?.(opts) ?? [];
    if (problems.length) {
      const where = config.rules[def.id]?.options ? `${options.configFile ?? '<config>'}: rules.${def.id}` : `${def.file}: options`;
      throw new UsageError(`${where}: ${problems.join('; ')}`);
    }
    let check: Check;
    try {
      check = kind.create(def, opts, ctx);
    } catch (e) {
      throw new UsageError(`${def.file}: ${(e as Error).message}`);
    }
    rules.push({ def, severity, check });
  }
  saveRegexVerdicts();
  const late = (r: ActiveRule) => !!(r.check.readAhead || r.check.prepare);
  const runOrder = [...rules.filter((r) => !late(r)), ...rules.filter(late)];
  return { config, rules, runOrder, defs, ctx, dataRead: null };
}

function toMessage(
  draft: { source: string; lineStarts: number[] },
  def: RuleDef,
  severity: Severity,
  r: Report,
  lang: Lang,
): LintMessage {
  const messageId = r.messageId && def.messages[r.messageId] ? r.messageId : 'default';
  const template = def.messages[messageId] ?? Object.values(def.messages)[0]!;
  const data = r.data ?? {};
  const [s, e] = r.range;
  const a = positionAt(draft.lineStarts, s);
  const b = positionAt(draft.lineStarts, e);
  const msg: LintMessage = {
    ruleId: def.id,
    severity: severity === 'error' ? 2 : 1,
    message: render(template[lang], data),
    messageId,
    data,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
  };
  if (r.fix) msg.fix = r.fix;
  if (r.suggestions?.length)
    msg.suggestions = r.suggestions.map((sg) => ({
      desc: sg.desc ?? (sg.messageId && def.messages[sg.messageId] ? render(def.messages[sg.messageId]![lang], sg.data ?? {}) : ''),
      fix: sg.fix,
    }));
  if (def.basis) msg.basis = def.basis;
  if (def.indicator) msg.indicator = def.indicator;
  return msg;
}

function validRange(source: string, r: Report): boolean {
  const [s, e] = r.range;
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > source.length) return false;
  if (r.fix) {
    const [fs, fe] = r.fix.range;
    if (!Number.isInteger(fs) || !Number.isInteger(fe) || fs < 0 || fe < fs || fe > source.length) return false;
  }
  return true;
}

function summarize(filePath: string, messages: LintMessage[], suppressed: SuppressedMessage[], source?: string): LintResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const result: LintResult = {
    filePath,
    messages,
    suppressedMessages: suppressed,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
  };
  if (source !== undefined) result.source = source;
  return result;
}

/** A result for a file that could not be linted at all (unreadable, binary, undecodable, too large). */
export async function problemResult(filePath: string, ruleId: string, data: Record<string, string | number>, options: LintOptions = {}): Promise<LintResult> {
  const defs = loadRules(packageRoot);
  const def = defs.get(ruleId)!;
  const { config } = safeResolve(options);
  const sev = config ? effectiveSeverity(def, config) : def.severity;
  if (sev === 'off') return summarize(filePath, [], []);
  const msg = toMessage({ source: '', lineStarts: [0] }, def, sev, { range: [0, 0], data }, options.lang ?? 'zh');
  msg.fatal = sev === 'error' ? true : undefined;
  if (!msg.fatal) delete msg.fatal;
  return summarize(filePath, [msg], []);
}

function safeResolve(options: LintOptions): { config: Config | null } {
  try {
    return { config: resolveConfig(options).config };
  } catch {
    return { config: null };
  }
}

/**
 * The large data files (`Check.readAhead`) that linting `filename` with `options` will read and
 * this thread has not loaded: what a run with workers reads once for all of them (runner.ts).
 */
export async function dataFilesFor(filename: string, options: LintOptions = {}): Promise<string[]> {
  const opts = { ...options, filename };
  const { config, file } = resolveConfig(opts);
  const set = await getRuleSet(config, ruleSetOptions(opts, file));
  return readAheadOf(set);
}

/** Lint a Draft that has already been built. */
export async function lintDraft(draft: Draft, options: LintOptions = {}): Promise<LintResult> {
  const { config, file } = resolveConfig(options);
  const set = await getRuleSet(config, ruleSetOptions(options, file));
  const lang = set.ctx.lang;
  const messages: LintMessage[] = [];
  // findings in rule order (`set.rules`), whatever order the rules run in
  const rawOf = new Map<ActiveRule, Array<{ msg: LintMessage; offset: number }>>(set.rules.map((r) => [r, []]));
  const runScopeAt = (offset: number): string | null => {
    for (const run of draft.runs) if (run.starts.length && offset >= run.starts[0]! && offset < run.ends[run.ends.length - 1]!) return run.scope;
    return null;
  };
  const internal = set.defs.get('meta/internal-error');
  // the rules' large data files load while the rules before theirs run, and so does slow work
  // they start for this draft (a git log)
  const dataRead = startReads(set);
  let dataDone = false;
  for (const rule of set.runOrder) rule.check.prepare?.(draft);
  for (const rule of set.runOrder) {
    const raw = rawOf.get(rule)!;
    const report = (r: Report): void => {
      if (!validRange(draft.source, r)) {
        if (internal) raw.push({ msg: toMessage(draft, internal, 'error', { range: [0, 0], data: { rule: rule.def.id, reason: `invalid range ${JSON.stringify(r.range)}` } }, lang), offset: 0 });
        return;
      }
      let severity = r.severity ?? rule.severity;
      const esc = rule.def.escalate;
      if (esc && severity !== 'error' && esc.scopes.includes(runScopeAt(r.range[0]) as never)) severity = esc.severity;
      const fix = rule.def.fixable ? r.fix : undefined;
      raw.push({ msg: toMessage(draft, rule.def, severity, { ...r, fix }, lang), offset: r.range[0] });
    };
    if (rule.check.readAhead && !dataDone) {
      await dataRead;
      dataDone = true;
    }
    const t0 = timing.enabled ? performance.now() : 0;
    try {
      // most rules are synchronous: awaiting only a promise spares a turn of the event loop's
      // microtask queue per rule and draft (60 rules × every draft of a corpus)
      const done = rule.check.run(draft, report);
      if (done) await done;
    } catch (e) {
      if (internal) raw.push({ msg: toMessage(draft, internal, 'error', { range: [0, 0], data: { rule: rule.def.id, reason: (e as Error).message } }, lang), offset: 0 });
    }
    if (timing.enabled) timing.add(rule.def.id, performance.now() - t0);
  }
  const raw = [...rawOf.values()].flat();
  // suppressions
  const sups = collectSuppressions(draft);
  const suppressed: SuppressedMessage[] = [];
  for (const { msg, offset } of raw) {
    const s = msg.ruleId.startsWith('meta/') && (msg.ruleId === 'meta/yaml' || msg.ruleId === 'meta/internal-error') ? null : suppressedBy(sups, msg.ruleId, offset);
    if (s) suppressed.push({ ...msg, suppressions: [{ kind: 'directive', justification: s.justification ?? '' }] });
    else messages.push(msg);
  }
  const unused = set.rules.find((r) => r.def.id === 'meta/unused-disable');
  if (unused) {
    for (const s of sups) {
      if (s.used) continue;
      const rules = s.rules ?? ['*'];
      const families = new Set([...set.defs.keys()].map((id) => id.split('/')[0] + '/*'));
      const unknown = rules.filter((p) => p !== '*' && !set.defs.has(p) && !families.has(p));
      const m = toMessage(
        draft,
        unused.def,
        unused.severity,
        { range: s.directive, messageId: unknown.length ? 'unknown' : 'default', data: { rules: s.rules ? s.rules.join(' ') : '（全部规则）', unknown: unknown.join(' ') } },
        lang,
      );
      messages.push(m);
    }
  }
  return summarize(draft.path, messages, suppressed, draft.source);
}

/**
 * Markdown parsing time grows much faster than linearly with container nesting (measured: 400
 * nested list levels take 13 s), so absurd nesting is refused before parsing. No real draft
 * indents a line by 200 columns or quotes 100 levels deep.
 */
export function nestingProblem(text: string): string | null {
  if (/^(?:[ \t]{0,3}>){100}/m.test(text)) return '100+ 层引用 / 100+ blockquote levels';
  if (/^[ \t]{200}/m.test(text)) return '缩进超过 200 列 / indented 200+ columns';
  return null;
}

/** Lint text (a string, or bytes in any supported encoding). */
export async function lint(input: string | Uint8Array, options: LintOptions = {}): Promise<LintResult> {
  const filePath = options.filename ?? '<text>';
  let text: string;
  if (typeof input === 'string') {
    text = input.replace(/^\ufeff/, '');
  } else {
    const d = decode(input);
    if (!d.ok) {
      return d.kind === 'binary'
        ? problemResult(filePath, 'meta/binary', {}, options)
        : problemResult(filePath, 'meta/encoding', { offset: d.offset ?? 0 }, options);
    }
    text = d.text;
  }
  if (!text.trim()) return problemResult(filePath, 'meta/empty', {}, options).then((r) => ({ ...r, source: text }));
  const tooDeep = nestingProblem(text);
  if (tooDeep) return problemResult(filePath, 'meta/too-complex', { reason: tooDeep }, options);
  startDataRead(options);
  await loadHtmlParserFor(text);
  let draft: Draft;
  try {
    draft = buildDraft(text, filePath);
  } catch (e) {
    // pathological nesting (thousands of blockquote or list levels) exhausts the parser's stack
    if (e instanceof RangeError) return problemResult(filePath, 'meta/too-complex', { reason: e.message }, options);
    throw e;
  }
  return lintDraft(draft, options);
}

export interface FixResult {
  output: string;
  changed: boolean;
  /** the lint result of the final text */
  result: LintResult;
  /** passes that applied at least one fix */
  passes: number;
}

/** Apply non-overlapping fixes of `messages` to `text` (sorted by range). */
export function applyFixes(text: string, fixes: Fix[]): { output: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let last = 0;
  let applied = 0;
  let lastInsertAt = -1;
  for (const f of sorted) {
    const [s, e] = f.range;
    if (s < last) continue;
    if (s === e && s === lastInsertAt) continue; // two insertions at one spot: order is ambiguous, wait a pass
    out += text.slice(last, s) + f.text;
    last = e;
    if (s === e) lastInsertAt = s;
    applied++;
  }
  out += text.slice(last);
  return { output: out, applied };
}

const MAX_PASSES = 10;

/** Lint and fix repeatedly until nothing applies (at most 10 passes, stopping on a cycle). */
export async function fix(input: string | Uint8Array, options: LintOptions = {}): Promise<FixResult> {
  let result = await lint(input, options);
  if (result.source === undefined) return { output: '', changed: false, result, passes: 0 };
  const original = result.source;
  let text = original;
  const seen = new Set([text]);
  let passes = 0;
  for (let i = 0; i < MAX_PASSES; i++) {
    const fixes = result.messages.filter((m) => m.fix && (!options.fixRules || options.fixRules.some((p) => matchesRule(p, m.ruleId)))).map((m) => m.fix!);
    if (!fixes.length) break;
    const { output, applied } = applyFixes(text, fixes);
    if (!applied || seen.has(output)) break;
    seen.add(output);
    text = output;
    passes++;
    result = await lint(text, options);
  }
  if (text !== original) result.output = text;
  // lint() reads a string without its byte order mark: the output keeps it (bytes are decoded text)
  const bom = typeof input === 'string' && input.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  return { output: bom + text, changed: text !== original, result, passes };
}

export interface FileInfo {
  decoded?: Decoded;
  /** the bytes as read (to detect a change on disk before writing a fix) */
  bytes?: Buffer;
  mtimeMs?: number;
  size?: number;
  /** set for Word and text drafts: read through src/document/input.ts, never rewritten by --fix */
  kind?: DraftKind;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/**
 * Read and lint one file. Never throws for problems with the file itself. `readSync`: stat and
 * read the file with synchronous calls. For the main thread's few files (the runner's choice): an
 * asynchronous read waits its turn behind the thread pool's reads of the rules' 23 MB of data,
 * which on two cores also take CPU from it (3–15 ms of a one-file run). Otherwise asynchronous
 * on purpose: a worker thread that never returns to its event loop between drafts starves V8's
 * foreground GC tasks and the English spelling replies (tried: peak RSS of a corpus run +100 MB,
 * spelling/en waiting seconds); see read-file.ts.
 */
export async function lintFile(path: string, options: LintOptions & { maxFileSize?: number; readSync?: boolean } = {}): Promise<{ result: LintResult; info: FileInfo }> {
  const filename = options.filename ?? path;
  const opts = { ...options, filename };
  let bytes: Buffer;
  let info: FileInfo = {};
  try {
    const limit = () => options.maxFileSize ?? (resolveConfig(opts).config.maxFileSize as number | undefined) ?? DEFAULT_MAX_FILE_SIZE;
    const r = await readDraftBytes(path, limit, options.readSync);
    if ('directory' in r) return { result: await problemResult(filename, 'meta/unreadable', { reason: '这是一个目录 / is a directory' }, opts), info };
    if ('tooLarge' in r) return { result: await problemResult(filename, 'meta/too-large', { size: r.st.size, limit: limit() }, opts), info };
    bytes = r.bytes;
    info = { mtimeMs: r.st.mtimeMs, size: r.st.size, bytes };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    const reason =
      code === 'ENOENT' ? '文件不存在 / not found' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限 / permission denied' : code === 'ELOOP' ? '符号链接循环 / symlink loop' : code;
    return { result: await problemResult(filename, 'meta/unreadable', { reason }, opts), info };
  }
  if (draftKind(path) !== 'markdown') {
    // Word and text drafts: converted to Markdown, positions mapped back (src/document/input.ts)
    info.kind = draftKind(path);
    try {
      const defaults = resolveConfig(opts).config.defaults as Record<string, unknown> | undefined;
      const input = await readDraftInput(path, { bytes, defaults, lang: opts.lang });
      return { result: mapResultToInput(await lint(input.text, opts), input, opts.lang), info };
    } catch (e) {
      if (!(e instanceof DraftInputError)) throw e;
      return { result: await problemResult(filename, e.ruleId, e.data, opts), info };
    }
  }
  const d = decode(bytes);
  if (d.ok) info.decoded = d;
  const result = await lint(d.ok ? d.text : bytes, opts);
  return { result, info };
}

export function ruleDefinitions(extraDirs: string[] = []): Map<string, RuleDef> {
  return loadRules(packageRoot, extraDirs);
}

export type { Encoding };
