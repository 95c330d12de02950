import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { DashBacktestDocument, DashGridDocument, DashPluginsDocument, DashSurvivalDocument, DashCustomersDocument, DashPeriodsDocument, DashValuesDocument, DashRetentionDocument, DashRunsDocument, DashSegmentsDocument, RuleRefreshDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// The dashboard in real headless Chromium against the real server on demo data, cut off from the
// internet. Every count the page shows is checked against one computed here from the API by
// another query; a screenshot of each view goes to test-output/dashboard/.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../test-output/dashboard');

describe.skipIf(!fs.existsSync(CHROMIUM))('the dashboard in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let analystKey: string;

  beforeAll(async () => {
    // The page under test is the one built from the sources in this checkout.
    execFileSync('npm', ['run', '-s', 'web:build'], { cwd: path.resolve(__dirname, '..'), stdio: 'pipe' });
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTestApp();
    await seedDemoData(app.ds, app.config, { seed: 7, customers: 300, end: new Date('2026-06-01T00:00:00Z') });
    // Two refreshes: every segment's size and the RFM distribution then have a history.
    for (let i = 0; i < 2; i++) {
      await app.ok(RuleRefreshDocument, {});
      await app.metrics.idle();
    }
    analystKey = await app.createKey([Role.ANALYST]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A page that can reach only the server under test, and the console errors it reports. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const problems: string[] = [];
    await page.route('**/*', (route) => (route.request().url().startsWith(app.baseUrl) ? route.continue() : route.abort()));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    return { page, problems };
  }

  const panel = (page: Page, id: string) => page.locator(`section.panel[data-panel="${id}"]`);
  const tableRows = (page: Page, id: string) => panel(page, id).locator('tbody tr').count();
  const marks = async (page: Page, id: string) => Number(await panel(page, id).getAttribute('data-marks'));
  /** The lines of the panel's CSV download, as a click saves it. */
  async function csvLines(page: Page, id: string): Promise<string[]> {
    const [download] = await Promise.all([page.waitForEvent('download'), panel(page, id).locator('a[download]').click()]);
    return fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  }

  async function showView(page: Page, title: string, view: string): Promise<void> {
    await page.locator('#views a', { hasText: title }).click();
    await page.locator(`main[data-view="${view}"] h1`, { hasText: title }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, `${view}.png`), fullPage: true });
  }

  it('asks for a key, then draws every view with the counts the API gives, filters them, and links to them', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.baseUrl}/`);
    await expect.poll(() => page.locator('main .message').innerText()).toContain('Paste an API key');
    await page.locator('#key').fill(analystKey);
    await page.locator('#key-form button').click();

    // Overview: one bar and one point per period, one bar per period with buyers.
    await showView(page, 'Overview', 'overview');
    const periods = (await app.ok(DashPeriodsDocument, { g: 'MONTH' })).interactionStats.length;
    expect(periods).toBeGreaterThan(6);
    expect(await tableRows(page, 'revenue')).toBe(periods);
    expect(await marks(page, 'revenue')).toBe(2 * periods);
    const csv = await csvLines(page, 'revenue');
    expect(csv[0]).toBe('period,revenue,margin');
    expect(csv.length).toBe(periods + 1);
    expect(await page.locator('section[data-panel="revenue"] .chart svg').count()).toBe(1);
    const everyone = (await app.ok(DashCustomersDocument, {})).customers;
    expect(await panel(page, 'totals').locator('tbody td').first().innerText()).toBe(String(everyone.totalCount));

    // RFM: one cell per R x F pair the customers' own scores hold; one bar per named segment, and
    // one for customers without a segment.
    await showView(page, 'RFM', 'rfm');
    const pairs = new Set((await app.ok(DashGridDocument, {})).customers.edges.flatMap((e) => (e.node.rfm ? [`${e.node.rfm.r}|${e.node.rfm.f}`] : [])));
    expect(pairs.size).toBeGreaterThan(10);
    expect(await marks(page, 'grid')).toBe(pairs.size);
    expect(await marks(page, 'grid-revenue')).toBe(pairs.size);
    const labels = new Set(everyone.edges.map((e) => e.node.rfm?.segment ?? '(not scored)'));
    expect(labels.size).toBeGreaterThan(3);
    expect(await tableRows(page, 'segments')).toBe(labels.size);
    expect(await marks(page, 'segments')).toBe(labels.size);

    // CLV: a bar per log-scale bin, holding every customer with a CLV; two shares; a bar per tier.
    const v = await app.ok(DashValuesDocument, {});
    const clvs = v.customers.edges.filter((e) => e.node.clv?.value != null).length;
    await showView(page, 'CLV', 'clv');
    expect(await marks(page, 'distribution')).toBe(v.clv.bins.length);
    const binned = await panel(page, 'distribution').locator('tbody tr td:nth-child(3)').allTextContents();
    expect(binned.reduce((n, x) => n + Number(x), 0) + v.clv.nonPositive).toBe(clvs);
    expect(await marks(page, 'concentration')).toBe(2);
    expect(await marks(page, 'tiers')).toBe(v.tiers.length);
    expect(v.tiers.reduce((n, t) => n + (t.count ?? 0), 0)).toBe(everyone.totalCount);

    // Churn: a bar per bin; the customers at risk are those with a probability of 0.5 or more.
    await showView(page, 'Churn', 'churn');
    expect(await marks(page, 'distribution')).toBe(v.churn.bins.length);
    const atRisk = v.customers.edges.filter((e) => (e.node.churn?.probability ?? -1) >= 0.5).length;
    expect(atRisk).toBeGreaterThan(0);
    expect(await panel(page, 'at-risk').locator('tbody td').first().innerText()).toBe(String(atRisk));

    // Retention: one cell per cohort and period.
    await showView(page, 'Retention', 'retention');
    const cells = (await app.ok(DashRetentionDocument, {})).cohortRetention.length;
    expect(cells).toBeGreaterThan(10);
    expect(await marks(page, 'triangle')).toBe(cells);
    expect(await tableRows(page, 'triangle')).toBe(cells);
    // The sBG's observed and projected survival of the largest six contract cohorts.
    const sbg = (await app.ok(DashSurvivalDocument, {})).plugins.find((p) => p.selected.includes('churn:CONTRACTUAL'))!;
    const curves = (sbg.servedRun!.diagnostics as { churn: { cohorts: { customers: number; observedSurvival: number[]; projectedSurvival: number[] }[] } }).churn.cohorts;
    expect(curves.length).toBeGreaterThan(1);
    const largest = [...curves].sort((a, b) => b.customers - a.customers).slice(0, 6);
    expect(await marks(page, 'survival')).toBe(largest.reduce((n, c) => n + c.observedSurvival.length + c.projectedSurvival.length, 0));

    // Model runs: one bar per run.
    await showView(page, 'Model runs', 'runs');
    const runs = (await app.ok(DashRunsDocument, {})).modelRuns.length;
    expect(runs).toBeGreaterThan(3);
    expect(await marks(page, 'runs')).toBe(runs);
    expect(await tableRows(page, 'plugins')).toBe((await app.ok(DashPluginsDocument, {})).plugins.length);

    // Backtest: the models picked, then a bar per bucket and a line point per bucket and model.
    const models = ['clv-bgnbd', 'clv-pareto-nbd'];
    const dates = { calibrationEnd: '2025-12-01T00:00:00.000Z', holdoutEnd: '2026-06-01T00:00:00.000Z' };
    const bt = await app.ok(DashBacktestDocument, { plugins: models, ...dates });
    expect(bt.plugins.filter((p) => p.kinds.includes('clv')).map((p) => p.name)).toEqual(expect.arrayContaining(models));
    const buckets = bt.backtest.plugins[0].clv!.byRepeatPurchases.length;
    await page.locator('#views a', { hasText: 'Backtest' }).click();
    await expect.poll(() => page.locator('main .message').innerText()).toContain('Pick the CLV models');
    for (const m of models) await page.locator(`#view-controls input[value="${m}"]`).check();
    await page.locator('#view-controls input[name="calibrationEnd"]').fill('2025-12-01');
    await page.locator('#view-controls input[name="holdoutEnd"]').fill('2026-06-01');
    await page.locator('#view-controls button', { hasText: 'Run' }).click();
    await panel(page, 'calibration').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SHOTS, 'backtest.png'), fullPage: true });
    expect(await marks(page, 'calibration')).toBe(buckets * (1 + models.length));
    expect(await marks(page, 'totals')).toBe(1 + models.length);
    const checkpoints = bt.backtest.plugins[0].clv!.cumulative.length;
    expect(checkpoints).toBe(13);
    expect(await marks(page, 'cumulative')).toBe(checkpoints * (1 + models.length));
    expect(await tableRows(page, 'errors')).toBe(models.length);
    expect(page.url()).toContain('models=clv-bgnbd%2Cclv-pareto-nbd');

    // Segments: a bar per segment, a point per recorded size, a bar per RFM segment and refresh.
    await showView(page, 'Segments', 'segments');
    const { segments, metricHistory } = await app.ok(DashSegmentsDocument, { since: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    expect(segments.length).toBeGreaterThan(3);
    expect(await marks(page, 'sizes')).toBe(segments.length);
    expect(await marks(page, 'moves')).toBe(2 * segments.length);
    const entered = await panel(page, 'moves').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(entered.reduce((n, x) => n + Number(x), 0)).toBe(segments.reduce((n, s) => n + s.changeCounts.entered, 0));
    expect(segments.some((s) => s.changeCounts.entered > 0)).toBe(true);
    const points = segments.reduce((n, s) => n + s.history.length, 0);
    expect(points).toBeGreaterThan(segments.length);
    expect(await marks(page, 'history')).toBe(points);
    const rfmLabels = new Set(metricHistory.flatMap((r) => r.labels.map((l) => l.label)));
    expect(await marks(page, 'rfm-history')).toBe(rfmLabels.size * metricHistory.length);

    // A segment filter changes the counts, and the permalink brings the same view back.
    const segment = segments.find((s) => s.size > 5 && s.size < everyone.totalCount)!;
    expect(segment).toBeDefined();
    await page.locator('#segment').selectOption(segment.key);
    await expect.poll(() => marks(page, 'history'), { timeout: 20_000 }).toBe(segment.history.length);
    await showView(page, 'RFM', 'rfm');
    const members = (await app.ok(DashCustomersDocument, { filter: { segmentKeys: [segment.key] } })).customers;
    const segmentLabels = new Set(members.edges.map((e) => e.node.rfm?.segment ?? '(not scored)'));
    await expect.poll(() => page.url()).toContain(`segment=${segment.key}`);
    await expect.poll(() => marks(page, 'segments'), { timeout: 20_000 }).toBe(segmentLabels.size);
    const counted = await panel(page, 'segments').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(counted.reduce((sum, n) => sum + Number(n), 0)).toBe(members.totalCount);

    const permalink = await page.locator('#permalink').getAttribute('href');
    await page.goto(`${app.baseUrl}/${permalink}`);
    await page.locator('main[data-view="rfm"] h1').waitFor({ timeout: 20_000 });
    expect(await page.locator('#segment').inputValue()).toBe(segment.key);
    expect(await marks(page, 'segments')).toBe(segmentLabels.size);
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('tells a key without the permission a view needs which one it lacks', async () => {
    const { page, problems } = await openPage();
    const reader = await app.createKey([Role.READER]);
    await page.goto(`${app.baseUrl}/?view=backtest&models=clv-bgnbd&calibrationEnd=2025-12-01&holdoutEnd=2026-06-01`);
    await page.locator('#key').fill(reader);
    await page.locator('#key-form button').click();
    const alert = page.locator('main .message.error');
    await expect.poll(() => alert.innerText(), { timeout: 20_000 }).toContain('FORBIDDEN');
    expect(await alert.innerText()).toContain('backtest:run');
    await page.screenshot({ path: path.join(SHOTS, 'backtest-forbidden.png') });
    // Views it may read still work with the same key.
    await showView(page, 'RFM', 'rfm');
    expect(await marks(page, 'segments')).toBeGreaterThan(3);
    await page.close();
    // The server's 403 for the refused query is the only error the browser reports.
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
  }, 60_000);

  it('says why when the key is not accepted, without leaking anything', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${app.baseUrl}/?view=retention`);
    await page.locator('#key').fill('not-a-real-key');
    await page.locator('#key-form button').click();
    const alert = page.locator('main .message.error');
    await expect.poll(() => alert.innerText(), { timeout: 20_000 }).toContain('UNAUTHENTICATED');
    expect(await page.locator('section.panel').count()).toBe(0);
    await page.close();
    // The server's 401 for the bad key is the only error the browser reports.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  }, 60_000);
});
