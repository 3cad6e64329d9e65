import { describe, expect, it } from 'vitest';
import { formatMetric } from '../../src/core/index.ts';

describe('formatMetric', () => {
  it('writes values back with 亿, 万 and per cent, and the qualifier as a sign', () => {
    expect(formatMetric({ value: 4500000000, unit: '元', qualifier: '>=' })).toBe('≥45亿元');
    expect(formatMetric({ value: 0.035, unit: '%', qualifier: '>=' })).toBe('≥3.5%');
    expect(formatMetric({ value: 185000, unit: '元', qualifier: '=' })).toBe('18.5万元');
    expect(formatMetric({ value: 3, unit: '个', qualifier: '=' })).toBe('3个');
    expect(formatMetric({ value: 12000, unit: '人次', qualifier: '~' })).toBe('≈1.2万人次');
    expect(formatMetric({ value: 30, unit: '天', qualifier: '<=' })).toBe('≤30天');
    expect(formatMetric({ value: 0.07, unit: '%', qualifier: '=' })).toBe('7%');
  });
});
