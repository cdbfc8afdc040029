import { describe, expect, it } from 'vitest';
import { findDoubleNegation, findMissingSubject } from '../src/checks/phrasing.js';

// double-negation and missing-subject skip text without the characters every finding holds
// (phrasing.ts): each trigger and each verb must still be found.
describe('phrasing gates', () => {
  it('every double-negation trigger passes the gate', () => {
    for (const trigger of ['防止', '避免', '切忌', '严防', '谨防', '以免', '免得', '防范'])
      expect(findDoubleNegation(`要${trigger}事故不再发生。`).map((h) => h.data!.trigger)).toEqual([trigger]);
    expect(findDoubleNegation('要加强管理，确保安全。')).toEqual([]);
  });

  it('every missing-subject verb passes the gate', () => {
    for (const verb of ['使', '使得', '让', '令'])
      expect(findMissingSubject(`通过这次学习，${verb}我们提高了认识。`).map((h) => h.data!.verb)).toEqual([verb]);
    expect(findMissingSubject('通过这次学习，我们提高了认识。')).toEqual([]);
  });
});
