// @vitest-environment jsdom
// Comments on a span (SpanComments) and the team panel (TeamPanel), rendered on their own over the real
// store on fake-indexeddb.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashText, newId, sliceCodePoints, type Span } from '../../src/core/index.ts';
import { Store, openDatabase } from '../../src/db/index.ts';
import { parsePackage, serializePackage } from '../../src/formats/annotator-package.ts';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import SpanComments from '../../src/ui/SpanComments.svelte';
import TeamPanel from '../../src/ui/TeamPanel.svelte';
import { FakeSegmenter } from '../fake-segmenter.ts';
import { waitUntil } from './harness.ts';

const started: Workspace[] = [];
afterEach(() => {
  cleanup();
  for (const w of started.splice(0)) w.stop();
  vi.restoreAllMocks();
  localStorage.clear();
});

const TEXT = '推动利安隆二期、众卡二期尽快落地。';

/** A store with one document and two spans of 李明's layer. */
async function setup() {
  const store = new Store(openDatabase(`comments-${newId()}`));
  const project = await store.createProject('P');
  const doc = await store.addDocument(project.id, '报告', TEXT);
  const span = (start: number, end: number, label: string): Span => ({ id: newId(), docId: doc.id, start, end, label, text: sliceCodePoints(TEXT, start, end), layer: '李明', by: '李明' });
  const spans = [span(2, 7, 'PROJECT'), span(8, 12, 'PROJECT')];
  await store.applyChange({ docId: doc.id, before: [], after: spans });
  return { store, project, doc, spans };
}

/** jsdom's Blob has no text(). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const items = () => screen.queryAllByTestId('comment');

describe('SpanComments', () => {
  it('adds a comment with the button and with Ctrl+Enter, shows it with name and time, deletes it', async () => {
    const { store, doc, spans } = await setup();
    render(SpanComments, { props: { store, docId: doc.id, span: spans[0]!, author: '王芳' } });
    await screen.findByText('无 None');
    const box = screen.getByRole('textbox', { name: /Comment/ });
    const add = screen.getByRole('button', { name: /Add comment/ });
    expect(add).toBeDisabled();

    await fireEvent.input(box, { target: { value: '  二期是项目名的一部分吗？ ' } });
    await fireEvent.click(add);
    await waitUntil(() => items().length === 1);
    const [first] = items();
    expect(within(first!).getByText('王芳')).toBeInTheDocument();
    expect(within(first!).getByText('二期是项目名的一部分吗？')).toBeInTheDocument();
    expect(first!.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(box).toHaveValue('');

    await fireEvent.input(box, { target: { value: '同意' } });
    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitUntil(() => items().length === 2);
    expect((await store.getComments(doc.id)).map((c) => [c.text, c.by, c.layer, c.spanId])).toEqual([
      ['二期是项目名的一部分吗？', '王芳', '李明', spans[0]!.id],
      ['同意', '王芳', '李明', spans[0]!.id],
    ]);

    await fireEvent.click(within(items()[0]!).getByRole('button', { name: /Delete the comment/ }));
    await waitUntil(() => items().length === 1);
    expect((await store.getComments(doc.id)).map((c) => c.text)).toEqual(['同意']);
  });

  it("shows everyone's comments on this span only, as text; only one's own can be deleted", async () => {
    const { store, doc, spans } = await setup();
    await store.addComment({ docId: doc.id, spanId: spans[0]!.id, text: '<img src=x onerror="alert(1)"><b>粗</b>', by: '李明' });
    await store.addComment({ docId: doc.id, spanId: spans[1]!.id, text: '另一个标注 on the other span', by: '王芳' });
    await store.addComment({ docId: doc.id, spanId: spans[0]!.id, text: '我的', by: '王芳' });
    render(SpanComments, { props: { store, docId: doc.id, span: spans[0]!, author: '王芳' } });
    await waitUntil(() => items().length === 2);
    const [theirs, mine] = items();
    expect(theirs!.textContent).toContain('<img src=x onerror="alert(1)"><b>粗</b>');
    expect(document.querySelector('[data-testid="span-comments"] img, [data-testid="span-comments"] b')).toBeNull();
    expect(within(theirs!).queryByRole('button')).toBeNull();
    expect(within(mine!).getByRole('button', { name: /Delete/ })).toBeInTheDocument();
    expect(screen.queryByText(/on the other span/)).toBeNull();
  });

  it('reads again when the version changes (a comment from another tab), and asks for a name first', async () => {
    const { store, doc, spans } = await setup();
    const view = render(SpanComments, { props: { store, docId: doc.id, span: spans[1]!, author: null, version: 1 } });
    await screen.findByText('无 None');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/Set your name to comment/)).toBeInTheDocument();
    await store.addComment({ docId: doc.id, spanId: spans[1]!.id, text: '别处写的', by: '李明' });
    await view.rerender({ store, docId: doc.id, span: spans[1]!, author: null, version: 2 });
    await waitUntil(() => items().length === 1);
    expect(items()[0]!.textContent).toContain('别处写的');
  });
});

describe('TeamPanel', () => {
  async function team(name: string | null) {
    const store = new Store(openDatabase(`team-${newId()}`));
    const workspace = new Workspace(store, new FakeSegmenter());
    started.push(workspace);
    await workspace.start({ title: '报告', text: TEXT });
    if (name) await workspace.setAnnotator(name);
    render(TeamPanel, { props: { workspace } });
    return { store, workspace };
  }

  it('exports my package as a download, and refuses without a name', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (saved.push(b), 'blob:package'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    const nameless = await team(null);
    await fireEvent.click(screen.getByRole('button', { name: /Export my package/ }));
    await waitUntil(() => nameless.workspace.notices.length > 0);
    expect(nameless.workspace.notices.at(-1)?.text).toMatch(/Set your name first/);
    expect(click).not.toHaveBeenCalled();
    cleanup();

    const { workspace } = await team('李明');
    await workspace.session!.create({ start: 2, end: 7 }, 'PROJECT');
    await fireEvent.click(screen.getByRole('button', { name: /Export my package \(李明\)/ }));
    await waitUntil(() => saved.length === 1);
    expect(click).toHaveBeenCalledTimes(1);
    const parsed = parsePackage(await blobText(saved[0]!), 'x.zbpkg.json');
    expect(parsed.ok && parsed.package.documents[0]!.spans.map((s) => [s.text, s.by])).toEqual([['利安隆二期', '李明']]);
  });

  it('imports packages from the file input, each reported, and lists the layers with their counts', async () => {
    const { store, workspace } = await team('审核人');
    await workspace.session!.create({ start: 2, end: 7 }, 'PROJECT');
    await waitUntil(() => screen.getByTestId('layer-counts').textContent?.includes('审核人') === true);

    // 李明's package over the same text, and one over a text this project lacks.
    const pkg = await store.exportPackage(workspace.project!.id, '审核人');
    pkg.annotator = '李明';
    const other = structuredClone(pkg);
    other.annotator = '王芳';
    other.documents[0]!.title = '别的报告';
    other.documents[0]!.text = '别的文本。';
    other.documents[0]!.textHash = hashText('别的文本。');
    other.documents[0]!.spans = [];
    // What the input hands over (jsdom's File has no arrayBuffer()).
    const file = (name: string, content: string) => ({ name, arrayBuffer: async () => new TextEncoder().encode(content).buffer });
    const input = screen.getByTestId('package-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file('li.zbpkg.json', serializePackage(pkg)), file('wang.zbpkg.json', serializePackage(other)), file('bad.zbpkg.json', '{"zhengbiao": "x"}')] });
    await fireEvent.change(input);

    await waitUntil(() => workspace.notices.some((n) => n.text.includes('Imported 1 of 3')));
    const notice = workspace.notices.find((n) => n.text.includes('Imported 1 of 3'))!;
    expect(notice.kind).toBe('error');
    expect(notice.details[0]).toMatch(/^✓ li\.zbpkg\.json: 李明 — 1 document\(s\), 1 span\(s\)/);
    expect(notice.details[1]).toBe('✗ wang.zbpkg.json: "别的报告": the package is for different text (this project has no document with the same text); nothing imported');
    expect(notice.details[2]).toBe('✗ bad.zbpkg.json: 未导入，1 处错误 nothing imported, 1 error(s):');
    expect(notice.details[3]).toMatch(/^ {4}bad\.zbpkg\.json:1: zhengbiao: not a Zhengbiao annotator package/);

    await waitUntil(() => screen.getByTestId('layer-counts').textContent?.includes('李明') === true);
    const rows = [...screen.getByTestId('layer-counts').querySelectorAll('li')].map((li) => [li.dataset.layer, li.querySelector('.count')?.textContent]);
    expect(rows).toEqual([
      ['审核人', '1'],
      ['李明', '1'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh')));
    expect(screen.getByTestId('layer-counts').querySelector('li.current')?.getAttribute('data-layer')).toBe('审核人');
  });
});
