/**
 * Reading workflow metadata from files with the document reader (src/document/), so
 * encodings (UTF-8/UTF-16/GB18030) and the Chinese key aliases match `lint` exactly.
 */
import { readFile } from 'node:fs/promises';
import { decode } from '../document/decode.js';
import { scanFrontMatter } from '../document/frontmatter.js';

/** Canonical front matter of a text (null when it has none or it is not valid YAML). */
export function parseFrontMatter(text: string): Record<string, unknown> | null {
  return scanFrontMatter(text.replace(/^\ufeff/, '')).frontMatter?.data ?? null;
}

/**
 * Canonical front matter of a file: null when it has none, is not valid YAML, or cannot
 * be decoded. Throws when the file cannot be read.
 */
export async function readMeta(file: string): Promise<Record<string, unknown> | null> {
  const d = decode(await readFile(file));
  if (!d.ok) return null;
  return parseFrontMatter(d.text);
}
