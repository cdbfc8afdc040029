/**
 * `draftlint doctor`: reports the environment the checks run in — Node, the English spelling
 * engine in use (nodehun, the native hunspell addon, or the retext-spell/nspell fallback) and
 * whether nodehun loads (with the error when it does not), and the Chinese segmenter.
 * Exit 0 when every check can run (the fallback counts), 1 otherwise.
 */
import type { Command } from 'commander';
import { engineStatus, loadNodehun } from '../../checks/spelling.js';
import { segmenter } from '../../checks/language-util.js';

export interface DoctorReport {
  node: string;
  spelling: { engine: string; nodehun: { ok: boolean; version?: string; error?: string }; dictionary: string; probe: boolean };
  segmenter: { ok: boolean; error?: string };
}

export async function doctor(): Promise<DoctorReport> {
  const st = await engineStatus();
  // probe nodehun directly as well, so the report says whether it loads even when forced off
  let nodehun = st.nodehun;
  if (!nodehun.ok && process.env.DRAFTLINT_SPELL_ENGINE === 'nspell') {
    try {
      const e = await loadNodehun();
      nodehun = { ok: true, version: e.version, error: 'loads, but DRAFTLINT_SPELL_ENGINE=nspell selects the fallback' };
    } catch (err) {
      nodehun = { ok: false, error: (err as Error).message };
    }
  }
  const { spellEngine } = await import('../../checks/spelling.js');
  const probe = (await (await spellEngine()).misspelled(['government', 'goverment'])).has('goverment');
  let seg: DoctorReport['segmenter'] = { ok: true };
  try {
    segmenter().cut('政府网站', false);
  } catch (err) {
    seg = { ok: false, error: (err as Error).message };
  }
  return { node: process.version, spelling: { engine: st.engine, nodehun, dictionary: st.dictionary, probe }, segmenter: seg };
}

export function renderDoctor(r: DoctorReport): string {
  const lines = [
    `Node.js            ${r.node}`,
    `拼写引擎 spelling   ${r.spelling.engine}${r.spelling.engine === 'nodehun' ? ' (hunspell, native)' : ' (retext-spell/nspell fallback, pure JS)'}`,
    `nodehun            ${r.spelling.nodehun.ok ? `loads (v${r.spelling.nodehun.version})` : 'does not load'}${r.spelling.nodehun.error ? ` — ${r.spelling.nodehun.error}` : ''}`,
    `英文词典 dictionary ${r.spelling.dictionary} (en-US hunspell)`,
    `拼写自检 probe      ${r.spelling.probe ? 'ok (goverment → flagged)' : 'FAILED'}`,
    `分词 segmenter      ${r.segmenter.ok ? 'jieba (compiled lexicon) ok' : `FAILED — ${r.segmenter.error}`}`,
  ];
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('检查运行环境：英文拼写引擎（nodehun 或回退的 nspell）、分词器 / report the spelling engine and native addons')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const r = await doctor();
      process.stdout.write(opts.json ? JSON.stringify(r, null, 2) + '\n' : renderDoctor(r));
      process.exitCode = r.spelling.probe && r.segmenter.ok ? 0 : 1;
    });
}
