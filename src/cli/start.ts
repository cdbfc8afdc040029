/**
 * What bin/draftlint.js requires (bundled as CommonJS into dist/start.cjs): the daemon client and
 * the code-cached loader of the command line.
 */
export { viaDaemon } from '../daemon/client.js';
export { loadCli } from './loader.js';
export { internalErrorLine } from './internal-error.js';

// the code-cached bundle runs without a module loader of its own (see loader.ts): ES modules that
// require() cannot load (dictionary-en) are imported from here
(globalThis as { __draftlintImport?: (s: string) => Promise<unknown> }).__draftlintImport = (specifier: string) => import(specifier);
export { watchStdio, exitWhenFlushed, openedStdio } from './exit.js';
export { isLintRun } from './argv.js';
