/**
 * Commander wiring only: every command calls the engine library.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { packageRoot, UsageError } from '../engine/index.js';
import { isLintRun } from './argv.js';
import { commandModules } from './commands/index.js';
import { registerLint } from './lint.js';

export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The program. Given the arguments of a lint run (`isLintRun`), only `lint` is registered: the
 * other commands' modules are then not even loaded (issue 9, the one-file run).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('draftlint');
  program
    .description('政务网站及新媒体稿件合规检查（盘县政办发〔2021〕10号）\nCompliance linter for county-government web and new-media drafts')
    .version(version(), '-v, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .addHelpCommand('help [command]', '显示命令帮助 / help for a command')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerLint(program);
  if (!argv || !isLintRun(argv)) for (const load of commandModules) (await load()).register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`draftlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export { Option };

/** For the daemon's spares (src/daemon/worker.ts): English spelling asked of the daemon's main thread. */
export async function useRemoteSpellingPort(port: import('node:worker_threads').MessagePort): Promise<void> {
  (await import('../checks/spelling.js')).useRemoteSpelling(port);
}
