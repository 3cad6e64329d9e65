/**
 * The project dashboard (issue #7, points 3 and 5): progress (documents by status, spans by label and
 * layer, suggestions accepted and rejected) and the agreement of the annotators: every pair of the layers
 * compared, pooled over the project and per document, Fleiss' kappa and Krippendorff's alpha for three or
 * more, and agreement over time. Everything is read once from the store when the dialog opens
 * (load); the figures are derived from that snapshot (core/progress.ts, core/agreement.ts).
 *
 * The layers compared are, by default, those of the annotators with spans (not the gold layer); the user
 * may take layers out, or add the gold layer to compare annotators against it.
 */
import {
  GOLD_LAYER,
  agreementTimeline,
  annotatorLayers,
  compareLayers,
  orderLayers,
  projectProgress,
  type AgreementDay,
  type Doc,
  type LayerComparison,
  type PairComparison,
  type Progress,
  type Project,
  type Span,
} from '../core/index.ts';
import type { Store } from '../db/index.ts';

/** A result, or why there is none (a span that does not fit its text: data to repair, not to hide). */
type Outcome<T> = { value: T; error: null } | { value: null; error: string };

function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { value: f(), error: null };
  } catch (e) {
    return { value: null, error: (e as Error).message };
  }
}

export class Dashboard {
  loading = $state(false);
  /** Why loading failed, or null. */
  error = $state<string | null>(null);
  project = $state.raw<Project | null>(null);
  docs = $state.raw<Doc[]>([]);
  spans = $state.raw<Span[]>([]);
  /** The layers compared, in display order; null until chosen: the annotators' layers. */
  #chosen = $state<string[] | null>(null);
  /** The pair shown in detail, as "a\u0000b"; null: the first pair. */
  #selected = $state<string | null>(null);

  readonly #store: Store;
  readonly #projectId: string;

  constructor(store: Store, projectId: string) {
    this.#store = store;
    this.#projectId = projectId;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [{ docs, spans }, projects] = await Promise.all([this.#store.projectAnnotations(this.#projectId), this.#store.listProjects()]);
      this.project = projects.find((p) => p.id === this.#projectId) ?? null;
      this.docs = docs;
      this.spans = spans;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** The project's label ids, to order labels by. */
  readonly labelIds: string[] = $derived(this.project?.labels.map((l) => l.id) ?? []);

  readonly progress: Progress = $derived(projectProgress(this.docs, this.spans, this.project?.rejected ?? [], this.labelIds));

  /** Every layer with spans (gold included), in display order. */
  readonly layers: string[] = $derived(this.progress.layers);

  /** The layers compared: chosen by the user, else every annotator's layer with spans. */
  readonly chosen: string[] = $derived(this.#chosen ?? annotatorLayers(this.spans));

  /** Adds or removes a layer from those compared. */
  toggle(layer: string): void {
    const now = new Set(this.chosen);
    if (now.has(layer)) now.delete(layer);
    else now.add(layer);
    this.#chosen = orderLayers(now);
  }

  readonly titles: Map<string, string> = $derived(new Map(this.docs.map((d) => [d.id, d.title])));

  readonly #comparison: Outcome<LayerComparison> | null = $derived(
    this.chosen.length >= 2 ? attempt(() => compareLayers(this.docs, this.spans, this.chosen, this.labelIds)) : null,
  );

  /** The pairs' agreement; null with fewer than two layers chosen or when it could not be computed. */
  readonly comparison: LayerComparison | null = $derived(this.#comparison?.value ?? null);

  /** Why the agreement could not be computed (a span that does not fit its document), or null. */
  readonly comparisonError: string | null = $derived(this.#comparison?.error ?? null);

  /** The pair shown in detail: the one selected, else the first. */
  readonly pair: PairComparison | null = $derived(
    this.comparison?.pairs.find((p) => `${p.a}\u0000${p.b}` === this.#selected) ?? this.comparison?.pairs[0] ?? null,
  );

  select(a: string, b: string): void {
    const pairs = this.comparison?.pairs ?? [];
    const found = pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    if (found) this.#selected = `${found.a}\u0000${found.b}`;
  }

  readonly #timeline: Outcome<AgreementDay[]> = $derived(
    this.chosen.length >= 2 ? attempt(() => agreementTimeline(this.docs, this.spans, this.chosen, this.labelIds)) : { value: [], error: null },
  );

  /** The agreement of the chosen layers at the end of each day on which they made spans. */
  readonly timeline: AgreementDay[] = $derived(this.#timeline.value ?? []);

  /** Whether the gold layer has spans to compare with. */
  readonly hasGold: boolean = $derived(this.layers.includes(GOLD_LAYER));
}
