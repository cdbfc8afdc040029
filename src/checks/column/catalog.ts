/**
 * The column catalog (栏目目录): the default `dictionaries/columns.yml`, replaced or extended by
 * the site's `columns:` config section. Used by the column check, `draftlint classify/columns`,
 * the cadence report and the editors' web page.
 *
 * Config shape (documented in docs/columns.md):
 * ```yaml
 * columns:
 *   replace: false        # true: start from an empty catalog instead of the default one
 *   file: site-columns.yml # optional: more entries, same format as dictionaries/columns.yml
 *   remove: [筹资筹劳]      # default columns this portal does not have
 *   add:                   # new columns, or changes to a default one (same name or alias)
 *     - 人大建议政协提案                       # a bare name: a column draftlint cannot score
 *     - name: 营商环境
 *       aliases: [优化营商环境]
 *       description: 优化营商环境政策与举措
 *       keywords: {营商环境: 3, 市场主体: 2}
 *       genre: [营商环境评价报告]       # phrases of this column's own kind of document
 *     - name: 财政预决算
 *       aliases: [预决算公开专栏]         # merged into the default entry
 * ```
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Config } from '../../types.js';
import { parsedYaml, saveYamlCache } from '../../engine/rule-cache.js';
import { loadCompiled } from '../../engine/compiled.js';
import { KeywordTrie, keywordListOf, offerCompiledTrie } from './keywords.js';

export interface Column {
  name: string;
  aliases: string[];
  description: string;
  /** keyword → weight (1 usual, 2 typical, 3 decisive) */
  keywords: Record<string, number>;
  /** other columns whose content may be filed here without a finding */
  accepts: string[];
  /** catch-all column: mismatches only when content is plainly a specific column's */
  broad: boolean;
  /** defined by the document's form (a policy file, an interpretation, a consultation) */
  form: boolean;
  /**
   * phrases that make a document this column's own kind (a budget report, a recruitment
   * notice): only these let a draft filed under a broad column be a mismatch
   */
  genre: string[];
  /** false: never proposed as where a draft belongs (通知公告, 工作动态: any draft may be a notice or news) */
  suggest: boolean;
  /** where the entry comes from: 'default' or 'config' (or both merged: 'default+config') */
  origin: string;
}

export interface ColumnCatalog {
  columns: Column[];
  /** the column a declared name or alias denotes (exact after normalisation), else undefined */
  get(name: string): Column | undefined;
  /** every name and alias, for suggestions */
  names(): string[];
}

/** Trim, drop full-width/ASCII spaces and quotes, unify brackets: what an editor may vary. */
export function normalizeColumnName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000“”"'‘’《》【】]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

/**
 * A declared column may be a path in the portal's tree (`政务公开/财政信息/预决算公开`); the
 * candidates are the whole value and each segment, last first.
 */
export function columnCandidates(value: string): string[] {
  const whole = normalizeColumnName(value);
  const segs = value
    .split(/\s*(?:\/|>|＞|›|»|\\|→|-{1,2}>)\s*/)
    .map(normalizeColumnName)
    .filter(Boolean)
    .reverse();
  return [...new Set([whole, ...segs])];
}

function asStringList(v: unknown, where: string, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  problems.push(`${where}: expected a list of names`);
  return [];
}

const ENTRY_KEYS = new Set(['name', 'aliases', 'description', 'keywords', 'accepts', 'broad', 'form', 'genre', 'suggest']);

/** Parse one catalog entry (a bare name or an object); problems are collected, not thrown. */
export function parseColumnEntry(raw: unknown, where: string, problems: string[], origin: string): Column | null {
  if (typeof raw === 'string' || typeof raw === 'number') {
    const name = normalizeColumnName(String(raw));
    if (!name) {
      problems.push(`${where}: empty column name`);
      return null;
    }
    return { name, aliases: [], description: '', keywords: {}, accepts: [], broad: false, form: false, genre: [], suggest: true, origin };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where}: expected a column name or a mapping with name, aliases, description, keywords, accepts, broad, form`);
    return null;
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!ENTRY_KEYS.has(k)) problems.push(`${where}: unknown key "${k}"`);
  const name = typeof o.name === 'string' || typeof o.name === 'number' ? normalizeColumnName(String(o.name)) : '';
  if (!name) {
    problems.push(`${where}: "name" is required`);
    return null;
  }
  const keywords: Record<string, number> = {};
  if (o.keywords !== undefined && o.keywords !== null) {
    if (Array.isArray(o.keywords)) {
      for (const k of o.keywords) if (typeof k === 'string' || typeof k === 'number') keywords[String(k)] = 2;
    } else if (typeof o.keywords === 'object') {
      for (const [k, w] of Object.entries(o.keywords as Record<string, unknown>)) {
        if (typeof w !== 'number' || !(w > 0) || w > 5) problems.push(`${where}: keyword "${k}" needs a weight between 0 and 5`);
        else if (k.trim()) keywords[k.trim()] = w;
      }
    } else problems.push(`${where}: "keywords" must be a mapping {word: weight} or a list of words`);
  }
  if (o.description !== undefined && typeof o.description !== 'string') problems.push(`${where}: "description" must be text`);
  for (const b of ['broad', 'form', 'suggest'] as const)
    if (o[b] !== undefined && typeof o[b] !== 'boolean') problems.push(`${where}: "${b}" must be true or false`);
  return {
    name,
    aliases: asStringList(o.aliases, `${where}.aliases`, problems).map(normalizeColumnName).filter(Boolean),
    description: typeof o.description === 'string' ? o.description.trim() : '',
    keywords,
    accepts: asStringList(o.accepts, `${where}.accepts`, problems).map(normalizeColumnName).filter(Boolean),
    broad: o.broad === true,
    form: o.form === true,
    genre: asStringList(o.genre, `${where}.genre`, problems).map((g) => g.trim()).filter(Boolean),
    suggest: o.suggest !== false,
    origin,
  };
}

export function parseCatalogFile(file: string, problems: string[], origin: string): Column[] {
  let data: unknown;
  try {
    data = parsedYaml(readFileSync(file, 'utf8'), (t) => parse(t));
    saveYamlCache();
  } catch (e) {
    problems.push(`${file}: ${(e as Error).message}`);
    return [];
  }
  return catalogEntries(data, file, problems, origin);
}

function catalogEntries(data: unknown, file: string, problems: string[], origin: string): Column[] {
  if (!Array.isArray(data)) {
    problems.push(`${file}: expected a YAML list of columns`);
    return [];
  }
  return data.map((x, i) => parseColumnEntry(x, `${file}[${i}]`, problems, origin)).filter((c): c is Column => c !== null);
}

/** the compiled default catalog's version (compileDefaultCatalog); bump when it changes */
export const CATALOG_FORMAT = 1;
/** "CCAT" */
const CATALOG_MAGIC = 0x54414343;

/**
 * The default catalog (dictionaries/columns.yml) checked and compiled, with the trie of its
 * keywords: an Int32 header (magic, trie bytes, JSON bytes, 0), the trie (KeywordTrie.toBytes),
 * then `{columns, words}` as JSON. Loading it is one read, one small JSON.parse and views,
 * instead of the YAML's cached parse, checking every entry and building the trie (about 10 ms of
 * a cold one-file run). Throws the catalog's problems, as loading it would.
 */
export function compileDefaultCatalog(yaml: Uint8Array, file = 'columns.yml'): Buffer {
  const problems: string[] = [];
  let columns: Column[] = [];
  try {
    columns = catalogEntries(parse(Buffer.from(yaml).toString('utf8')), file, problems, 'default');
  } catch (e) {
    problems.push(`${file}: ${(e as Error).message}`);
  }
  if (problems.length) throw new Error(`invalid default column catalog: ${problems.join('; ')}`);
  const { words } = keywordListOf(columns);
  const trie = new KeywordTrie(words).toBytes();
  const json = Buffer.from(JSON.stringify({ columns, words }), 'utf8');
  return Buffer.concat([Buffer.from(Int32Array.of(CATALOG_MAGIC, trie.length, json.length, 0).buffer), trie, json]);
}

/** The columns of `compileDefaultCatalog`'s bytes (8-byte aligned); offers its trie to the scorer. Throws on damaged bytes. */
export function catalogFromCompiled(raw: Uint8Array): Column[] {
  const { buffer, byteOffset, byteLength } = raw;
  const [magic, trieBytes, jsonBytes] = new Int32Array(buffer, byteOffset, 4) as unknown as number[];
  if (magic !== CATALOG_MAGIC || byteLength !== 16 + trieBytes! + jsonBytes!) throw new Error('not a compiled column catalog');
  const trie = new Uint8Array(buffer, byteOffset + 16, trieBytes);
  const { columns, words } = JSON.parse(Buffer.from(buffer, byteOffset + 16 + trieBytes!, jsonBytes).toString('utf8')) as { columns: Column[]; words: string[] };
  if (!Array.isArray(columns) || !Array.isArray(words)) throw new Error('not a compiled column catalog');
  offerCompiledTrie(words, KeywordTrie.fromBytes(trie)); // damaged → throws: compiled again
  return columns;
}

const defaultCache = new Map<string, Column[]>();

/** The default catalog shipped in dictionaries/columns.yml (once per process; compiled into dist/.compiled). */
export function loadDefaultColumns(packageRoot: string): Column[] {
  const file = join(packageRoot, 'dictionaries', 'columns.yml');
  let cols = defaultCache.get(file);
  if (!cols) {
    cols = loadCompiled('column-catalog', CATALOG_FORMAT, file, (bytes) => compileDefaultCatalog(bytes, file), catalogFromCompiled);
    defaultCache.set(file, cols);
  }
  return cols.map((c) => ({ ...c, aliases: [...c.aliases], keywords: { ...c.keywords }, accepts: [...c.accepts], genre: [...c.genre] }));
}

const CONFIG_KEYS = new Set(['replace', 'add', 'remove', 'file']);

/** Problems in a `columns:` config section (empty = valid). */
export function validateColumnsConfig(raw: unknown, baseDir = process.cwd()): string[] {
  const problems: string[] = [];
  resolveConfigEntries(raw, baseDir, problems);
  return problems;
}

function resolveConfigEntries(raw: unknown, baseDir: string, problems: string[]) {
  const out = { replace: false, add: [] as Column[], remove: [] as string[] };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('columns: expected a mapping {replace, add, remove, file}');
    return out;
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!CONFIG_KEYS.has(k)) problems.push(`columns: unknown key "${k}" (expected replace, add, remove, file)`);
  if (o.replace !== undefined && typeof o.replace !== 'boolean') problems.push('columns.replace: must be true or false');
  out.replace = o.replace === true;
  if (o.file !== undefined) {
    if (typeof o.file !== 'string') problems.push('columns.file: must be a path');
    else {
      const f = isAbsolute(o.file) ? o.file : resolve(baseDir, o.file);
      out.add.push(...parseCatalogFile(f, problems, 'config'));
    }
  }
  if (o.add !== undefined) {
    if (!Array.isArray(o.add)) problems.push('columns.add: expected a list of columns');
    else o.add.forEach((x, i) => {
      const c = parseColumnEntry(x, `columns.add[${i}]`, problems, 'config');
      if (c) out.add.push(c);
    });
  }
  out.remove = asStringList(o.remove, 'columns.remove', problems).map(normalizeColumnName);
  return out;
}

function mergeInto(base: Column, extra: Column): Column {
  return {
    ...base,
    aliases: [...new Set([...base.aliases, ...extra.aliases])],
    description: extra.description || base.description,
    keywords: { ...base.keywords, ...extra.keywords },
    accepts: [...new Set([...base.accepts, ...extra.accepts])],
    broad: base.broad || extra.broad,
    form: base.form || extra.form,
    genre: [...new Set([...base.genre, ...extra.genre])],
    suggest: base.suggest && extra.suggest,
    origin: base.origin === extra.origin ? base.origin : `${base.origin}+${extra.origin}`,
  };
}

/** Build a catalog over a list of columns. */
export function makeCatalog(columns: Column[]): ColumnCatalog {
  const index = new Map<string, Column>();
  for (const c of columns) index.set(c.name, c);
  for (const c of columns) for (const a of c.aliases) if (!index.has(a)) index.set(a, c);
  const found = new Map<string, Column | undefined>(); // name → column: asked for every draft
  return {
    columns,
    get(name: string) {
      if (found.has(name)) return found.get(name);
      let column: Column | undefined;
      for (const cand of columnCandidates(name)) {
        column = index.get(cand);
        if (column) break;
      }
      if (found.size >= 1000) found.clear(); // a long-running server meets many names
      found.set(name, column);
      return column;
    },
    names: () => [...index.keys()],
  };
}

/**
 * The catalog in effect for a configuration: the default one, replaced or extended by
 * `config.columns`. Throws an Error listing the problems when the section is invalid.
 */
export function loadColumnCatalog(config: Partial<Config> | undefined, packageRoot: string, baseDir?: string): ColumnCatalog {
  const problems: string[] = [];
  const cfg = resolveConfigEntries(config?.columns, baseDir ?? process.cwd(), problems);
  if (problems.length) throw new Error(problems.join('; '));
  let cols: Column[] = cfg.replace ? [] : loadDefaultColumns(packageRoot);
  if (cfg.remove.length) {
    const gone = new Set(cfg.remove);
    cols = cols.filter((c) => !gone.has(c.name) && !c.aliases.some((a) => gone.has(a)));
  }
  for (const extra of cfg.add) {
    const i = cols.findIndex((c) => c.name === extra.name || c.aliases.includes(extra.name));
    if (i >= 0) cols[i] = mergeInto(cols[i]!, extra);
    else cols.push(extra);
  }
  return makeCatalog(cols);
}
