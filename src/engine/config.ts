/**
 * `.draftlintrc.yml`: found by walking up from each file (or given with `--config`), with
 * `extends`, validated strictly: a bad key, value or file is a UsageError (exit 2) naming the
 * file, the key and the reason.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './errors.js';
import { closest } from '../checks/util/closest.js';
import { safeCopy } from '../document/frontmatter.js';
import type { Config, RuleDef, SeveritySetting } from '../types.js';

export const CONFIG_NAMES = ['.draftlintrc.yml', '.draftlintrc.yaml', '.draftlintrc'];

/** Top-level keys and the type each must have. Sections are validated further by their owners. */
export const CONFIG_KEYS: Record<string, 'string' | 'array' | 'object' | 'string|array' | 'number'> = {
  extends: 'string|array',
  rules: 'object',
  ignore: 'array',
  words: 'array',
  columns: 'object',
  links: 'object',
  site: 'object',
  privacy: 'object',
  prohibited: 'object',
  cadence: 'object',
  interpretation: 'object',
  defaults: 'object',
  typo: 'object',
  lang: 'string',
  stage: 'string',
  rulePaths: 'array',
  maxFileSize: 'number',
};

export function defaultConfig(): Config {
  return { rules: {}, ignore: [], words: [] };
}

export function normalizeSeverity(v: unknown): SeveritySetting | null {
  switch (v) {
    case 'error':
    case 2:
    case '2':
      return 'error';
    case 'warning':
    case 'warn':
    case 1:
    case '1':
      return 'warning';
    case 'off':
    case 0:
    case '0':
    case false:
      return 'off';
    default:
      return null;
  }
}

function typeOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/** Validate and normalize a raw config object (already parsed YAML). */
export function normalizeConfig(raw: unknown, file: string): Config {
  const where = (key: string) => `${file}: ${key}`;
  if (raw === null || raw === undefined) return defaultConfig();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: the config must be a mapping of keys to values`);
  const obj = safeCopy(raw) as Record<string, unknown>;
  const out: Config = defaultConfig();
  for (const [key, value] of Object.entries(obj)) {
    const type = CONFIG_KEYS[key];
    if (!type) {
      const guess = closest(key, Object.keys(CONFIG_KEYS));
      throw new UsageError(`${where(key)}: unknown key${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    if (value === null) continue; // a section left empty (only comments) is absent
    const t = typeOf(value);
    const ok = type === 'string|array' ? t === 'string' || t === 'array' : t === type;
    if (!ok) throw new UsageError(`${where(key)}: must be ${type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`}, not ${t}`);
    out[key] = value;
  }
  for (const k of ['ignore', 'words', 'rulePaths'] as const) {
    const list = out[k] as unknown[] | undefined;
    if (list && !list.every((x) => typeof x === 'string')) throw new UsageError(`${where(k)}: must be a list of strings`);
  }
  if (out.lang !== undefined && out.lang !== 'zh' && out.lang !== 'en') throw new UsageError(`${where('lang')}: must be zh or en`);
  if (out.stage !== undefined && out.stage !== 'draft' && out.stage !== 'publish') throw new UsageError(`${where('stage')}: must be draft or publish`);
  const rules: Config['rules'] = {};
  for (const [id, setting] of Object.entries((obj.rules as Record<string, unknown>) ?? {})) {
    rules[id] = parseRuleSetting(setting, `${file}: rules.${id}`);
  }
  out.rules = rules;
  if (Array.isArray(out.rulePaths)) out.rulePaths = (out.rulePaths as string[]).map((p) => resolve(dirname(file), p));
  return out;
}

export function parseRuleSetting(setting: unknown, where: string): Config['rules'][string] {
  const bad = () => new UsageError(`${where}: expected off, warning or error, or [severity, {options}]`);
  if (Array.isArray(setting)) {
    const severity = normalizeSeverity(setting[0]);
    if (!severity || setting.length > 2) throw bad();
    const options = setting[1];
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
      throw new UsageError(`${where}: options must be a mapping`);
    return { severity, options: options as Record<string, unknown> | undefined };
  }
  if (setting && typeof setting === 'object') {
    const s = setting as { severity?: unknown; options?: unknown };
    for (const k of Object.keys(s)) if (k !== 'severity' && k !== 'options') throw new UsageError(`${where}: unknown key "${k}"`);
    const severity = s.severity === undefined ? undefined : normalizeSeverity(s.severity);
    if (severity === null) throw bad();
    if (s.options !== undefined && (typeof s.options !== 'object' || s.options === null || Array.isArray(s.options)))
      throw new UsageError(`${where}: options must be a mapping`);
    return { severity, options: s.options as Record<string, unknown> | undefined };
  }
  const severity = normalizeSeverity(setting);
  if (!severity) throw bad();
  return { severity };
}

/** Merge `over` onto `base`: rules per id, lists concatenated, sections merged one level deep. */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  const out: Config = { ...base, rules: { ...base.rules }, ignore: [...base.ignore], words: [...base.words] };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined || key === 'extends') continue;
    if (key === 'rules') {
      for (const [id, s] of Object.entries(value as Config['rules'])) {
        const prev = out.rules[id];
        out.rules[id] = {
          severity: s.severity ?? prev?.severity,
          options: s.options || prev?.options ? { ...prev?.options, ...s.options } : undefined,
        };
      }
    } else if (key === 'ignore' || key === 'words' || key === 'rulePaths') {
      out[key] = [...((out[key] as string[]) ?? []), ...(value as string[])];
    } else if (value && typeof value === 'object' && !Array.isArray(value) && out[key] && typeof out[key] === 'object' && !Array.isArray(out[key])) {
      out[key] = { ...(out[key] as object), ...(value as object) };
    } else {
      out[key] = value;
    }
  }
  return out;
}

function projectRoot(dir: string): string {
  let d = dir;
  for (;;) {
    if (existsSync(resolve(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return dir;
    d = up;
  }
}

const fileCache = new Map<string, Config>();

/** Load a config file with its `extends` chain. */
export function loadConfigFile(file: string, seen: string[] = [], root?: string): Config {
  const abs = resolve(file);
  const cached = fileCache.get(abs);
  if (cached && !seen.length) return cached;
  if (seen.includes(abs)) throw new UsageError(`${abs}: extends forms a cycle (${[...seen, abs].join(' → ')})`);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${abs}: cannot read config file (${code === 'ENOENT' ? 'not found' : code})`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new UsageError(`${abs}: invalid YAML: ${msg}`);
  }
  const cfg = normalizeConfig(raw, abs);
  const top = root ?? projectRoot(dirname(abs));
  let result = defaultConfig();
  const ext = cfg.extends === undefined ? [] : Array.isArray(cfg.extends) ? cfg.extends : [cfg.extends];
  for (const e of ext as unknown[]) {
    if (typeof e !== 'string') throw new UsageError(`${abs}: extends must name YAML files`);
    const target = isAbsolute(e) ? e : resolve(dirname(abs), e);
    const rel = relative(top, target);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${abs}: extends "${e}" points outside the project (${top})`);
    if (!existsSync(target) || !statSync(target).isFile()) throw new UsageError(`${abs}: extends "${e}": file not found`);
    result = mergeConfig(result, loadConfigFile(target, [...seen, abs], top));
  }
  result = mergeConfig(result, cfg);
  delete result.extends;
  if (!seen.length) fileCache.set(abs, result);
  return result;
}

const lookupCache = new Map<string, string | null>();

/** The nearest config file at or above `dir`, or null. */
export function findConfigFile(dir: string): string | null {
  const start = resolve(dir);
  if (lookupCache.has(start)) return lookupCache.get(start)!;
  let found: string | null = null;
  for (const name of CONFIG_NAMES) {
    const p = resolve(start, name);
    if (existsSync(p)) {
      found = p;
      break;
    }
  }
  if (!found) {
    const up = dirname(start);
    found = up === start ? null : findConfigFile(up);
  }
  lookupCache.set(start, found);
  return found;
}

/** Check rule settings against the known rules; unknown ids are a UsageError with a suggestion. */
export function validateRuleSettings(config: Config, rules: Map<string, RuleDef>, file: string): void {
  const families = new Set([...rules.keys()].map((id) => id.split('/')[0]!));
  for (const id of Object.keys(config.rules)) {
    if (rules.has(id) || id === '*') continue;
    const m = /^([a-z]+)\/\*$/.exec(id);
    if (m && families.has(m[1]!)) continue;
    const guess = closest(id, [...rules.keys(), ...[...families].map((f) => `${f}/*`)]);
    throw new UsageError(`${file}: rules.${id}: unknown rule${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
}
