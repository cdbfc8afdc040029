/**
 * `--fix` loses nothing: it refuses to write over a file that changed since it was read, and a
 * run killed at any moment leaves the file either as it was or fully fixed, never half-written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/document/decode.js';
import { lintFile } from '../../src/engine/index.js';
import { writeFixed } from '../../src/engine/write.js';
import { bin } from '../helpers.js';

const DRAFT =
  '---\ntitle: 关于城区路灯安装的通知\ncolumn: 通知公告\nunit: 县住房和城乡建设局\nauthor: 王芳\ndate: 2021-03-02\n---\n\n' +
  '县住房和城乡建设局将于近期在城区主干道按装路灯，各单位要再接再励。\n';

describe('--fix write-back', () => {
  it('refuses to write when the file changed on disk since it was read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-fix-'));
    const p = join(dir, 'x.md');
    writeFileSync(p, DRAFT);
    const { info } = await lintFile(p, { config: {} });
    // an editor saves the file while draftlint is working
    writeFileSync(p, DRAFT + '补充一段。\n');
    const d = decode(readFileSync(p));
    if (!d.ok) throw new Error('decode');
    const w = await writeFixed(p, DRAFT.replace('按装', '安装'), info.decoded!, info, info.bytes);
    expect(w.outcome).toBe('changed-on-disk');
    expect(readFileSync(p, 'utf8')).toBe(DRAFT + '补充一段。\n');
    expect(readdirSync(dir)).toEqual(['x.md']);
  });

  it('a run killed at any moment leaves the original or the fixed file, never a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftlint-kill-'));
    // a larger draft so that the run spends real time before and around the write
    const body = Array.from({ length: 400 }, (_, i) => `第${i + 1}段：县住房和城乡建设局将于近期在城区主干道按装路灯，各单位要再接再励。`).join('\n\n');
    const original = DRAFT + '\n' + body + '\n';
    const fixed = original.replaceAll('按装', '安装').replaceAll('再接再励', '再接再厉');
    const p = join(dir, 'x.md');
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      writeFileSync(p, original);
      const child = spawn(process.execPath, [bin, 'lint', '--fix', '--rule', '*: off', '--rule', 'typo/confusion: error', 'x.md'], { cwd: dir, stdio: 'ignore' });
      const delay = 150 + ((i * 137) % 1400);
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      const now = readFileSync(p, 'utf8');
      expect([original, fixed]).toContain(now);
      seen.add(now === original ? 'original' : 'fixed');
    }
    // left-over temporary files never replace the draft
    for (const f of readdirSync(dir)) expect(f === 'x.md' || /^\.x\.md\.draftlint-[0-9a-f]+\.tmp$/.test(f)).toBe(true);
    expect(seen.size).toBeGreaterThan(0);
  });
});
