// Editing in Chromium beyond the first-start flow: dragging a span's edge, nested spans by click, a second tab.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dragOver, spanTexts, useApp, waitForWords } from './browser.ts';

const app = useApp();

async function open(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();
  await waitForWords(page);
}

/** Centre of the last character of the first rendered `needle`. */
async function charCentre(page: Page, needle: string, which: 'first' | 'last'): Promise<{ x: number; y: number }> {
  const handle = await page.evaluateHandle(
    ({ needle, which }) => {
      for (const p of document.querySelectorAll('[data-paragraph]')) {
        const at = (p.textContent ?? '').indexOf(needle);
        if (at < 0) continue;
        let rest = which === 'first' ? at : at + needle.length - 1;
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
          if (rest < t.data.length) {
            const r = document.createRange();
            r.setStart(t, rest);
            r.setEnd(t, rest + 1);
            const b = r.getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
          rest -= t.data.length;
        }
      }
      return null;
    },
    { needle, which },
  );
  const point = (await handle.jsonValue()) as { x: number; y: number } | null;
  if (!point) throw new Error(`"${needle}" is not on screen`);
  return point;
}

describe('editing spans', () => {
  it('moves an edge by dragging its handle, snapped to a word, and undoes it', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await open(page);
    await dragOver(page, '1980亩', { alt: true });
    await page.keyboard.press('4');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩']);

    const handle = page.locator('.handle[data-edge="end"]');
    const box = (await handle.boundingBox())!;
    const target = await charCentre(page, '1980亩以上', 'last');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);

    await page.keyboard.press('Control+z');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩']);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    await context.close();
  });

  it('reaches both of two nested spans by clicking, and deletes the outer one', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await open(page);
    await dragOver(page, '力争全年整治1980亩以上');
    await page.keyboard.press('1');
    await expect.poll(() => spanTexts(page, 'TARGET')).toEqual(['力争全年整治1980亩以上']);
    await dragOver(page, '1980亩以上');
    await page.keyboard.press('4');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    await page.keyboard.press('Escape');

    const inner = await charCentre(page, '1980亩以上', 'first');
    await page.mouse.click(inner.x, inner.y);
    await expect.poll(() => page.getByTestId('span-details').locator('code').first().textContent()).toBe('METRIC');
    await page.mouse.click(inner.x, inner.y);
    await expect.poll(() => page.getByTestId('span-details').locator('code').first().textContent()).toBe('TARGET');
    await page.keyboard.press('Delete');
    await expect.poll(() => spanTexts(page, 'TARGET')).toEqual([]);
    expect(await spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    await context.close();
  });

  it('shows a second tab the edits of the first without a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const first = await context.newPage();
    await open(first);
    const second = await context.newPage();
    await open(second);

    await dragOver(first, '利安隆二期');
    await first.keyboard.press('2');
    await expect.poll(() => spanTexts(first, 'PROJECT')).toEqual(['利安隆二期']);
    await expect.poll(() => spanTexts(second, 'PROJECT')).toEqual(['利安隆二期']);

    await second.locator('.seg', { hasText: '利安隆二期' }).click();
    await second.keyboard.press('3');
    await expect.poll(() => spanTexts(first, 'ORG')).toEqual(['利安隆二期']);
    await context.close();
  });

  it('asks before leaving while an edit is being stored, so that a reload in that moment loses nothing', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await open(page);
    await dragOver(page, '1980亩以上');
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.type());
      void d.dismiss(); // stay on the page
    });
    // The key and the reload in one task: the write of the edit cannot have landed yet.
    await page.evaluate(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true }));
      location.reload();
    });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/Saved/);
    await page.reload(); // nothing in flight now: no question
    await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    expect(asked).toEqual(['beforeunload']);
    await context.close();
  });

  it('ignores a right-click on an edge handle: the next click does not move the edge', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await open(page);
    await dragOver(page, '1980亩以上');
    await page.keyboard.press('4');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    const box = (await page.locator('.handle[data-edge="end"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
    const far = await charCentre(page, '新增建设用地', 'last');
    await page.mouse.click(far.x, far.y);
    await page.waitForTimeout(200);
    expect(await spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    await context.close();
  });
});

describe('switching documents', () => {
  it('draws word boundaries where the pointer is, and shows the document clicked last', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await open(page);
    const words = () => page.evaluate(() => CSS.highlights.get('zb-word')?.size ?? 0);
    // Words are drawn in the paragraph under the pointer (and the one holding the selection) only.
    const hover = (needle: string) => page.locator('[data-paragraph]', { hasText: needle }).first().hover();
    expect(await words()).toBe(0);
    await hover('1980亩以上');
    await expect.poll(words).toBeGreaterThan(100);

    await page.getByRole('button', { name: /Paste text/ }).click();
    await page.getByRole('textbox', { name: /Text/ }).fill('新增建设用地600亩以上。招引亿元以上重大产业项目25个。');
    await page.getByRole('button', { name: /Create/ }).click();
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('新增建设用地600亩以上。招引亿元以上重大产业项目25个。');
    await waitForWords(page);
    await hover('招引亿元以上');
    await expect.poll(words).toBeGreaterThan(3);

    // Two quick clicks: the second document asked for is the one shown.
    const rows = page.locator('[data-testid="doc-row"] button.open');
    await rows.nth(1).click();
    await rows.nth(0).click();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('doc-title').textContent()).toContain('常山县');
    await hover('1980亩以上');
    await expect.poll(words).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    await context.close();
  });
});

