import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A file as reports name it: relative to `cwd` with `/` separators when inside it, else absolute; `<stdin>` as is. */
export function displayPath(filePath: string, cwd: string): string {
  if (filePath.startsWith('<')) return filePath;
  const abs = isAbsolute(filePath) ? filePath : resolve(cwd, filePath);
  const rel = relative(cwd, abs);
  return (rel && !rel.startsWith('..') ? rel : abs).split(sep).join('/');
}
