import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

// A real browser, cut off from the internet: every request that leaves the server under test is
// aborted. Runs where a Chromium is installed (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = fs.existsSync(CHROMIUM);

describe.skipIf(!haveBrowser)('the explorer in a browser without internet access', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('loads, takes the API key in its headers and runs a query', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(app.baseUrl)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(app.url);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });

    // The headers editor and the query editor are CodeMirror instances; set them through their API.
    await page.evaluate(({ key }) => {
      // Runs in the page, where `document` exists (this file is type-checked without the DOM library).
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document;
      const editors = Array.from(doc.querySelectorAll('.CodeMirror')) as { CodeMirror: { setValue(v: string): void } }[];
      const [query, , headers] = editors;
      query!.CodeMirror.setValue('{ viewer { id roles } }');
      headers!.CodeMirror.setValue(JSON.stringify({ Authorization: `Bearer ${key}` }));
    }, { key: app.adminKey });
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('"ADMIN"');
    expect(outside).toEqual([]);
  });
});
