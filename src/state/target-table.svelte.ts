/**
 * The project's targets as a table: one row per TARGET with its section, metrics, projects and
 * organisations (core/target-table.ts), filtered and sorted as the user asks, and as CSV.
 */
import {
  DEFAULT_RELATION_TYPES,
  filterRows,
  sortRows,
  tableColumns,
  targetTable,
  toCsv,
  type Project,
  type SortKey,
  type TableColumn,
  type TargetRow,
} from '../core/index.ts';
import type { Store } from '../db/index.ts';

export class TargetTable {
  rows = $state.raw<TargetRow[]>([]);
  loading = $state(false);
  query = $state('');
  onlyWithMetric = $state(false);
  onlyWithProject = $state(false);
  sortKey = $state<SortKey | null>(null);
  sortDir = $state<'asc' | 'desc'>('asc');

  readonly #store: Store;
  readonly #project: Project;

  constructor(store: Store, project: Project) {
    this.#store = store;
    this.#project = project;
  }

  get columns(): TableColumn[] {
    return tableColumns(this.#project.labels, this.rows);
  }

  /** The rows to show: filtered, then sorted (document order when no column is chosen). */
  get shown(): TargetRow[] {
    const filtered = filterRows(this.rows, {
      text: this.query,
      ...(this.onlyWithMetric ? { hasMetric: true } : {}),
      ...(this.onlyWithProject ? { hasProject: true } : {}),
    });
    return this.sortKey ? sortRows(filtered, this.sortKey, this.sortDir) : filtered;
  }

  /** Sorts by `key`; the same key again reverses the order. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      this.sortDir = 'asc';
    }
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      const { docs, spans, relations } = await this.#store.projectAnnotations(this.#project.id);
      this.rows = targetTable(docs, spans, relations, this.#project.labels, this.#project.relationTypes ?? DEFAULT_RELATION_TYPES);
    } finally {
      this.loading = false;
    }
  }

  /** The rows shown, as CSV (UTF-8 with BOM, for Excel). */
  csv(): string {
    return toCsv(this.shown, this.#project.labels);
  }
}
