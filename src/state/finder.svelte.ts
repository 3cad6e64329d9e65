/**
 * Find in the open document or the whole project, plain text or regular expression; tag one result
 * or every result with a label.
 */
import { OffsetMap, authorship, compileQuery, findMatches, newId, placeMany, type Match, type Span } from '../core/index.ts';
import type { Workspace } from './workspace.svelte.ts';

export interface Found extends Match {
  docId: string;
  docTitle: string;
}

const LIMIT = 2000;

export class Finder {
  query = $state('');
  regex = $state(false);
  caseSensitive = $state(false);
  scope = $state<'document' | 'project'>('document');
  results = $state.raw<Found[]>([]);
  error = $state<string | null>(null);
  /** More matches exist than are listed. */
  truncated = $state(false);
  /** The query the results belong to (null before the first search). */
  searched = $state<string | null>(null);

  readonly #workspace: Workspace;

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  async run(): Promise<void> {
    const re = compileQuery({ text: this.query, regex: this.regex, caseSensitive: this.caseSensitive });
    if (typeof re === 'string') {
      this.results = [];
      this.error = this.query === '' ? null : `无效的正则表达式 Invalid pattern: ${re}`;
      return;
    }
    this.error = null;
    const ws = this.#workspace;
    const docs =
      this.scope === 'document'
        ? ws.session
          ? [{ id: ws.session.doc.id, title: ws.session.doc.title, text: ws.session.doc.text }]
          : []
        : ws.project
          ? await ws.store.projectTexts(ws.project.id)
          : [];
    const out: Found[] = [];
    for (const d of docs) {
      for (const m of findMatches(d.text, re, LIMIT + 1 - out.length)) out.push({ ...m, docId: d.id, docTitle: d.title });
      if (out.length > LIMIT) break;
    }
    this.truncated = out.length > LIMIT;
    this.results = out.slice(0, LIMIT);
    this.searched = this.query;
  }

  /**
   * Tags every listed result with `label`: in the open document as one undoable edit, in the other
   * documents of the project directly. Results the nesting rules refuse are skipped and counted.
   */
  async tagAll(label: string): Promise<{ created: number; skipped: number }> {
    const ws = this.#workspace;
    const byDoc = new Map<string, Found[]>();
    for (const r of this.results) {
      const list = byDoc.get(r.docId);
      if (list) list.push(r);
      else byDoc.set(r.docId, [r]);
    }
    let created = 0;
    let skipped = 0;
    for (const [docId, found] of byDoc) {
      const ranges = found.map(({ start, end }) => ({ start, end }));
      const session = ws.session;
      if (session?.doc.id === docId) {
        const r = await session.createMany(ranges, label);
        created += r.created;
        skipped += r.skipped;
        continue;
      }
      const [doc, spans] = await Promise.all([ws.store.getDocument(docId), ws.store.getSpans(docId, ws.layer)]);
      if (!doc || !ws.project) continue;
      const offsets = new OffsetMap(doc.text);
      const who = authorship({ layer: ws.layer, by: ws.annotator ?? undefined }, Date.now());
      const candidates = ranges.map((r): Span => ({ id: newId(), docId, label, ...r, text: offsets.slice(r.start, r.end), source: 'manual', ...who }));
      const { accepted, refused } = placeMany(spans, candidates, ws.project.labels);
      if (accepted.length > 0) await ws.store.applyChange({ docId, before: [], after: accepted });
      created += accepted.length;
      skipped += refused.length;
    }
    await ws.refreshDocuments();
    return { created, skipped };
  }
}
