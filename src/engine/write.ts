/**
 * Writing a fixed file back without losing anything: the original encoding, BOM and line endings
 * are kept (fixes are computed on the decoded text, which keeps CRLF), the file is written to a
 * temporary file beside it and renamed over it (preserving its mode), and nothing is written
 * when the file changed on disk since it was read.
 */
import { nodeCrypto } from './lazy-crypto.js';
import { chmod, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encode, type Decoded } from '../document/decode.js';

export type WriteOutcome = 'written' | 'unchanged' | 'changed-on-disk' | 'unencodable' | 'failed';

export async function writeFixed(path: string, text: string, decoded: Decoded, original: { mtimeMs?: number; size?: number }, bytesAtRead?: Buffer): Promise<{ outcome: WriteOutcome; reason?: string }> {
  const bytes = encode(text, decoded.encoding, decoded.bom);
  if (!bytes) return { outcome: 'unencodable' };
  let st;
  try {
    st = await stat(path);
    if ((original.mtimeMs !== undefined && st.mtimeMs !== original.mtimeMs) || (original.size !== undefined && st.size !== original.size)) return { outcome: 'changed-on-disk' };
    if (bytesAtRead) {
      const now = await readFile(path);
      if (!now.equals(bytesAtRead)) return { outcome: 'changed-on-disk' };
      if (now.equals(bytes)) return { outcome: 'unchanged' };
    }
  } catch (e) {
    return { outcome: 'failed', reason: (e as NodeJS.ErrnoException).code };
  }
  const tmp = join(dirname(path), `.${basename(path)}.draftlint-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { mode: st.mode & 0o7777, flag: 'wx' });
    await chmod(tmp, st.mode & 0o7777);
    await rename(tmp, path);
    return { outcome: 'written' };
  } catch (e) {
    await unlink(tmp).catch(() => {});
    return { outcome: 'failed', reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}
