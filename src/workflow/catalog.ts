/**
 * The site's column catalog for `cadence` (空白栏目). Only columns the site configures
 * (config `cadence.columns:` or `columns:`) are used: the built-in taxonomy lists every kind of column the notice
 * names, not the columns a particular portal has, so it would make every unused kind look
 * like a blank column.
 */
import { isRecord } from './meta.js';
import type { Config } from '../types.js';

export interface CatalogColumn {
  name: string;
  aliases: string[];
}

function fromList(list: unknown[]): CatalogColumn[] {
  const out: CatalogColumn[] = [];
  for (const c of list) {
    if (typeof c === 'string' && c.trim()) out.push({ name: c.trim(), aliases: [] });
    else if (isRecord(c) && typeof c.name === 'string') {
      const aliases = Array.isArray(c.aliases) ? c.aliases.filter((a): a is string => typeof a === 'string') : [];
      out.push({ name: c.name, aliases });
    }
  }
  return out;
}

/**
 * Reads the configured catalog: a list of names or `{name, aliases}`, or a mapping with
 * such a list under `catalog`, `list`, `names` or `add`/`extend`, or a mapping of names to
 * column settings.
 */
export function catalogFromConfig(raw: unknown): CatalogColumn[] {
  if (Array.isArray(raw)) return fromList(raw);
  if (!isRecord(raw)) return [];
  for (const k of ['catalog', 'list', 'names', 'columns']) if (Array.isArray(raw[k])) return fromList(raw[k] as unknown[]);
  const more = ['add', 'extend'].flatMap((k) => (Array.isArray(raw[k]) ? fromList(raw[k] as unknown[]) : []));
  if (more.length) return more;
  return Object.entries(raw)
    .filter(([, v]) => v === null || isRecord(v))
    .map(([name, v]) => ({
      name,
      aliases: isRecord(v) && Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === 'string') : [],
    }));
}

/**
 * The site's columns: config `cadence.columns` (a list of names or `{name, aliases}`), else
 * the configured catalog, preferring the column checks' own loader
 * (`loadColumnCatalog(config, packageRoot)` in src/checks/column/catalog.ts) so both read
 * `columns:` the same way. Empty when the site configures no `columns:`.
 */
export async function siteCatalog(config: Config, packageRoot: string): Promise<CatalogColumn[]> {
  const own = isRecord(config.cadence) ? config.cadence.columns : undefined;
  if (Array.isArray(own)) return fromList(own);
  if (config.columns === undefined || config.columns === null) return [];
  // not a static import: the column checks may be absent from a build
  const spec = '../checks/column/catalog.js';
  try {
    const m = (await import(spec)) as { loadColumnCatalog?: (c: Config, root: string) => unknown };
    if (typeof m.loadColumnCatalog === 'function') {
      const loaded = await m.loadColumnCatalog(config, packageRoot);
      const list = Array.isArray(loaded) ? loaded : isRecord(loaded) && Array.isArray(loaded.columns) ? loaded.columns : null;
      if (list) return fromList(list as unknown[]);
    }
  } catch {
    /* no loader yet: read the config directly */
  }
  return catalogFromConfig(config.columns);
}

/** Maps a column name as written to its catalog name (via aliases); unknown names stay as they are. */
export function canonicalColumn(name: string, catalog: CatalogColumn[]): string {
  for (const c of catalog) if (c.name === name || c.aliases.includes(name)) return c.name;
  return name;
}
