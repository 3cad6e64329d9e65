/**
 * The target table (issue #6): one row per TARGET span, with the section it sits under, its metrics
 * (value, unit, qualifier), the projects that are part of it and the organisations carrying those out,
 * for the app's sortable, filterable view and for a CSV that Excel and pandas open as is.
 *
 * Choices:
 *  - A METRIC nested inside a TARGET belongs to it even without a `measures` relation (how: 'nested'):
 *    the guidelines tag the quantity inside the sentence of the goal (力争全年整治「1980亩以上」), so
 *    containment already says which target it measures, and annotators rarely draw that link by hand.
 *    A `measures` relation (how: 'linked') adds metrics from elsewhere, and wins when both hold.
 *  - Relations are read by the stable ids of DEFAULT_RELATION_TYPES (`measures`, `part_of`,
 *    `carries_out`), with the labels of their ends checked; one whose type is not in the type set, or
 *    whose ends are not spans of the document, is ignored, as are spans and relations of other documents.
 *  - Projects: PROJECT spans `part_of` the target, or `part_of` such a project (transitively, when a type
 *    set lets projects nest). Organisations: ORG spans that `carries_out` one of those projects, plus ORG
 *    spans linked to the target itself by any known type, in either direction. All lists are in
 *    document order, without duplicates.
 *  - The CSV (src/core/csv.ts) has a BOM so Excel reads the Chinese, CRLF, and a guard against formula
 *    injection. Several metrics share a cell, joined with '；', in the same order in every metric column
 *    (a metric without a value leaves its place empty), so the n-th parts of `metrics`, `metric_values`,
 *    `units` and `qualifiers` describe the same metric. A single value is written as a plain number.
 *    Qualifiers are written as words (at_least…), since a bare `=` would need the formula guard.
 */
import { groupByDoc } from './sorted.ts';
import { formatCsv, type CsvCell, plainNumber } from './csv.ts';
import { DEFAULT_LABELS, labelById, type LabelSet } from './labels.ts';
import { readMetric, type MetricValue, type Qualifier } from './metric-value.ts';
import { DEFAULT_RELATION_TYPES, relationTypeById, type Relation, type RelationTypeSet } from './relations.ts';
import { compareSpans, contains, type Span } from './spans.ts';
import { outline, type Heading } from './structure.ts';

export interface TableDoc {
  id: string;
  title: string;
  text: string;
}

export interface TargetMetric {
  spanId: string;
  text: string;
  /** The user's correction (span.value), else readMetric(text) when it reads, else null. */
  value: MetricValue | null;
  /** 'linked': a `measures` relation; 'nested': only inside the target. */
  how: 'linked' | 'nested';
}

export interface LinkedSpan {
  spanId: string;
  text: string;
}

export interface TargetRow {
  docId: string;
  docTitle: string;
  /** Title of the innermost heading in force at the target's start; '' before the first heading. */
  section: string;
  /** The headings in force, outermost first, joined with " › ". */
  sectionPath: string;
  /** Code point where the innermost heading starts; -1 before the first heading. */
  sectionStart: number;
  targetId: string;
  target: string;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  metrics: TargetMetric[];
  projects: LinkedSpan[];
  orgs: LinkedSpan[];
  /** The span's attribute values by attribute id, the TARGET label's declared ones first. */
  attributes: Record<string, string>;
}

/** Separator of several values in one cell (full-width, so it never clashes with CSV's comma). */
export const CELL_SEPARATOR = '；';
export const SECTION_SEPARATOR = ' › ';
export const QUALIFIER_WORDS: Readonly<Record<Qualifier, string>> = { '>=': 'at_least', '<=': 'at_most', '~': 'about', '=': 'exact' };

/** A METRIC span's value: the user's correction, else what readMetric makes of its text, else null. */
export function metricValue(span: Pick<Span, 'text' | 'value'>): MetricValue | null {
  if (span.value) return span.value;
  const r = readMetric(span.text);
  return r.ok ? r.metric : null;
}

const linked = (s: Span): LinkedSpan => ({ spanId: s.id, text: s.text });

/** The rows of one document's targets, in document order. */
export function targetRows(
  doc: TableDoc,
  spans: readonly Span[],
  relations: readonly Relation[],
  labels: LabelSet = DEFAULT_LABELS,
  types: RelationTypeSet = DEFAULT_RELATION_TYPES,
): TargetRow[] {
  const mine = spans.filter((s) => s.docId === doc.id).sort(compareSpans);
  const byId = new Map(mine.map((s) => [s.id, s]));
  const order = new Map(mine.map((s, i) => [s.id, i]));
  const rels = relations.filter(
    (r) => r.docId === doc.id && relationTypeById(types, r.type) !== undefined && byId.has(r.fromId) && byId.has(r.toId),
  );
  const label = (id: string) => byId.get(id)!.label;
  const inOrder = (ids: Iterable<string>) => [...ids].sort((a, b) => order.get(a)! - order.get(b)!).map((id) => byId.get(id)!);
  const metrics = mine.filter((s) => s.label === 'METRIC');
  const declared = (labelById(labels, 'TARGET')?.attributes ?? []).map((a) => a.id);
  const headings = outline(doc.text);
  const stack: Heading[] = [];
  let h = 0;
  const rows: TargetRow[] = [];
  for (const t of mine) {
    if (t.label !== 'TARGET') continue;
    for (; h < headings.length && headings[h]!.start <= t.start; h++) {
      const next = headings[h]!;
      while (stack.length > 0 && stack.at(-1)!.level >= next.level) stack.pop();
      stack.push(next);
    }
    const how = new Map<string, TargetMetric['how']>();
    for (const r of rels) if (r.type === 'measures' && r.toId === t.id && label(r.fromId) === 'METRIC') how.set(r.fromId, 'linked');
    for (const m of metrics) if (!how.has(m.id) && contains(t, m)) how.set(m.id, 'nested');
    // Projects part_of the target, then part_of those, until nothing new joins.
    const projects = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of rels) {
        if (r.type !== 'part_of' || label(r.fromId) !== 'PROJECT' || projects.has(r.fromId)) continue;
        if (r.toId === t.id || projects.has(r.toId)) {
          projects.add(r.fromId);
          grew = true;
        }
      }
    }
    const orgs = new Set<string>();
    for (const r of rels) {
      if (r.type === 'carries_out' && projects.has(r.toId) && label(r.fromId) === 'ORG') orgs.add(r.fromId);
      if (r.toId === t.id && label(r.fromId) === 'ORG') orgs.add(r.fromId);
      if (r.fromId === t.id && label(r.toId) === 'ORG') orgs.add(r.toId);
    }
    const attrs = t.attributes ?? {};
    const attributes: Record<string, string> = {};
    for (const k of [...declared, ...Object.keys(attrs)]) if (attrs[k] !== undefined) attributes[k] = attrs[k];
    rows.push({
      docId: doc.id,
      docTitle: doc.title,
      section: stack.at(-1)?.title ?? '',
      sectionPath: stack.map((x) => x.title).join(SECTION_SEPARATOR),
      sectionStart: stack.at(-1)?.start ?? -1,
      targetId: t.id,
      target: t.text,
      start: t.start,
      end: t.end,
      metrics: inOrder(how.keys()).map((m) => ({ spanId: m.id, text: m.text, value: metricValue(m), how: how.get(m.id)! })),
      projects: inOrder(projects).map(linked),
      orgs: inOrder(orgs).map(linked),
      attributes,
    });
  }
  return rows;
}

/** The rows of many documents, document after document; spans and relations are matched by docId. */
export function targetTable(
  docs: readonly TableDoc[],
  spans: readonly Span[],
  relations: readonly Relation[],
  labels: LabelSet = DEFAULT_LABELS,
  types: RelationTypeSet = DEFAULT_RELATION_TYPES,
): TargetRow[] {
  const spansOf = groupByDoc(spans);
  const relsOf = groupByDoc(relations);
  return docs.flatMap((d) => targetRows(d, spansOf.get(d.id) ?? [], relsOf.get(d.id) ?? [], labels, types));
}

/** What sortRows can sort by: a column id, a count, or `attribute:<id>`. */
export type SortKey =
  | 'document'
  | 'section'
  | 'target'
  | 'start'
  | 'end'
  | 'metrics'
  | 'metric_values'
  | 'units'
  | 'projects'
  | 'organisations'
  | 'metric_count'
  | 'project_count'
  | 'org_count'
  | `attribute:${string}`;

export interface TableColumn {
  /** Header in the CSV, stable. */
  id: string;
  zh: string;
  en: string;
  /** Numbers (right-aligned in a view); metric_values is numeric but may hold several, joined. */
  numeric: boolean;
  sortKey: SortKey | null;
  cell(row: TargetRow): CsvCell;
}

const join = (parts: readonly string[]) => parts.join(CELL_SEPARATOR);

function col(id: string, zh: string, en: string, sortKey: SortKey | null, cell: (row: TargetRow) => CsvCell, numeric = false): TableColumn {
  return { id, zh, en, numeric, sortKey, cell };
}

const FIXED: readonly TableColumn[] = [
  col('document', '文件', 'document', 'document', (r) => r.docTitle),
  col('section', '章节', 'section', 'section', (r) => r.section),
  col('section_path', '章节路径', 'section path', null, (r) => r.sectionPath),
  col('target', '目标', 'target', 'target', (r) => r.target),
  col('start', '起', 'start', 'start', (r) => r.start, true),
  col('end', '止', 'end', 'end', (r) => r.end, true),
  col('metrics', '指标', 'metrics', 'metrics', (r) => join(r.metrics.map((m) => m.text))),
  col('metric_values', '数值', 'values', 'metric_values', (r) => {
    const [only, ...more] = r.metrics;
    if (only?.value && more.length === 0) return only.value.value;
    return join(r.metrics.map((m) => (m.value ? plainNumber(m.value.value) : '')));
  }, true),
  col('units', '单位', 'units', 'units', (r) => join(r.metrics.map((m) => m.value?.unit ?? ''))),
  col('qualifiers', '限定', 'qualifiers', null, (r) => join(r.metrics.map((m) => (m.value ? QUALIFIER_WORDS[m.value.qualifier] : '')))),
  col('projects', '项目', 'projects', 'projects', (r) => join(r.projects.map((p) => p.text))),
  col('organisations', '机构', 'organisations', 'organisations', (r) => join(r.orgs.map((o) => o.text))),
  col('doc_id', '文件编号', 'document id', null, (r) => r.docId),
  col('target_id', '目标编号', 'target id', null, (r) => r.targetId),
];

/**
 * The table's columns: the fixed ones, then one per attribute the TARGET label declares, then (given
 * `rows`) one per other attribute found in them, in order of first use.
 */
export function tableColumns(labels: LabelSet = DEFAULT_LABELS, rows: readonly TargetRow[] = []): TableColumn[] {
  const out = [...FIXED];
  const taken = new Set(out.map((c) => c.id));
  const add = (id: string, zh: string, en: string) => {
    if (taken.has(`attribute:${id}`)) return;
    taken.add(`attribute:${id}`);
    const header = taken.has(id) ? `attribute_${id}` : id;
    taken.add(header);
    out.push(col(header, zh, en, `attribute:${id}`, (r) => r.attributes[id] ?? ''));
  };
  for (const a of labelById(labels, 'TARGET')?.attributes ?? []) add(a.id, a.zh, a.en);
  for (const r of rows) for (const id of Object.keys(r.attributes)) add(id, id, id);
  return out;
}

/** The rows as a CSV file (see src/core/csv.ts): BOM, CRLF, quoted, formula-guarded. */
export function toCsv(rows: readonly TargetRow[], labels: LabelSet = DEFAULT_LABELS): string {
  const cols = tableColumns(labels, rows);
  return formatCsv(cols.map((c) => c.id), rows.map((r) => cols.map((c) => c.cell(r))));
}

const collator = new Intl.Collator('zh');

type SortValue = string | number | readonly [string, number] | null;

function sortValue(row: TargetRow, key: SortKey): SortValue {
  const text = (s: string | undefined) => (s ? s : null);
  switch (key) {
    case 'document': return text(row.docTitle);
    case 'section': return [row.docTitle, row.sectionStart];
    case 'target': return text(row.target);
    case 'start': return row.start;
    case 'end': return row.end;
    case 'metrics': return text(row.metrics[0]?.text);
    case 'metric_values': return row.metrics[0]?.value?.value ?? null;
    case 'units': return text(row.metrics[0]?.value?.unit);
    case 'projects': return text(row.projects[0]?.text);
    case 'organisations': return text(row.orgs[0]?.text);
    case 'metric_count': return row.metrics.length;
    case 'project_count': return row.projects.length;
    case 'org_count': return row.orgs.length;
    default: return text(row.attributes[key.slice('attribute:'.length)]);
  }
}

function compareValues(a: NonNullable<SortValue>, b: NonNullable<SortValue>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'object' && typeof b === 'object') return collator.compare(a[0], b[0]) || a[1] - b[1];
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Stable: rows that tie keep their order, so sorting by one key and then another sorts
 * by the second and then the first. Text compares in Chinese collation (pinyin); list keys (metrics,
 * projects…) compare their first entry. Sections sort in reading order (document title, then where the
 * heading stands, no heading first), since in pinyin （二） would come before （一）. Missing values (no
 * metric, a metric without a value, '') come last in both directions. The order of targetRows is
 * document order: keep it to "unsort".
 */
export function sortRows(rows: readonly TargetRow[], key: SortKey, dir: 'asc' | 'desc' = 'asc'): TargetRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, v: sortValue(row, key) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? 0 : a.v === null ? 1 : -1;
    return sign * compareValues(a.v, b.v);
  });
  return keyed.map((k) => k.row);
}

export interface TargetFilter {
  /** Words separated by white space; a row matches when every word occurs in one of its texts. */
  text?: string;
  /** true: only rows with a metric; false: only rows without; absent: either. */
  hasMetric?: boolean;
  hasProject?: boolean;
  hasOrg?: boolean;
}

/** NFKC (full-width Ａ１（ → A1( ) and lower case, so 'gdp' finds ＧＤＰ. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The rows matching `query` (a string is `{text}`), in their order. Text is searched in the target,
 * the section path, the document title and id, and the texts of metrics, projects and organisations.
 */
export function filterRows(rows: readonly TargetRow[], query: string | TargetFilter): TargetRow[] {
  const q = typeof query === 'string' ? { text: query } : query;
  const words = fold(q.text ?? '').split(/\s+/).filter((w) => w !== '');
  const flag = (want: boolean | undefined, n: number) => want === undefined || want === n > 0;
  return rows.filter((r) => {
    if (!flag(q.hasMetric, r.metrics.length) || !flag(q.hasProject, r.projects.length) || !flag(q.hasOrg, r.orgs.length)) return false;
    if (words.length === 0) return true;
    const hay = fold([r.target, r.sectionPath, r.docTitle, r.docId, ...[...r.metrics, ...r.projects, ...r.orgs].map((s) => s.text)].join('\n'));
    return words.every((w) => hay.includes(w));
  });
}
