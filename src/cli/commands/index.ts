/**
 * The commands other than `lint` (src/cli/index.ts), in the order of the help. Each module
 * exports `register(program)`; they are loaded only for a run that is not a lint run.
 */
import type { Command } from 'commander';

type Registrar = { register(program: Command): void };

export const commandModules: Array<() => Promise<Registrar>> = [
  async () => ({ register: (await import('../rules.js')).registerRules }),
  async () => ({ register: (await import('../init.js')).registerInit }),
  () => import('./serve.js'),
  () => import('./ledger.js'),
  () => import('./cadence.js'),
  () => import('./classify.js'),
  () => import('./columns.js'),
  () => import('./doctor.js'),
  () => import('./daemon.js'),
];
