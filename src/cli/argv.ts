/**
 * Which command an argument list runs, decided before commander sees it (no imports: loader.ts in
 * dist/start.cjs and the command line's bundle both use it).
 */

/** the command line's commands other than `lint` (src/cli/index.ts, src/cli/commands/) */
export const OTHER_COMMANDS = new Set(['rules', 'init', 'serve', 'ledger', 'cadence', 'classify', 'columns', 'doctor', 'daemon', 'help']);

/**
 * A lint run: `draftlint lint …`, or `draftlint [paths]` (lint is the default command), but not
 * another command nor `--help` / `--version`.
 */
export function isLintRun(argv: readonly string[]): boolean {
  const first = argv[2];
  if (first === undefined || first === 'lint') return true;
  return !OTHER_COMMANDS.has(first) && !['-h', '--help', '-v', '-V', '--version'].includes(first);
}
