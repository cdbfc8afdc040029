/**
 * User-supplied regular expressions (rule YAML, config) must compile and be safe from
 * catastrophic backtracking: a pattern safe-regex2 judges exponential is rejected at load time.
 */
import safeRegex from 'safe-regex2';

export function compilePattern(source: string, flags = ''): { regex?: RegExp; error?: string } {
  let regex: RegExp;
  const f = [...new Set((flags + 'gu').split(''))].join('');
  try {
    regex = new RegExp(source, f);
  } catch (e) {
    return { error: `invalid regular expression /${source}/: ${(e as Error).message}` };
  }
  if (!safeRegex(regex, { limit: 25 })) return { error: `regular expression /${source}/ may backtrack catastrophically (nested quantifiers); rewrite it` };
  return { regex };
}
