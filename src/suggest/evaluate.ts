/**
 * Scoring suggestions against a gold annotation: precision, recall and F1 per label and overall (micro),
 * counting a suggestion as right only when start, end and label all match a gold span (exact match).
 * Pure, shared by `npm run eval` (scripts/eval.ts) and the test that guards the figures.
 */
export interface Labelled {
  start: number;
  end: number;
  label: string;
}

export interface GoldDocument {
  id: string;
  text: string;
  spans: Labelled[];
}

export interface Score {
  label: string;
  gold: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Reads doccano JSONL (`{"id", "text", "label": [[start, end, "LABEL"], …]}`), one document a line. */
export function parseGoldJsonl(jsonl: string): GoldDocument[] {
  const out: GoldDocument[] = [];
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const rec = JSON.parse(line) as { id?: unknown; text: string; label?: [number, number, string][] };
    out.push({ id: String(rec.id ?? out.length), text: rec.text, spans: (rec.label ?? []).map(([start, end, label]) => ({ start, end, label })) });
  }
  return out;
}

const key = (s: Labelled) => `${s.start}:${s.end}:${s.label}`;

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function make(label: string, gold: number, predicted: number, tp: number): Score {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, gold);
  return { label, gold, predicted, tp, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Per-label scores (labels of the gold first, in first-seen order) and the micro average over all. */
export function score(pairs: readonly { gold: readonly Labelled[]; predicted: readonly Labelled[] }[], labels?: readonly string[]): { labels: Score[]; micro: Score } {
  const counts = new Map<string, { gold: number; predicted: number; tp: number }>();
  const at = (l: string) => {
    let c = counts.get(l);
    if (!c) counts.set(l, (c = { gold: 0, predicted: 0, tp: 0 }));
    return c;
  };
  for (const l of labels ?? []) at(l);
  for (const { gold, predicted } of pairs) {
    const goldKeys = new Set(gold.map(key));
    for (const g of gold) at(g.label).gold++;
    const seen = new Set<string>();
    for (const p of predicted) {
      const k = key(p);
      if (seen.has(k)) continue;
      seen.add(k);
      const c = at(p.label);
      c.predicted++;
      if (goldKeys.has(k)) c.tp++;
    }
  }
  const list = [...counts.entries()].map(([l, c]) => make(l, c.gold, c.predicted, c.tp));
  const sum = (f: (s: Score) => number) => list.reduce((a, s) => a + f(s), 0);
  return { labels: list, micro: make('micro', sum((s) => s.gold), sum((s) => s.predicted), sum((s) => s.tp)) };
}

/** False positives and false negatives of one document, per label. */
export function errors(gold: readonly Labelled[], predicted: readonly Labelled[]): { falsePositives: Labelled[]; falseNegatives: Labelled[] } {
  const g = new Set(gold.map(key));
  const p = new Set(predicted.map(key));
  return { falsePositives: predicted.filter((s) => !g.has(key(s))), falseNegatives: gold.filter((s) => !p.has(key(s))) };
}
