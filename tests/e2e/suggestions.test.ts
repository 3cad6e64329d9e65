// Reviewing suggestions in Chromium: step with N, accept with Enter, reject with X; a rejection lasts.
import { describe, expect, it } from 'vitest';
import { spanTexts, useApp, waitForWords } from './browser.ts';

const app = useApp();

describe('suggestions', () => {
  it('are accepted and rejected with the keyboard, and a rejected text does not come back', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await waitForWords(page);
    const count = async () => Number(await page.getByTestId('suggestion-count').textContent());
    await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(50);
    const before = await count();

    await page.keyboard.press('n');
    const current = page.getByTestId('current-suggestion');
    const first = (await current.locator('.quote').textContent())!;
    const label = (await current.locator('p.muted').textContent())!.split(' ')[1]!;
    await page.keyboard.press('Enter');
    await expect.poll(() => spanTexts(page, label)).toEqual([first]);
    await expect.poll(count).toBe(before - 1);

    const rejected = (await current.locator('.quote').textContent())!;
    expect(rejected).not.toBe(first);
    await page.keyboard.press('x');
    await expect.poll(count).toBeLessThan(before - 1);
    const afterReject = await count();

    await page.reload();
    await waitForWords(page);
    await expect.poll(count, { timeout: 20_000 }).toBe(afterReject);
    await context.close();
  });

  it('keeps every suggestion underline on its text after a span is made beside it', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await waitForWords(page);
    await expect.poll(() => page.getByTestId('suggestion-count').textContent(), { timeout: 20_000 }).not.toBe('0');
    // Each suggestion range must still lie inside its text nodes and hold a suggestion's text.
    const drawn = () =>
      page.evaluate(() => {
        let ok = 0;
        let broken = 0;
        for (const [name, h] of CSS.highlights) {
          if (!name.startsWith('zb-suggest-') || name === 'zb-suggest-current') continue;
          for (const r of h as unknown as Set<AbstractRange>) {
            const fits = r.startContainer.isConnected && r.endContainer.isConnected && r.startOffset <= (r.startContainer as Text).length && r.endOffset <= (r.endContainer as Text).length;
            const live = document.createRange();
            if (fits) {
              live.setStart(r.startContainer, r.startOffset);
              live.setEnd(r.endContainer, r.endOffset);
            }
            if (fits && live.toString().length > 0) ok++;
            else broken++;
          }
        }
        return { ok, broken };
      });
    await expect.poll(async () => (await drawn()).ok).toBeGreaterThan(10);
    // Tag two characters inside a long plain stretch (Alt: exact characters): the stretch's text node is
    // kept and shortened, and suggestions further along it must be drawn again.
    await page.evaluate(() => {
      const p = document.querySelector<HTMLElement>('[data-paragraph="2"]')!;
      const t = [...p.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE && (n as Text).data.length > 40)!;
      const range = document.createRange();
      range.setStart(t, 3);
      range.setEnd(t, 5);
      getSelection()!.removeAllRanges();
      p.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      getSelection()!.addRange(range);
      p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, altKey: true }));
    });
    await page.keyboard.press('3');
    await expect.poll(() => spanTexts(page, 'ORG')).toHaveLength(1);
    await page.waitForTimeout(300);
    expect((await drawn()).broken).toBe(0);
    await context.close();
  });
});
