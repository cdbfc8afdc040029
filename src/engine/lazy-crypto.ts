/**
 * node:crypto, required on first use. Requiring it takes 4–6 ms (its internal modules load),
 * which a one-file lint run that hashes nothing should not pay (issue 9): the modules the command
 * line loads for every lint (the rule cache, the result cache, fix writing, baselines, link
 * checks) take it from here instead of importing it.
 */
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let loaded: Crypto | undefined;

export function nodeCrypto(): Crypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as Crypto);
}
