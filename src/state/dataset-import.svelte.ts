/**
 * Importing a dataset file (doccano, CLUENER, brat, CoNLL, …) into the current project: read it with
 * its format (every error listed, nothing stored), map labels the project lacks onto its own, add them
 * or drop them, then store documents, spans and any new labels in one transaction.
 */
import {
  DEFAULT_RELATION_TYPES,
  allows,
  applyChoices,
  foreignLabels,
  suggestChoices,
  withAddedLabels,
  type LabelChoice,
  type LabelSet,
  type RelationTypeSet,
} from '../core/index.ts';
import type { ImportItem, Store } from '../db/index.ts';
import type { DataFile, DatasetDocument } from '../formats/index.ts';

/** What reading a dataset needs: fetched by the first dataset import, not at page load. */
interface Formats {
  formatById: typeof import('../formats/index.ts').formatById;
  formatErrorMessage: typeof import('../formats/index.ts').formatErrorMessage;
  decodeTextFile: typeof import('../formats/text-file.ts').decodeTextFile;
}

async function loadFormats(): Promise<Formats> {
  const [{ formatById, formatErrorMessage }, { decodeTextFile }] = await Promise.all([import('../formats/index.ts'), import('../formats/text-file.ts')]);
  return { formatById, formatErrorMessage, decodeTextFile };
}

export interface FileLike {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export class DatasetImport {
  formatId = $state('doccano');
  fileNames = $state.raw<string[]>([]);
  documents = $state.raw<DatasetDocument[] | null>(null);
  errors = $state.raw<string[]>([]);
  /** What the files held that does not become spans or relations (brat events, notes…), to show the user. */
  notes = $state.raw<string[]>([]);
  foreign = $state.raw<string[]>([]);
  choices = $state<Record<string, LabelChoice>>({});
  busy = $state(false);

  readonly #store: Store;
  readonly #projectId: string;
  readonly #labels: LabelSet;
  readonly #relationTypes: RelationTypeSet;
  readonly #who: { layer?: string; by?: string };

  /** `who`: the layer the imported spans join and who imports them. */
  constructor(
    store: Store,
    projectId: string,
    labels: LabelSet,
    who: { layer?: string; by?: string } = {},
    relationTypes: RelationTypeSet = DEFAULT_RELATION_TYPES,
  ) {
    this.#store = store;
    this.#projectId = projectId;
    this.#labels = labels;
    this.#relationTypes = relationTypes;
    this.#who = who;
  }

  get labels(): LabelSet {
    return this.#labels;
  }

  /** What will be stored: each document relabelled by the label choices (dropped spans take their relations along). */
  readonly items = $derived(this.documents?.map((d) => importItem(d, this.choices)) ?? []);
  readonly spanCount = $derived(this.items.reduce((n, d) => n + d.spans.length, 0));
  readonly relationCount = $derived(this.items.reduce((n, d) => n + (d.relations?.length ?? 0), 0));
  /** Relations of a type the project knows whose ends, as they will be stored, break its label rule. */
  get ruleNotes(): string[] {
    return ruleNotes(this.items, this.#relationTypes);
  }

  #data: DataFile[] = [];
  #formats: Formats | null = null;

  /** Reads the files (decoded like text files: any supported encoding, or refused by name). */
  async load(files: FileLike[]): Promise<void> {
    let formats: Formats;
    try {
      formats = this.#formats ??= await loadFormats();
    } catch (e) {
      this.#data = [];
      this.fileNames = files.map((f) => f.name);
      this.documents = null;
      this.errors = [`无法加载数据集格式 Could not load the dataset formats: ${(e as Error).message}`];
      return;
    }
    const { decodeTextFile } = formats;
    const data: DataFile[] = [];
    const refused: string[] = [];
    for (const f of files) {
      const decoded = decodeTextFile(new Uint8Array(await f.arrayBuffer()), f.name);
      if (decoded.ok) data.push({ name: f.name, content: decoded.text });
      else refused.push(`${f.name}: ${decoded.reason}`);
    }
    this.#data = data;
    this.fileNames = files.map((f) => f.name);
    if (refused.length > 0) {
      this.documents = null;
      this.errors = refused;
      return;
    }
    this.reparse();
  }

  /** Parses the files read with the chosen format (again, when the format is changed). */
  reparse(): void {
    // No files read yet (load() fetches the formats first): nothing to parse.
    if (!this.#formats || this.#data.length === 0) return;
    const { formatById, formatErrorMessage } = this.#formats;
    const format = formatById(this.formatId);
    if (!format?.read) return;
    this.busy = true;
    try {
      const data = this.#data;
      const result = format.read(data);
      this.notes = result.notes ?? [];
      if (!result.ok) {
        this.documents = null;
        this.errors = result.errors.map(formatErrorMessage);
        return;
      }
      this.errors = [];
      this.documents = result.documents;
      this.foreign = foreignLabels(this.#labels, result.documents.flatMap((d) => d.spans.map((s) => s.label)));
      this.choices = suggestChoices(this.#labels, this.foreign);
    } finally {
      this.busy = false;
    }
  }

  /** Stores everything read, relabelled by the choices; says how many documents and new labels. */
  async commit(): Promise<{ documents: number; addedLabels: number }> {
    if (!this.documents) return { documents: 0, addedLabels: 0 };
    const choices = $state.snapshot(this.choices);
    const added = this.foreign.filter((l) => 'add' in (choices[l] ?? { add: true }));
    const items = $state.snapshot(this.items) as ImportItem[];
    this.busy = true;
    try {
      const docs = await this.#store.importDocuments(this.#projectId, items, added.length > 0 ? withAddedLabels(this.#labels, added) : undefined, this.#who);
      return { documents: docs.length, addedLabels: added.length };
    } finally {
      this.busy = false;
    }
  }
}

/** A document relabelled by the choices; relations follow their spans (and go with a dropped one). */
function importItem(d: DatasetDocument, choices: Readonly<Record<string, LabelChoice>>): ImportItem {
  const spans: DatasetDocument['spans'] = [];
  const moved: (number | undefined)[] = d.spans.map((s) => {
    const [kept] = applyChoices([s], choices);
    return kept ? spans.push(kept) - 1 : undefined;
  });
  const relations = (d.relations ?? []).flatMap((r) => {
    const from = moved[r.from];
    const to = moved[r.to];
    return from === undefined || to === undefined ? [] : [{ type: r.type, from, to }];
  });
  return { title: d.title, text: d.text, spans, relations };
}

/**
 * Relations of a type the project knows whose ends carry other labels than the type names (a
 * `measures` from an ORG, say): imported as they are, since the file's scheme may differ, but listed.
 */
function ruleNotes(documents: readonly ImportItem[], types: RelationTypeSet): string[] {
  const notes: string[] = [];
  for (const d of documents) {
    for (const r of d.relations ?? []) {
      const type = types.find((t) => t.id === r.type);
      const from = d.spans[r.from];
      const to = d.spans[r.to];
      if (!type || !from || !to || allows(type, from.label, to.label)) continue;
      const rule = `${type.from.join('/') || '*'} → ${type.to.join('/') || '*'}`;
      notes.push(`"${d.title}": relation ${r.type} from ${from.label} 「${from.text}」 to ${to.label} 「${to.text}」 does not follow its rule (${rule}); imported as it is`);
    }
  }
  return notes;
}
