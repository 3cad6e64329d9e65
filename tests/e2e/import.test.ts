// Bringing real files in, in Chromium: GB18030, UTF-16 with BOM, a hard-wrapped text, a binary file.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp } from './browser.ts';

const app = useApp();

const SEED = readFileSync('seeds/changshan-2023-work-report-p11.txt', 'utf8');
// Lines 2–7: the report itself, without the scraped page title and "next article" link.
const BODY = SEED.split('\n').slice(1, 7).join('\n');
const UTF16_TEXT = '𠀀利安隆二期尽快落地。\r\n招引亿元以上重大产业项目25个。';

function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chars = Array.from(line);
      const out: string[] = [];
      for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
      return out.join('\n');
    })
    .join('\n');
}

describe('importing text files', () => {
  it('decodes GB18030 and UTF-16 with BOM, joins hard-wrapped lines, refuses binary, stores the exact text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-import-'));
    const utf16 = join(dir, 'utf16-bom.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UTF16_TEXT, 'utf16le')]));
    const wrapped = join(dir, 'wrapped.txt');
    writeFileSync(wrapped, hardWrap(BODY, 40));
    const binary = join(dir, 'image.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));

    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('doc-title').waitFor();
    page.once('dialog', (d) => void d.accept('导入测试'));
    await page.getByRole('button', { name: /New project/ }).click();
    await expect.poll(() => page.locator('[data-testid="doc-row"]').count()).toBe(0);

    await page.getByRole('button', { name: /Import files/ }).click();
    await page.setInputFiles('[data-testid="files-input"]', ['tests/fixtures/encodings/seed.gb18030.txt', utf16, binary]);
    const rows = page.locator('[data-testid="file-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(0).textContent()).toContain('GB18030');
    await expect.poll(() => rows.nth(1).textContent()).toContain('UTF-16LE');
    await expect.poll(() => rows.nth(2).textContent()).toMatch(/Refused.*binary/);
    const importTwo = page.getByRole('button', { name: /Import 2 file/ });
    expect(await importTwo.isDisabled()).toBe(true); // the refused file must be acknowledged first
    await page.getByRole('checkbox', { name: /Skip the 1 file/ }).check();
    await importTwo.click();
    await expect.poll(() => page.locator('[data-testid="doc-row"]').count()).toBe(2);

    // The hard-wrapped text, with the line joining chosen, in a second import.
    await page.getByRole('button', { name: /Import files/ }).click();
    await page.setInputFiles('[data-testid="files-input"]', [wrapped]);
    await expect.poll(() => rows.first().textContent()).toContain('Ready');
    await page.getByRole('checkbox', { name: /Join lines/ }).check();
    await page.getByRole('button', { name: /Import 1 file/ }).click();
    await expect.poll(() => page.locator('[data-testid="doc-row"]').count()).toBe(3);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export JSONL/ }).click();
    const lines = readFileSync((await (await downloading).path())!, 'utf8').trim().split('\n');
    const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
    // GB18030 decoded exactly; CRLF from the UTF-16 file cleaned to LF (the default rule); the wrap undone.
    expect(texts).toEqual([SEED, UTF16_TEXT.replace('\r\n', '\n'), BODY]);
    await context.close();
  });

  it('takes a whole folder: its .txt files with their paths, the rest counted as skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-folder-'));
    const folder = join(dir, 'reports');
    mkdirSync(join(folder, '2023'), { recursive: true });
    writeFileSync(join(folder, 'a.txt'), '新增建设用地600亩以上。');
    writeFileSync(join(folder, '2023', 'b.txt'), '招引亿元以上重大产业项目25个。');
    writeFileSync(join(folder, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));

    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('doc-title').waitFor();
    await page.getByRole('button', { name: /Import files/ }).click();
    await page.setInputFiles('[data-testid="folder-input"]', folder);
    const rows = page.locator('[data-testid="file-row"]');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await rows.allTextContents()).map((t) => t.split('UTF-8')[0]).sort()).toEqual(['reports/2023/b.txt', 'reports/a.txt']);
    await expect.poll(() => page.getByText(/Skipped 1 non-\.txt/).count()).toBe(1);
    await page.getByRole('button', { name: /Import 2 file/ }).click();
    await expect.poll(() => page.locator('[data-testid="doc-row"]').count()).toBe(3);
    await context.close();
  });
});

