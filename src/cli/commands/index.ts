/**
 * Extra subcommands. Each module exports `register(program)`; `lint`, `rules` and `init`
 * are wired in src/cli/index.ts.
 */
import type { Command } from 'commander';

type Registrar = { register(program: Command): void };

export const commandModules: Array<() => Promise<Registrar>> = [
  () => import('./serve.js'),
  () => import('./ledger.js'),
  () => import('./cadence.js'),
  () => import('./classify.js'),
  () => import('./columns.js'),
  () => import('./doctor.js'),
  () => import('./daemon.js'),
];
