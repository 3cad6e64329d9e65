/** Labels and label sets. The default set is the annotation scheme of docs/guide.md. */

export interface Label {
  /** Stable identifier written into exports, e.g. `METRIC`. */
  id: string;
  zh: string;
  en: string;
  /** CSS colour; distinct per label in a set. */
  color: string;
  /** Single key that applies the label, `1`–`9`. */
  hotkey: string;
  /** Labels this one may sit inside. Spans of labels that do not list each other never overlap. */
  nestsIn: string[];
  /** What else a span of this label records, each picked from a list (TARGET: deadline, kind). */
  attributes?: Attribute[];
}

export interface Attribute {
  /** Stable key, e.g. `deadline`. */
  id: string;
  zh: string;
  en: string;
  /** The values to pick from, in the order shown (keys 1–9). */
  values: string[];
}

/** The attributes a TARGET declares by default (docs/guide.md explains them). */
export const TARGET_ATTRIBUTES: Attribute[] = [
  { id: 'deadline', zh: '期限', en: 'deadline', values: ['全年', '一季度', '上半年', '半年度', '年底', '2025年', '2026年'] },
  { id: 'kind', zh: '类型', en: 'kind', values: ['growth', 'level', 'count', 'completion'] },
];

export type LabelSet = readonly Label[];

export const DEFAULT_LABELS: LabelSet = [
  { id: 'TARGET', zh: '目标', en: 'Target', color: '#2563eb', hotkey: '1', nestsIn: [], attributes: TARGET_ATTRIBUTES },
  { id: 'PROJECT', zh: '项目', en: 'Project', color: '#15803d', hotkey: '2', nestsIn: [] },
  { id: 'ORG', zh: '机构', en: 'Organisation', color: '#9333ea', hotkey: '3', nestsIn: [] },
  { id: 'METRIC', zh: '指标', en: 'Metric', color: '#ea580c', hotkey: '4', nestsIn: ['TARGET'] },
];

export function labelById(labels: LabelSet, id: string): Label | undefined {
  return labels.find((l) => l.id === id);
}

export function labelByHotkey(labels: LabelSet, key: string): Label | undefined {
  return labels.find((l) => l.hotkey === key);
}

/** May a span of `inner` sit inside (or overlap) a span of `outer`? */
export function mayNest(labels: LabelSet, inner: string, outer: string): boolean {
  return labelById(labels, inner)?.nestsIn.includes(outer) ?? false;
}

/** What an import does with a label the project does not have: map it onto one, add it, or drop it. */
export type LabelChoice = { to: string } | { add: true } | { drop: true };

/** Labels used by imported spans that the project does not have, in order of first use. */
export function foreignLabels(labels: LabelSet, used: Iterable<string>): string[] {
  const known = new Set(labels.map((l) => l.id));
  return [...new Set(used)].filter((l) => !known.has(l));
}

/** The first guess for each foreign label: same name in another case or language, else add it. */
export function suggestChoices(labels: LabelSet, foreign: readonly string[]): Record<string, LabelChoice> {
  const out: Record<string, LabelChoice> = {};
  for (const name of foreign) {
    const key = name.trim().toLowerCase();
    const same = labels.find((l) => [l.id, l.zh, l.en].some((n) => n.toLowerCase() === key));
    out[name] = same ? { to: same.id } : { add: true };
  }
  return out;
}

const EXTRA_COLOURS = ['#0891b2', '#be123c', '#4d7c0f', '#a16207', '#6d28d9', '#0f766e', '#c2410c', '#334155'];

/** `labels` with new labels for `names` (distinct colours, the free hotkeys 1–9 while they last). */
export function withAddedLabels(labels: LabelSet, names: readonly string[]): LabelSet {
  const used = new Set(labels.map((l) => l.hotkey));
  const freeKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((k) => !used.has(k));
  const added = names
    .filter((n) => !labels.some((l) => l.id === n))
    .map((name, i): Label => ({ id: name, zh: name, en: name, color: EXTRA_COLOURS[(labels.length + i) % EXTRA_COLOURS.length]!, hotkey: freeKeys[i] ?? '', nestsIn: [] }));
  return [...labels, ...added];
}

/** Relabels spans by the choices (dropping those chosen to drop); labels without a choice stay. */
export function applyChoices<S extends { label: string }>(spans: readonly S[], choices: Readonly<Record<string, LabelChoice>>): S[] {
  return spans.flatMap((s) => {
    const c = choices[s.label];
    if (!c || 'add' in c) return [s];
    if ('drop' in c) return [];
    return [{ ...s, label: c.to }];
  });
}
