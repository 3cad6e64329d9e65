/** A metric value as people read it beside the text: ≥45亿元, 3.5%, ≈1.2万人次. */
import type { MetricValue, Qualifier } from './metric-value.ts';

export const QUALIFIER_SIGNS: Readonly<Record<Qualifier, string>> = { '>=': '≥', '<=': '≤', '~': '≈', '=': '' };

/** Up to 12 significant digits without float noise (0.1+0.2) or an exponent. */
function plain(n: number): string {
  const rounded = Number(n.toPrecision(12));
  return Math.abs(rounded) >= 1e21 ? rounded.toString() : rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 12 });
}

/** The number with the scale a Chinese reader expects back (亿, 万), per cent as per cent. */
export function formatMetric(v: MetricValue): string {
  const sign = QUALIFIER_SIGNS[v.qualifier];
  if (v.unit === '%') return `${sign}${plain(v.value * 100)}%`;
  const abs = Math.abs(v.value);
  const number = abs >= 1e8 ? `${plain(v.value / 1e8)}亿` : abs >= 1e4 ? `${plain(v.value / 1e4)}万` : plain(v.value);
  return `${sign}${number}${v.unit}`;
}
