import { describe, expect, it } from 'vitest';
import { contentColor } from '../../src/cards/card-color';
import { releaseCard } from '../../src/cards/release-card';
import type { ReleaseCandidate } from '../../src/services/release-due';
import { expectCardAccepted } from '../helpers/card-check';

describe('contentColor', () => {
  it.each([
    [{ alerts: 0, work: 0 }, 'green'],
    [{ alerts: 0, work: 3 }, 'orange'],
    [{ alerts: 1, work: 3 }, 'red'],
    [{ alerts: 1, work: 0 }, 'red'],
  ] as const)('%j → %s', (input, color) => expect(contentColor(input)).toBe(color));
});

describe('到期解除 card colour', () => {
  const candidate = (id: number, held: boolean) =>
    ({ id, maskedName: '张*', villageName: '东风村', categoryName: '居家隔离', endDate: '2026-11-22', blockers: held ? [{ kind: 'positive' }] : [] }) as unknown as ReleaseCandidate;
  it('is orange while anyone on it waits to be released or is held, never green', () => {
    for (const list of [
      { ready: 4, held: 0, first: [1, 2, 3, 4].map((i) => candidate(i, false)) },
      { ready: 0, held: 2, first: [candidate(1, true), candidate(2, true)] },
    ]) {
      const card = releaseCard({ where: '东风村', date: '2026-11-23', list, showVillage: false });
      expectCardAccepted(card);
      expect(card.header.template).toBe('orange');
    }
  });
});
