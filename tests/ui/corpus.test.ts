// @vitest-environment jsdom
// The corpus: document list (filter, sort, status, rename, delete with undo), the outline, find.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outline } from '../../src/core/index.ts';
import OutlinePanel from '../../src/ui/OutlinePanel.svelte';
import { press, renderedSpans, selectText, startApp, waitUntil } from './harness.ts';

afterEach(() => cleanup());


function titles() {
  return screen.getAllByTestId('doc-row').map((r) => r.querySelector('.title')?.textContent);
}

async function threeDocs() {
  const app = await startApp();
  await app.workspace.pasteDocument('乙 长文', '新增建设用地600亩以上。'.repeat(10));
  await app.workspace.pasteDocument('甲 短文', '招引亿元以上重大产业项目25个。');
  return app;
}

describe('document list', () => {
  it('lists title, length and span counts per label', async () => {
    const { workspace } = await startApp();
    await selectText('1980亩以上');
    await press('4');
    await workspace.session!.settled();
    const row = screen.getAllByTestId('doc-row')[0]!;
    expect(row.textContent).toContain('测试报告');
    expect(row.textContent).toContain(`${Array.from(workspace.session!.doc.text).length} 字`);
    expect(row.querySelector('.chip')?.textContent).toBe('指标 1');
    expect((within(row).getByRole('combobox', { name: /Status/ }) as HTMLSelectElement).value).toBe('in-progress');
  });

  it('filters by title and by status, and sorts', async () => {
    const { workspace } = await threeDocs();
    expect(titles()).toEqual(['测试报告', '乙 长文', '甲 短文']);
    await fireEvent.input(screen.getByRole('searchbox', { name: /Filter/ }), { target: { value: '短' } });
    expect(titles()).toEqual(['甲 短文']);
    await fireEvent.input(screen.getByRole('searchbox', { name: /Filter/ }), { target: { value: '' } });

    await fireEvent.change(screen.getByRole('combobox', { name: /Sort/ }), { target: { value: 'length' } });
    expect(titles()).toEqual(['乙 长文', '测试报告', '甲 短文']);

    const second = workspace.documents.find((d) => d.title === '甲 短文')!;
    await workspace.setStatus(second.id, 'done');
    await fireEvent.change(screen.getByRole('combobox', { name: /Status filter/ }), { target: { value: 'done' } });
    expect(titles()).toEqual(['甲 短文']);
  });

  it('renames a document in place', async () => {
    const { workspace } = await startApp();
    screen.getByRole('button', { name: /Rename 测试报告/ }).click();
    const input = await screen.findByRole('textbox', { name: /New title/ });
    await fireEvent.input(input, { target: { value: '常山县报告' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitUntil(() => workspace.documents[0]?.title === '常山县报告');
    expect(titles()).toEqual(['常山县报告']);
  });

  it('deletes a document with its spans, and the message undoes it', async () => {
    const { workspace, store } = await threeDocs();
    const first = workspace.documents[0]!;
    await workspace.openDocument(first.id);
    await selectText('利安隆二期');
    await press('2');
    await workspace.session!.settled();

    screen.getByRole('button', { name: /Delete 测试报告/ }).click();
    await waitUntil(() => workspace.documents.length === 2);
    expect(workspace.session?.doc.id).not.toBe(first.id); // gone from the screen as soon as from the list
    expect(await store.getSpans(first.id)).toEqual([]);

    const notice = (await screen.findByText(/Deleted "测试报告" with 1 span/)).closest('.notice') as HTMLElement;
    within(notice).getByRole('button', { name: /Undo/ }).click();
    await waitUntil(() => workspace.documents.length === 3);
    expect(titles()).toEqual(['测试报告', '乙 长文', '甲 短文']);
    expect((await store.getSpans(first.id)).map((s) => s.text)).toEqual(['利安隆二期']);
    await waitUntil(() => renderedSpans('PROJECT').length === 1);
  });
});

describe('outline', () => {
  const TEXT = '一、总体要求\n正文第一段。\n（一）打赢工业强县大会战。深化落实工业强县。\n1.加快平台建设\n二、重点工作\n2023年是全面贯彻的开局之年。';

  it('lists the headings of the text by level, and jumps to one when clicked', async () => {
    const onjump = vi.fn();
    render(OutlinePanel, { props: { headings: outline(TEXT), onjump } });
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => [li.className, li.textContent])).toEqual([
      ['level-1', '一、总体要求'],
      ['level-2', '（一）打赢工业强县大会战'],
      ['level-3', '1.加快平台建设'],
      ['level-1', '二、重点工作'],
    ]);
    screen.getByRole('button', { name: '二、重点工作' }).click();
    expect(onjump).toHaveBeenCalledWith(expect.objectContaining({ title: '二、重点工作', level: 1 }));
  });

  it('is shown beside the open document', async () => {
    await startApp();
    const nav = screen.getByRole('navigation', { name: /Outline/ });
    expect(within(nav).getByRole('button', { name: /（一）打赢工业强县大会战/ })).toBeInTheDocument();
  });
});

describe('find', () => {
  it('finds with a regular expression and tags every result, skipping what is already tagged', async () => {
    const { workspace, store } = await startApp();
    await selectText('1980亩以上');
    await press('4');
    await workspace.session!.settled();

    await press('/');
    const box = await screen.findByRole('searchbox', { name: /Search for/ });
    await fireEvent.input(box, { target: { value: '\\d+亩以上|二期' } });
    screen.getByRole('checkbox', { name: /Regex/ }).click();
    await fireEvent.submit(box.closest('form')!);
    await waitUntil(() => screen.queryAllByRole('mark').length > 0 || document.querySelectorAll('.results mark').length > 0);
    expect([...document.querySelectorAll('.results mark')].map((m) => m.textContent)).toEqual(['1980亩以上', '二期', '二期']);

    screen.getByRole('button', { name: /Tag all as Metric/ }).click();
    await waitUntil(() => renderedSpans('METRIC').length === 3);
    await waitUntil(() => screen.queryByText(/Tagged 2; .*skipped 1/) !== null);
    expect((await store.getSpans(workspace.session!.doc.id)).length).toBe(3);
    await press('z', { ctrl: true });
    await workspace.session!.settled();
    expect(renderedSpans('METRIC')).toEqual(['1980亩以上']); // tag-all is one undo step
  });

  it('says when a pattern is invalid', async () => {
    await startApp();
    await press('/');
    const box = await screen.findByRole('searchbox', { name: /Search for/ });
    await fireEvent.input(box, { target: { value: '(' } });
    screen.getByRole('checkbox', { name: /Regex/ }).click();
    await fireEvent.submit(box.closest('form')!);
    await waitUntil(() => screen.queryByText(/Invalid pattern/) !== null);
  });
});
