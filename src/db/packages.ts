/**
 * Annotator packages in the database (formats/annotator-package.ts is the file): exporting one
 * annotator's layer over a project's documents, and importing a colleague's layer into the reviewer's
 * project. Documents are matched by the hash of their text; an import adds a layer and never touches
 * one that exists. Each function is one transaction; Store wraps them.
 */
import {
  DEFAULT_RELATION_TYPES,
  OffsetMap,
  compareSpans,
  hashText,
  layerOf,
  mismatchedSpans,
  newId,
  withAddedLabels,
  type Doc,
  type Label,
  type LabelSet,
  type RelationType,
  type RelationTypeSet,
  type Span,
} from '../core/index.ts';
import {
  PACKAGE_KIND,
  PACKAGE_VERSION,
  packageAnnotatorProblem,
  type AnnotatorPackage,
  type PackageComment,
  type PackageDocument,
  type PackageRelation,
  type PackageSpan,
} from '../formats/annotator-package.ts';
import type { Bus } from './broadcast.ts';
import type { ZhengbiaoDB } from './database.ts';
import { AnnotatorRecord, CommentRecord, DocumentRecord, ProjectRecord, RelationRecord, SpanRecord, checkRecord, readRecord, readSpan } from './schema.ts';
import { byCreated, now } from './support.ts';

/** What an import added. */
export interface PackageImport {
  annotator: string;
  /** Package documents matched to the project's (by text hash) or created. */
  documents: number;
  /** Of those, created (the project had no documents). */
  created: number;
  spans: number;
  relations: number;
  comments: number;
  /** Labels and relation types the project lacked, added with the layer. */
  labels: number;
  relationTypes: number;
}

/** Drops undefined fields, so that the file holds only what a record has. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Every document of the project with `annotator`'s layer: their spans and relations, and the comments
 * they wrote on those spans (comments on other layers' spans are left out: their spans do not travel).
 */
export async function exportPackage(db: ZhengbiaoDB, projectId: string, annotator: string): Promise<AnnotatorPackage> {
  const problem = packageAnnotatorProblem(annotator);
  if (problem) throw new Error(`${JSON.stringify(annotator)}: ${problem}`);
  return db.transaction('r', [db.projects, db.documents, db.spans, db.relations, db.comments], async () => {
    const raw = await db.projects.get(projectId);
    if (!raw) throw new Error(`No project ${JSON.stringify(projectId)}`);
    const project = readRecord(ProjectRecord, 'projects', raw, projectId);
    const docs = (await db.documents.where('projectId').equals(projectId).toArray()).map((r) => readRecord(DocumentRecord, 'documents', r)).sort(byCreated);
    const documents: PackageDocument[] = [];
    for (const doc of docs) {
      const spans = (await db.spans.where('docId').equals(doc.id).toArray())
        .map((r) => readSpan(r))
        .filter((s) => layerOf(s) === annotator)
        .sort(compareSpans);
      const ids = new Set(spans.map((s) => s.id));
      const relations = (await db.relations.where('docId').equals(doc.id).toArray())
        .map((r) => readRecord(RelationRecord, 'relations', r))
        .filter((r) => layerOf(r) === annotator && ids.has(r.fromId) && ids.has(r.toId));
      const comments = (await db.comments.where('docId').equals(doc.id).toArray())
        .map((r) => readRecord(CommentRecord, 'comments', r))
        .filter((c) => c.by === annotator && ids.has(c.spanId))
        .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
      documents.push({
        title: doc.title,
        textHash: doc.textHash,
        text: doc.text,
        spans: spans.map(
          (s): PackageSpan => defined({ id: s.id, start: s.start, end: s.end, label: s.label, text: s.text, source: s.source, value: s.value, attributes: s.attributes, by: s.by, at: s.at }),
        ),
        relations: relations.map((r): PackageRelation => defined({ id: r.id, fromId: r.fromId, toId: r.toId, type: r.type, source: r.source, by: r.by, at: r.at })),
        comments: comments.map((c): PackageComment => defined({ id: c.id, spanId: c.spanId, text: c.text, by: c.by, at: c.at, layer: c.layer })),
      });
    }
    return {
      zhengbiao: PACKAGE_KIND,
      version: PACKAGE_VERSION,
      annotator,
      exportedAt: Date.now(),
      project: { name: project.name, labels: structuredClone([...project.labels]), relationTypes: structuredClone([...(project.relationTypes ?? DEFAULT_RELATION_TYPES)]) },
      documents,
    };
  });
}

/**
 * Adds the package's layer to the project, all of it or nothing, in one transaction. Each package
 * document is matched to the project's document with the same text hash; a project without documents
 * gets the package's. Refused (nothing stored) when a package document's text is not in the project,
 * or when the annotator's layer already has spans in a document the package brings spans for: a layer
 * is never overwritten or merged. Spans, relations and comments get new ids and keep their `by`/`at`;
 * labels and relation types the project lacks are added; the annotator's name is recorded. `who` is the
 * person importing (named in the refusal when the package is their own).
 */
export async function importPackage(
  db: ZhengbiaoDB,
  bus: Pick<Bus, 'announce'>,
  projectId: string,
  pkg: AnnotatorPackage,
  who: { by?: string } = {},
): Promise<PackageImport> {
  const name = pkg.annotator;
  const problem = packageAnnotatorProblem(name);
  if (problem) throw new Error(`${JSON.stringify(name)}: ${problem}`);
  for (const d of pkg.documents) {
    if (hashText(d.text) !== d.textHash) throw new Error(`"${d.title}": text and hash differ: the file was edited or damaged`);
  }
  const stored = await db.transaction('rw', [db.projects, db.documents, db.spans, db.relations, db.comments, db.annotators], async () => {
    const raw = await db.projects.get(projectId);
    if (!raw) throw new Error(`No project ${JSON.stringify(projectId)}`);
    const project = readRecord(ProjectRecord, 'projects', raw, projectId);
    const empty = (await db.documents.where('projectId').equals(projectId).count()) === 0;

    // Match every package document before writing anything.
    const keys = pkg.documents.map((d) => [projectId, d.textHash]);
    const existing = new Map<string, Doc>();
    for (const r of await db.documents.where('[projectId+textHash]').anyOf(keys).toArray()) {
      const d = readRecord(DocumentRecord, 'documents', r);
      const other = existing.get(d.textHash);
      // Two copies of one text: the older one (the one the reviewer has had longer) gets the layer.
      if (!other || byCreated(d, other) < 0) existing.set(d.textHash, d);
    }
    const created: Doc[] = [];
    const targets: Doc[] = [];
    const missing: string[] = [];
    for (const d of pkg.documents) {
      const found = existing.get(d.textHash);
      if (found) targets.push(found);
      else if (empty) {
        const doc = newDoc(projectId, d);
        created.push(doc);
        targets.push(doc);
      } else missing.push(d.title);
    }
    if (missing.length > 0) {
      const titles = missing.slice(0, 3).map((t) => `"${t}"`).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
      throw new Error(`${titles}: the package is for different text (this project has no document with the same text); nothing imported`);
    }
    if (new Set(targets.map((d) => d.id)).size < targets.length) throw new Error('the package holds the same text twice; nothing imported');

    const spans: Span[] = [];
    const relations: RelationRecord[] = [];
    const comments: CommentRecord[] = [];
    const stamp = { layer: name };
    for (const [i, d] of pkg.documents.entries()) {
      const doc = targets[i]!;
      if (d.spans.length === 0) continue;
      const layers = (await db.spans.where('docId').equals(doc.id).toArray()).map((r) => layerOf(readSpan(r)));
      if (layers.includes(name)) {
        const whose = who.by === name ? 'Your own layer' : `${name}'s layer`;
        throw new Error(`${whose} already exists in "${doc.title}"; nothing imported`);
      }
      const ids = new Map<string, string>();
      const own = d.spans.map((s) => {
        const id = newId();
        ids.set(s.id, id);
        return checkRecord(SpanRecord, 'spans', defined({ ...s, id, docId: doc.id, ...stamp }));
      });
      const bad = mismatchedSpans(new OffsetMap(doc.text), own)[0];
      if (bad) throw new Error(`"${d.title}": span ${bad.label} [${bad.start}, ${bad.end}) does not match the text between its offsets; nothing imported`);
      const remap = (old: string, what: string): string => {
        const id = ids.get(old);
        if (id === undefined) throw new Error(`"${d.title}": ${what} points at span ${JSON.stringify(old)}, which the document does not have; nothing imported`);
        return id;
      };
      spans.push(...own);
      for (const r of d.relations) {
        const rec = { ...r, id: newId(), docId: doc.id, fromId: remap(r.fromId, `relation ${r.type}`), toId: remap(r.toId, `relation ${r.type}`), ...stamp };
        relations.push(checkRecord(RelationRecord, 'relations', defined(rec)));
      }
      for (const c of d.comments) {
        comments.push(checkRecord(CommentRecord, 'comments', defined({ ...c, id: newId(), docId: doc.id, spanId: remap(c.spanId, 'a comment'), ...stamp })));
      }
    }

    const types = project.relationTypes ?? DEFAULT_RELATION_TYPES;
    const labels = withPackageLabels(project.labels, pkg.project.labels, spans.map((s) => s.label));
    const relationTypes = withPackageTypes(types, pkg.project.relationTypes, relations.map((r) => r.type));
    if (labels !== project.labels || relationTypes !== types) {
      await db.projects.put(checkRecord(ProjectRecord, 'projects', { ...project, labels, relationTypes }));
    }
    await db.documents.bulkAdd(created);
    await db.spans.bulkAdd(spans);
    await db.relations.bulkAdd(relations);
    await db.comments.bulkAdd(comments);
    await db.annotators.put(checkRecord(AnnotatorRecord, 'annotators', { id: name, name }));
    return {
      result: {
        annotator: name,
        documents: targets.length,
        created: created.length,
        spans: spans.length,
        relations: relations.length,
        comments: comments.length,
        labels: labels.length - project.labels.length,
        relationTypes: relationTypes.length - types.length,
      },
      touched: [...new Set(spans.map((s) => s.docId))].filter((id) => !created.some((d) => d.id === id)),
    };
  });
  bus.announce({ type: 'documents-changed', projectId });
  for (const docId of stored.touched) bus.announce({ type: 'spans-changed', docId });
  return stored.result;
}

function newDoc(projectId: string, d: PackageDocument): Doc {
  const t = now();
  return checkRecord(DocumentRecord, 'documents', {
    id: newId(),
    projectId,
    title: d.title,
    text: d.text,
    textHash: d.textHash,
    status: d.spans.length > 0 ? 'in-progress' : 'new',
    createdAt: t,
    updatedAt: t,
  });
}

/**
 * `labels` with the package's definitions of the labels it lacks (a hotkey the project already uses is
 * given up for a free one), then a plain label for any used label neither declares; `labels` itself
 * when nothing is added.
 */
function withPackageLabels(labels: LabelSet, declared: readonly Label[], used: readonly string[]): LabelSet {
  const known = new Set(labels.map((l) => l.id));
  const keys = new Set(labels.map((l) => l.hotkey).filter((k) => k !== ''));
  const free = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((k) => !keys.has(k));
  const added: Label[] = [];
  for (const l of declared) {
    if (known.has(l.id)) continue;
    known.add(l.id);
    const hotkey = l.hotkey !== '' && !keys.has(l.hotkey) ? l.hotkey : (free.find((k) => !keys.has(k)) ?? '');
    if (hotkey !== '') keys.add(hotkey);
    added.push({ ...structuredClone(l), hotkey });
  }
  const next = added.length > 0 ? [...labels, ...added] : labels;
  const undeclared = [...new Set(used)].filter((id) => !known.has(id));
  return undeclared.length > 0 ? withAddedLabels(next, undeclared) : next;
}

/** `types` with the package's relation types it lacks (and a plain type for any used but undeclared). */
function withPackageTypes(types: RelationTypeSet, declared: readonly RelationType[], used: readonly string[]): RelationTypeSet {
  const known = new Set(types.map((t) => t.id));
  const added: RelationType[] = [];
  for (const t of declared) {
    if (known.has(t.id)) continue;
    known.add(t.id);
    added.push(structuredClone({ ...t, from: [...t.from], to: [...t.to] }));
  }
  for (const id of new Set(used)) {
    if (known.has(id)) continue;
    known.add(id);
    added.push({ id, zh: id, en: id, from: [], to: [] });
  }
  return added.length > 0 ? [...types, ...added] : types;
}
