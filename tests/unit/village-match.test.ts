import { describe, expect, it } from 'vitest';
import { looksLikeVillageName, matchVillage } from '../../src/domain/village-match';

const villages = ['东风村', '幸福社区', '红旗村', '向阳村', '王家屯'];

describe('matchVillage', () => {
  it('matches exactly after trimming and full-width normalization', () => {
    expect(matchVillage(' 东风村 ', villages)).toEqual({ kind: 'exact', name: '东风村' });
    expect(matchVillage('幸福\u3000社区', villages)).toEqual({ kind: 'exact', name: '幸福社区' });
  });

  it('suggests the village when only the suffix differs or is missing', () => {
    expect(matchVillage('东风', villages)).toEqual({ kind: 'suggest', name: '东风村' });
    expect(matchVillage('东风社区', villages)).toEqual({ kind: 'suggest', name: '东风村' });
    expect(matchVillage('幸福村', villages)).toEqual({ kind: 'suggest', name: '幸福社区' });
    expect(matchVillage('东风村委会', villages)).toEqual({ kind: 'suggest', name: '东风村' });
  });

  it('suggests a near miss of one character', () => {
    expect(matchVillage('东凤村', villages)).toEqual({ kind: 'suggest', name: '东风村' });
    expect(matchVillage('红旗材', villages)).toEqual({ kind: 'suggest', name: '红旗村' });
    expect(matchVillage('向阳新村', villages)).toEqual({ kind: 'suggest', name: '向阳村' });
  });

  it('suggests the single village containing the word', () => {
    expect(matchVillage('王家', villages)).toEqual({ kind: 'suggest', name: '王家屯' });
  });

  it('returns none for unrelated words and for very short ones', () => {
    expect(matchVillage('光明村', villages)).toEqual({ kind: 'none' });
    expect(matchVillage('村', villages)).toEqual({ kind: 'none' });
    expect(matchVillage('', villages)).toEqual({ kind: 'none' });
    expect(matchVillage('东风村', [])).toEqual({ kind: 'none' });
  });
});

describe('looksLikeVillageName', () => {
  it.each(['东风村', '幸福社区', '幸福居委会', '东风村委会', '三组', '王家屯'])('%s looks like a village', (w) => {
    expect(looksLikeVillageName(w)).toBe(true);
  });

  it.each(['村', '张三', '幸福路8号', '居家隔离', 'abc村'])('%s does not', (w) => {
    expect(looksLikeVillageName(w)).toBe(false);
  });
});
