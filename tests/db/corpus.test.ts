// Managing documents: rename, status, delete with undo, cleaning the text of an unannotated document, duplicates.
import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/core/index.ts';
import { TEXT, freshStore, spanOf } from './helpers.ts';

async function withDoc() {
  const f = freshStore();
  const project = await f.store.createProject('p');
  const doc = await f.store.addDocument(project.id, '报告', TEXT);
  return { ...f, project, doc };
}

describe('document management', () => {
  it('renames and sets the status, announcing each change', async () => {
    const { store, doc, events } = await withDoc();
    await store.renameDocument(doc.id, '新标题');
    await store.setStatus(doc.id, 'done');
    const list = await store.listDocuments(doc.projectId);
    expect(list.map((d) => [d.title, d.status])).toEqual([['新标题', 'done']]);
    expect(events.filter((e) => e.type === 'documents-changed').length).toBeGreaterThanOrEqual(2);
  });

  it('deletes a document with its spans and token cache, and restores it all with the same ids', async () => {
    const { store, db, doc } = await withDoc();
    const span = spanOf(doc, 0, 1, 'METRIC');
    await store.applyChange({ docId: doc.id, before: [], after: [span] });
    await store.putBoundaries(doc.id, doc.textHash, Uint32Array.from([0, 1]));
    const deleted = await store.deleteDocument(doc.id);
    expect(await store.getDocument(doc.id)).toBeUndefined();
    expect(await db.spans.count()).toBe(0);
    expect(await db.tokens.count()).toBe(0);

    await store.restoreDocument(deleted);
    expect((await store.getDocument(doc.id))?.title).toBe('报告');
    expect(await store.getSpans(doc.id)).toEqual([span]);
  });

  it('replaces the text of a document without spans, and refuses once it has one', async () => {
    const { store, doc } = await withDoc();
    await store.putBoundaries(doc.id, doc.textHash, Uint32Array.from([0, 1]));
    const cleaned = await store.replaceText(doc.id, 'abc');
    expect(cleaned.textHash).toBe(hashText('abc'));
    expect(await store.getBoundaries(doc.id, cleaned.textHash)).toBeUndefined();

    await store.applyChange({ docId: doc.id, before: [], after: [spanOf(cleaned, 0, 1, 'ORG')] });
    await expect(store.replaceText(doc.id, 'xyz')).rejects.toThrow(/never changes/);
    expect((await store.getDocument(doc.id))?.text).toBe('abc');
  });

  it('finds texts already in the project, and only in that project', async () => {
    const { store, doc } = await withDoc();
    const other = await store.createProject('q');
    expect(await store.existingTexts(doc.projectId, [hashText(TEXT), hashText('new')])).toEqual(new Map([[hashText(TEXT), '报告']]));
    expect((await store.existingTexts(other.id, [hashText(TEXT)])).size).toBe(0);
  });
});
