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
}

export type LabelSet = readonly Label[];

export const DEFAULT_LABELS: LabelSet = [
  { id: 'TARGET', zh: '目标', en: 'Target', color: '#2563eb', hotkey: '1', nestsIn: [] },
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
