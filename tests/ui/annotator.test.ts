// @vitest-environment jsdom
// Who annotates: asked on first start without blocking the work, switchable; each person sees and edits
// their own layer, and every span records who made it and when.
import { cleanup, fireEvent, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/state/workspace.svelte.ts';
import { press, renderedSpans, selectText, startApp, waitUntil } from './harness.ts';

beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

async function giveName(workspace: Workspace, name: string) {
  const form = await screen.findByTestId('annotator-form');
  const input = form.querySelector('input')!;
  await fireEvent.input(input, { target: { value: name } });
  await fireEvent.submit(form);
  // The document reopens on that person's layer.
  await waitUntil(() => workspace.session?.layer === name && (screen.queryByTestId('annotator')?.textContent?.includes(name) ?? false));
}

describe('annotators', () => {
  it('asks for a name on first start, lets work begin before it, and gives that work to the name', async () => {
    const { store, workspace } = await startApp();
    expect(screen.getByTestId('annotator-form').textContent).toContain('Who is annotating?');
    await selectText('利安隆二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 1);

    await giveName(workspace, '王芳');
    const docId = workspace.session!.doc.id;
    const [span] = await store.getSpans(docId);
    expect(span).toMatchObject({ text: '利安隆二期', layer: '王芳', by: '王芳' });
    expect(renderedSpans('PROJECT')).toEqual(['利安隆二期']);
    expect(localStorage.getItem('zhengbiao:annotator')).toBe('王芳');

    await selectText('众卡二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 2);
    const made = (await store.getSpans(docId)).find((s) => s.text === '众卡二期')!;
    expect(made).toMatchObject({ layer: '王芳', by: '王芳' });
    expect(made.at).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows each annotator their own layer after a switch, and refuses names starting with @', async () => {
    const { store, workspace } = await startApp();
    await giveName(workspace, '王芳');
    await selectText('利安隆二期');
    await press('2');
    await waitUntil(() => renderedSpans('PROJECT').length === 1);

    await fireEvent.click(screen.getByRole('button', { name: /Switch/ }));
    const form = await screen.findByTestId('annotator-form');
    await fireEvent.input(form.querySelector('input')!, { target: { value: '@gold' } });
    await fireEvent.submit(form);
    expect(workspace.annotator).toBe('王芳');

    await giveName(workspace, '李明');
    await waitUntil(() => workspace.session?.layer === '李明');
    expect(renderedSpans('PROJECT')).toEqual([]);
    await selectText('众卡二期');
    await press('3');
    await waitUntil(() => renderedSpans('ORG').length === 1);
    const docId = workspace.session!.doc.id;
    expect((await store.getSpans(docId, '王芳')).map((s) => s.text)).toEqual(['利安隆二期']);
    expect((await store.getSpans(docId, '李明')).map((s) => s.text)).toEqual(['众卡二期']);

    await fireEvent.click(screen.getByRole('button', { name: /Switch/ }));
    await giveName(workspace, '王芳');
    await waitUntil(() => workspace.session?.layer === '王芳');
    expect(renderedSpans('PROJECT')).toEqual(['利安隆二期']);
    expect(renderedSpans('ORG')).toEqual([]);
  });
});
