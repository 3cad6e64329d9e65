/**
 * How the dashboard writes figures of agreement: 2–3 decimals, and "—" where a figure is undefined,
 * with the reason as its tooltip (docs/agreement.md: F1 is undefined when neither layer has a span to
 * agree on; kappa when there are no characters, or pe = 1).
 */
import type { Chance, PairFigures } from '../core/index.ts';

export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

export const NO_DOCUMENTS = '没有双方都标注过的文档 No document that both have annotated';
export const NO_SPANS = '双方都没有（此类）标注，无可比较 Neither has spans (of this label): nothing to agree on';
export const NO_CHARS = '没有可比较的字符 No characters to compare';
export const PE_ONE = 'pe = 1：每个字都被归入同一类，kappa 为 0/0 Every character is in one and the same category: pe = 1 and kappa is 0/0';

/** Why the F1 of `f` is null (undefined), or null when it has a value. */
export function whyF1(f: PairFigures, documents?: number): string | null {
  if (f.f1_exact !== null) return null;
  return documents === 0 ? NO_DOCUMENTS : NO_SPANS;
}

/** Why a chance-corrected figure (kappa, alpha) is null, or null when it has a value. */
export function whyChance(c: Pick<Chance, 'value'>, chars: number, documents?: number): string | null {
  if (c.value !== null) return null;
  if (documents === 0) return NO_DOCUMENTS;
  return chars === 0 ? NO_CHARS : PE_ONE;
}

export function whyKappa(f: PairFigures, documents?: number): string | null {
  return whyChance({ value: f.kappa }, f.chars, documents);
}

/** The counts behind a pair's figures, from the side of `a` (the row) and `b` (the column). */
export function countsLine(f: PairFigures, a: string, b: string, documents: number): string {
  return (
    `${a}: ${f.a_spans} 个标注 spans · ${b}: ${f.b_spans} 个标注 spans · ` +
    `完全匹配 exact matches ${f.matched_exact} · 重叠匹配 overlap matches ${f.matched_overlap} · ` +
    `${f.chars} 字 characters · ${documents} 篇文档 documents · po ${fixed(f.observed)} · pe ${fixed(f.expected)}`
  );
}

/** The figures of a pair seen from the other side: a and b swap, the figures are symmetric. */
export function swapped(f: PairFigures): PairFigures {
  return { ...f, a_spans: f.b_spans, b_spans: f.a_spans };
}
