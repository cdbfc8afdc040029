/**
 * The site's columns for `cadence`: which columns exist (for 空白栏目) and how a column
 * written in front matter maps to its catalog name (aliases, e.g. 规范性文件 → 政策文件).
 *
 * Blank columns are listed only for columns the site declares: config `cadence.columns`
 * (a plain list of the portal's columns), else the catalog in effect when the site
 * configures `columns:` (the default catalog with its `replace`/`remove`/`add`, see
 * docs/columns.md). Without either, no blank columns are listed: the built-in taxonomy
 * names every kind of column the notice mentions, not the columns a particular portal has.
 */
import { loadColumnCatalog, type ColumnCatalog } from '../checks/column/catalog.js';
import { isRecord } from './meta.js';
import type { Config } from '../types.js';

export interface SiteColumns {
  /** the portal's columns (empty when the site declares none) */
  names: string[];
  /** a declared column → its catalog name (unknown names are returned as written) */
  canonical(name: string): string;
}

function listFrom(v: unknown[]): string[] {
  const out: string[] = [];
  for (const c of v) {
    if (typeof c === 'string' && c.trim()) out.push(c.trim());
    else if (isRecord(c) && typeof c.name === 'string' && c.name.trim()) out.push(c.name.trim());
    else throw new Error('cadence.columns must list column names');
  }
  return out;
}

/** Throws an Error naming the problem when `columns:` or `cadence.columns` is invalid. */
export function siteColumns(config: Config, packageRoot: string, baseDir?: string): SiteColumns {
  const catalog: ColumnCatalog = loadColumnCatalog(config, packageRoot, baseDir);
  const canonical = (name: string) => catalog.get(name)?.name ?? name.trim();
  const own = isRecord(config.cadence) ? config.cadence.columns : undefined;
  let names: string[] = [];
  if (own !== undefined) {
    if (!Array.isArray(own)) throw new Error('cadence.columns must be a list of column names');
    names = listFrom(own).map(canonical);
  } else if (config.columns !== undefined && config.columns !== null) {
    names = catalog.columns.map((c) => c.name);
  }
  return { names: [...new Set(names)], canonical };
}
