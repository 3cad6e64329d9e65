import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, layerOf, newId, type Doc, type Relation, type Span } from '../../src/core/index.ts';
import type { Store, ZhengbiaoDB } from '../../src/db/index.ts';
import { parsePackage, serializePackage, type AnnotatorPackage } from '../../src/formats/annotator-package.ts';
import { freshStore, spanOf, TEXT } from './helpers.ts';

const TEXT2 = '推动利安隆二期、众卡二期尽快落地。';
const TEXT3 = '实施新都片区全域工业土地综合整治。';

const open: ZhengbiaoDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function browser() {
  const s = freshStore();
  open.push(s.db);
  return s;
}

/** Spans of `layer` made by `by`, stored as one edit, with relations between them (by index). */
async function annotate(store: Store, doc: Doc, layer: string, spans: [number, number, string][], links: [number, number, string][] = []) {
  const made: Span[] = spans.map(([a, b, label]) => ({ ...spanOf(doc, a, b, label), layer, by: layer, at: 1_700_000_000_000 + a }));
  const relations: Relation[] = links.map(([from, to, type]) => ({ id: newId(), docId: doc.id, fromId: made[from]!.id, toId: made[to]!.id, type, layer, by: layer, at: 1_700_000_000_500 }));
  await store.applyChange({ docId: doc.id, before: [], after: made, relations: { before: [], after: relations } });
  return made;
}

/** An annotator's browser: a project with two documents, their layer over the first, a comment. */
async function colleague(name: string, spans: [number, number, string][] = [[24, 31, 'ORG'], [0, 21, 'TARGET'], [12, 21, 'METRIC']]) {
  const s = browser();
  const labels = [...DEFAULT_LABELS, { id: 'POLICY', zh: '政策', en: 'Policy', color: '#000000', hotkey: '1', nestsIn: [] }];
  const project = await s.store.createProject('李的项目', labels);
  const [one, two] = await s.store.importDocuments(project.id, [
    { title: '报告一', text: TEXT, spans: [] },
    { title: '报告二', text: TEXT2, spans: [] },
  ]);
  const made = await annotate(s.store, one!, name, spans, spans.length === 3 ? [[2, 1, 'measures'], [0, 1, 'cites']] : []);
  await s.store.updateProject(project.id, { labels });
  const comment = await s.store.addComment({ docId: one!.id, spanId: made[0]!.id, text: `${name}: 这是机构吗？`, by: name, layer: name });
  return { ...s, project, docs: [one!, two!], made, comment };
}

async function dump(db: ZhengbiaoDB) {
  const sort = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    projects: sort(await db.projects.toArray()),
    documents: sort(await db.documents.toArray()),
    spans: sort(await db.spans.toArray()),
    relations: sort(await db.relations.toArray()),
    comments: sort(await db.comments.toArray()),
    annotators: sort(await db.annotators.toArray()),
  };
}

/** What a span is, without ids: where it is, in whose layer, made by whom and when. */
const shape = (s: Span) => [s.start, s.end, s.label, s.text, layerOf(s), s.by, s.at];

describe('annotator packages', () => {
  it('exports the documents and one layer, with the comments its author wrote', async () => {
    const li = await colleague('李明');
    // Someone else's spans and comments stay home.
    await annotate(li.store, li.docs[0]!, '王芳', [[24, 31, 'ORG']]);
    await li.store.addComment({ docId: li.docs[0]!.id, spanId: li.made[0]!.id, text: '王芳 的评论', by: '王芳' });
    const pkg = await li.store.exportPackage(li.project.id, '李明');
    expect(pkg).toMatchObject({ zhengbiao: 'annotator-package', version: 1, annotator: '李明', project: { name: '李的项目' } });
    expect(pkg.project.labels.map((l) => l.id)).toContain('POLICY');
    expect(pkg.documents.map((d) => [d.title, d.spans.length, d.relations.length, d.comments.length])).toEqual([
      ['报告一', 3, 2, 1],
      ['报告二', 0, 0, 0],
    ]);
    expect(pkg.documents[0]!.comments[0]).toMatchObject({ text: '李明: 这是机构吗？', by: '李明', spanId: li.made[0]!.id });
    // What is exported reads back as it was written.
    const parsed = parsePackage(serializePackage(pkg), 'li.zbpkg.json');
    expect(parsed).toEqual({ ok: true, package: pkg });
    await expect(li.store.exportPackage(li.project.id, '@gold')).rejects.toThrow(/gold layer/);
  });

  it('imports into an empty project: the documents are created with the layer, relations and comments remapped', async () => {
    const li = await colleague('李明');
    const pkg = await li.store.exportPackage(li.project.id, '李明');
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    reviewer.events.length = 0;

    const r = await reviewer.store.importPackage(project.id, pkg, { by: '审核人' });
    expect(r).toEqual({ annotator: '李明', documents: 2, created: 2, spans: 3, relations: 2, comments: 1, labels: 1, relationTypes: 1 });
    const docs = await reviewer.store.listDocuments(project.id);
    expect(docs.map((d) => [d.title, d.status])).toEqual([['报告一', 'in-progress'], ['报告二', 'new']]);
    const doc = (await reviewer.store.getDocument(docs[0]!.id))!;
    expect(doc.text).toBe(TEXT);
    expect(doc.id).not.toBe(li.docs[0]!.id);

    const spans = await reviewer.store.getSpans(doc.id);
    expect(spans.map(shape)).toEqual((await li.store.getSpans(li.docs[0]!.id)).map(shape));
    for (const s of spans) expect(li.made.map((m) => m.id)).not.toContain(s.id);
    const text = (id: string) => spans.find((s) => s.id === id)?.text;
    const relations = await reviewer.store.getRelations(doc.id, '李明');
    // Relations come back in id order, and ids are random: compare them sorted.
    expect(relations.map((x) => [text(x.fromId), x.type, text(x.toId), x.layer, x.by]).sort()).toEqual([
      ['国家发展改革委', 'cites', '到2025年，单位GDP能耗降低13.5%', '李明', '李明'],
      ['能耗降低13.5%', 'measures', '到2025年，单位GDP能耗降低13.5%', '李明', '李明'],
    ]);
    const comments = await reviewer.store.getComments(doc.id);
    expect(comments.map((c) => [text(c.spanId), c.text, c.by, c.layer, c.at])).toEqual([['国家发展改革委', '李明: 这是机构吗？', '李明', '李明', li.comment.at]]);
    expect(comments[0]!.id).not.toBe(li.comment.id);

    const stored = (await reviewer.store.listProjects()).find((p) => p.id === project.id)!;
    expect(stored.labels.map((l) => [l.id, l.hotkey])).toEqual([['TARGET', '1'], ['PROJECT', '2'], ['ORG', '3'], ['METRIC', '4'], ['POLICY', '5']]);
    expect(stored.relationTypes?.map((t) => t.id)).toContain('cites');
    expect(await reviewer.store.annotatorNames()).toEqual(['李明']);
    expect(reviewer.events).toContainEqual({ type: 'documents-changed', projectId: project.id });
  });

  it('attaches the layer by text hash to a project holding the same texts under other ids and titles', async () => {
    const li = await colleague('李明');
    const pkg = await li.store.exportPackage(li.project.id, '李明');
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    const mine = await reviewer.store.addDocument(project.id, '我的标题', TEXT);
    await reviewer.store.addDocument(project.id, '另一个', TEXT2);
    await reviewer.store.addDocument(project.id, '包里没有 Not in the package', TEXT3);
    reviewer.events.length = 0;

    const r = await reviewer.store.importPackage(project.id, pkg);
    expect(r).toMatchObject({ documents: 2, created: 0, spans: 3 });
    expect((await reviewer.store.listDocuments(project.id)).map((d) => d.title)).toEqual(['我的标题', '另一个', '包里没有 Not in the package']);
    expect(await reviewer.store.layerCounts(mine.id)).toEqual({ 李明: 3 });
    expect(reviewer.events).toContainEqual({ type: 'spans-changed', docId: mine.id });
  });

  it('puts two colleagues\' layers side by side and leaves the reviewer\'s own layer alone', async () => {
    const li = await colleague('李明');
    const wang = await colleague('王芳', [[24, 31, 'ORG'], [35, 47, 'PROJECT']]);
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    const doc = await reviewer.store.addDocument(project.id, '报告', TEXT);
    await reviewer.store.addDocument(project.id, '报告二', TEXT2);
    const own = await annotate(reviewer.store, doc, '审核人', [[24, 31, 'ORG']]);
    const before = await reviewer.store.getSpans(doc.id, '审核人');

    await reviewer.store.importPackage(project.id, await li.store.exportPackage(li.project.id, '李明'));
    await reviewer.store.importPackage(project.id, await wang.store.exportPackage(wang.project.id, '王芳'));
    expect(await reviewer.store.layerCounts(doc.id)).toEqual({ 审核人: 1, 李明: 3, 王芳: 2 });
    expect(await reviewer.store.getSpans(doc.id, '审核人')).toEqual(before);
    expect(before.map((s) => s.id)).toEqual(own.map((s) => s.id));
    expect((await reviewer.store.getSpans(doc.id, '王芳')).map((s) => s.text)).toEqual(['国家发展改革委', '“十链百企共生”专项行动']);
    expect(await reviewer.store.annotatorNames()).toEqual(['李明', '王芳'].sort((a, b) => a.localeCompare(b, 'zh')));
    // Each comment stays on its own layer's span.
    const comments = await reviewer.store.getComments(doc.id);
    expect(comments.map((c) => c.layer).sort()).toEqual(['李明', '王芳'].sort());
  });

  it('refuses the same package twice, changing nothing', async () => {
    const li = await colleague('李明');
    const pkg = await li.store.exportPackage(li.project.id, '李明');
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    await reviewer.store.importPackage(project.id, pkg);
    const snapshot = await dump(reviewer.db);
    reviewer.events.length = 0;

    await expect(reviewer.store.importPackage(project.id, pkg)).rejects.toThrow(`李明's layer already exists in "报告一"; nothing imported`);
    // The same, said to its owner.
    await expect(reviewer.store.importPackage(project.id, pkg, { by: '李明' })).rejects.toThrow(`Your own layer already exists in "报告一"`);
    expect(await dump(reviewer.db)).toEqual(snapshot);
    expect(reviewer.events).toEqual([]);
  });

  it('refuses a package for different text, naming the document, changing nothing', async () => {
    const li = await colleague('李明');
    const pkg = await li.store.exportPackage(li.project.id, '李明');
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    const doc = await reviewer.store.addDocument(project.id, '报告', TEXT);
    // The second text differs by one character: cleaned differently, say.
    await reviewer.store.addDocument(project.id, '报告二', TEXT2.replace('。', ''));
    const snapshot = await dump(reviewer.db);

    const error = await reviewer.store.importPackage(project.id, pkg).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe('"报告二": the package is for different text (this project has no document with the same text); nothing imported');
    expect(await dump(reviewer.db)).toEqual(snapshot);
    expect(await reviewer.store.layerCounts(doc.id)).toEqual({});
  });

  it('refuses a package whose text was edited after export, changing nothing', async () => {
    const li = await colleague('李明');
    const pkg: AnnotatorPackage = await li.store.exportPackage(li.project.id, '李明');
    pkg.documents[0]!.text = pkg.documents[0]!.text.replace('2025', '2026');
    const reviewer = browser();
    const project = await reviewer.store.createProject('审核 Review');
    const snapshot = await dump(reviewer.db);
    await expect(reviewer.store.importPackage(project.id, pkg)).rejects.toThrow('"报告一": text and hash differ: the file was edited or damaged');
    expect(await dump(reviewer.db)).toEqual(snapshot);
  });
});

describe('comments', () => {
  it('adds comments to a span, lists them oldest first, deletes them, and tells the other tabs', async () => {
    const s = browser();
    const project = await s.store.createProject('P');
    const doc = await s.store.addDocument(project.id, 'D', TEXT);
    const [span] = await annotate(s.store, doc, '李明', [[24, 31, 'ORG']]);
    s.events.length = 0;
    const a = await s.store.addComment({ docId: doc.id, spanId: span!.id, text: '  第一条  ', by: '李明', layer: '李明' });
    const b = await s.store.addComment({ docId: doc.id, spanId: span!.id, text: '第二条', by: '王芳' });
    expect(a.text).toBe('第一条');
    expect(a.at).toBeLessThan(b.at!);
    expect((await s.store.getComments(doc.id)).map((c) => c.text)).toEqual(['第一条', '第二条']);
    expect(await s.store.deleteComment(a.id)).toEqual(a);
    expect(await s.store.deleteComment(a.id)).toBeUndefined();
    expect((await s.store.getComments(doc.id)).map((c) => c.text)).toEqual(['第二条']);
    expect(s.events).toEqual(Array(3).fill({ type: 'spans-changed', docId: doc.id }));
  });

  it('refuses an empty comment and one on a span the document does not have', async () => {
    const s = browser();
    const project = await s.store.createProject('P');
    const doc = await s.store.addDocument(project.id, 'D', TEXT);
    const other = await s.store.addDocument(project.id, 'E', TEXT2);
    const [span] = await annotate(s.store, doc, '李明', [[24, 31, 'ORG']]);
    await expect(s.store.addComment({ docId: doc.id, spanId: span!.id, text: '   ' })).rejects.toThrow(/text/);
    await expect(s.store.addComment({ docId: other.id, spanId: span!.id, text: '错文档' })).rejects.toThrow(/No span/);
    await expect(s.store.addComment({ docId: doc.id, spanId: 'missing', text: '没有' })).rejects.toThrow(/No span/);
    expect(await s.db.comments.count()).toBe(0);
  });
});
