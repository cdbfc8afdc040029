/**
 * Kind `engine`: rules the engine itself reports (unreadable or undecodable files, binary files,
 * empty files, unused suppression comments). The check does nothing; the rule YAML supplies
 * severity, messages and documentation, and the engine reports through it.
 */
import type { CheckKind } from '../types.js';

const kind: CheckKind = {
  id: 'engine',
  create() {
    return { run() {} };
  },
};

export default kind;
