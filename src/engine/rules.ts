/**
 * Rules are data: `rules/<family>.<name>.yml`, one rule a file. Loaded and validated once per
 * process; a site adds its own rule files through config `rulePaths`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { kindLoaders } from '../checks/index.js';
import { UsageError } from './errors.js';
import { cachedRuleDir, parsedYaml, saveYamlCache } from './rule-cache.js';
import type { LocalizedText, RuleDef, RuleExample, Scope } from '../types.js';

const RULE_KEYS = new Set(['id', 'kind', 'severity', 'fixable', 'message', 'messages', 'description', 'basis', 'indicator', 'options', 'examples', 'escalate']);
const SEVERITIES = new Set(['error', 'warning', 'off']);
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function placeholders(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

function localized(v: unknown, where: string): LocalizedText {
  if (typeof v === 'string') return { zh: v, en: v };
  if (v && typeof v === 'object' && typeof (v as LocalizedText).zh === 'string') {
    const t = v as LocalizedText;
    return { zh: t.zh, en: typeof t.en === 'string' ? t.en : t.zh };
  }
  throw new Error(`${where} must be {zh, en}`);
}

export function parseRule(text: string, file: string): RuleDef {
  const fail = (msg: string): never => {
    throw new UsageError(`${file}: ${msg}`);
  };
  let y: Record<string, unknown>;
  try {
    y = parsedYaml(text, (t) => parse(t, { maxAliasCount: 50 })) as Record<string, unknown>;
  } catch (e) {
    return fail(`invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!y || typeof y !== 'object' || Array.isArray(y)) return fail('a rule file must be a mapping');
  for (const k of Object.keys(y)) if (!RULE_KEYS.has(k)) fail(`unknown key "${k}" (known: ${[...RULE_KEYS].join(', ')})`);
  const id = y.id;
  if (typeof id !== 'string' || !/^[a-z]+\/[a-z0-9-]+$/.test(id)) fail('`id` must look like family/name');
  const expectedName = (id as string).replace('/', '.') + '.yml';
  if (basename(file) !== expectedName && basename(file) !== expectedName.replace(/\.yml$/, '.yaml'))
    fail(`file name must be ${expectedName} for id ${id}`);
  if (typeof y.kind !== 'string' || !(y.kind in kindLoaders)) fail(`unknown kind "${String(y.kind)}" (known: ${Object.keys(kindLoaders).join(', ')})`);
  const severity = y.severity ?? 'error';
  if (!SEVERITIES.has(severity as string)) fail('`severity` must be error, warning or off');
  const messages: Record<string, LocalizedText> = {};
  if (y.message !== undefined) messages.default = localized(y.message, 'message');
  if (y.messages && typeof y.messages === 'object')
    for (const [k, v] of Object.entries(y.messages as object)) messages[k] = localized(v, `messages.${k}`);
  if (!Object.keys(messages).length) fail('a rule needs `message` (or `messages`)');
  for (const [k, m] of Object.entries(messages)) {
    if (placeholders(m.zh).join() !== placeholders(m.en).join()) fail(`messages.${k}: zh and en use different placeholders`);
  }
  const ex = (y.examples ?? {}) as { valid?: unknown; invalid?: unknown; untestable?: unknown };
  const normalize = (list: unknown): RuleExample[] =>
    Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? { text: e } : (e as RuleExample))) : [];
  let escalate: RuleDef['escalate'];
  if (y.escalate !== undefined) {
    const e = y.escalate as { scopes?: unknown; severity?: unknown };
    if (!Array.isArray(e.scopes) || (e.severity !== 'error' && e.severity !== 'warning')) fail('`escalate` needs `scopes` and `severity`');
    escalate = { scopes: e.scopes as Scope[], severity: e.severity as 'error' | 'warning' };
  }
  return {
    id: id as string,
    kind: y.kind as string,
    severity: severity as RuleDef['severity'],
    fixable: y.fixable === true,
    messages,
    description: y.description !== undefined ? localized(y.description, 'description') : { zh: '', en: '' },
    basis: typeof y.basis === 'string' ? y.basis : undefined,
    indicator: typeof y.indicator === 'string' ? y.indicator : undefined,
    options: (y.options as Record<string, unknown>) ?? {},
    escalate,
    examples: { valid: normalize(ex.valid), invalid: normalize(ex.invalid), untestable: typeof ex.untestable === 'string' ? ex.untestable : undefined },
    file,
  };
}

const dirCache = new Map<string, RuleDef[]>();

/** The rules of `dir`; `shipped`: the package's own rules/ (cached whole, see cachedRuleDir). */
export function loadRuleDir(dir: string, shipped = false): RuleDef[] {
  let rules = dirCache.get(dir);
  if (rules) return rules;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    throw new UsageError(`cannot read rule directory ${dir}: ${(e as NodeJS.ErrnoException).code}`);
  }
  const parseAll = (): RuleDef[] => {
    const parsed = names.map((n) => {
      const file = join(dir, n);
      return parseRule(readFileSync(file, 'utf8'), file);
    });
    saveYamlCache();
    return parsed;
  };
  // the shipped rules: one cached whole while no file of theirs changes
  rules = shipped ? cachedRuleDir(dir, names, parseAll) : parseAll();
  dirCache.set(dir, rules);
  return rules;
}

/** All rules: the built-in ones plus those in `extraDirs`. Duplicate ids are an error. */
export function loadRules(packageRoot: string, extraDirs: string[] = []): Map<string, RuleDef> {
  const map = new Map<string, RuleDef>();
  const shipped = join(packageRoot, 'rules');
  for (const dir of [shipped, ...extraDirs]) {
    for (const r of loadRuleDir(dir, dir === shipped)) {
      if (map.has(r.id)) throw new UsageError(`${r.file}: rule id ${r.id} is already defined in ${map.get(r.id)!.file}`);
      map.set(r.id, r);
    }
  }
  return map;
}

/** Render a message template with `{{name}}` placeholders. */
export function render(template: string, data: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (_, k: string) => (data[k] === undefined ? '' : String(data[k])));
}
