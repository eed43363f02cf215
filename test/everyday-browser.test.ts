import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { cli, ROOT, tempDir, withExamples } from './everyday-helpers.js';
import { genNotes } from './build-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const have = existsSync(CHROMIUM);
if (!have) console.warn(`everyday-browser: skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it in CI)`);

describe.skipIf(!have)('HTML report in Chromium (skipped when /usr/bin/chromium is missing)', () => {
  let ctx: BrowserContext;
  let out: string;

  beforeAll(async () => {
    const d = withExamples();
    expect((await cli(d, ['build', 'notes', '--out', 'out', '--format', 'both'])).code).toBe(0);
    out = path.join(d, 'out');
    const { chromium } = await import('playwright-core');
    ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'weekly-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 1400 },
    });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Open a page of the site; collects console errors, page errors and failed or non-file requests. */
  async function open(rel: string) {
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) problems.push(`network: ${r.url()}`);
    });
    const response = await page.goto(pathToFileURL(path.join(out, rel)).href, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    return { page, problems };
  }

  it('every page loads from the file system with no console error and no request beyond itself; charts are visible', async () => {
    const pages = readdirSync(path.join(out, 'html'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
    // 11 summary pages and the 17 notes, each a page a citation opens at its line
    const notes = pages.filter((p) => p.startsWith('notes/'));
    expect(notes).toHaveLength(17);
    expect(pages).toHaveLength(11 + 17);
    for (const rel of notes) {
      const { page, problems } = await open(`html/${rel}`);
      expect(problems, rel).toEqual([]);
      expect(await page.locator('[id="L1"]').count(), rel).toBe(1);
      await page.close();
    }
    for (const rel of pages.filter((p) => !p.startsWith('notes/'))) {
      const { page, problems } = await open(`html/${rel}`);
      expect(problems, rel).toEqual([]);
      expect(await page.title(), rel).not.toBe('');
      // every chart laid out at a readable size (one round trip for all of them)
      const sizes = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((s) => [Math.round(s.getBoundingClientRect().width), Math.round(s.getBoundingClientRect().height)]));
      expect(sizes.length, rel).toBeGreaterThan(0);
      for (const [w, h] of sizes) expect(w > 100 && h > 50, `${rel}: a chart of ${w}×${h}`).toBe(true);
      await page.close();
    }
  });

  it('the annual page draws 入金有效成功率 with one visible point per week reporting it, and its screenshot is saved', async () => {
    // weeks reporting the metric in each year, from the build's own data file
    const rows = readFileSync(path.join(out, 'data/metrics.csv'), 'utf8').split('\n').filter((l) => l.includes(',入金有效成功率,'));
    for (const year of ['2023', '2024']) {
      const weeks = rows.filter((l) => l.split(',')[1] === year).length;
      expect(weeks).toBeGreaterThan(5);
      const { page, problems } = await open(`html/annual/${year}.html`);
      // a metric that did not move much is charted in the appendix, folded: the reader unfolds it
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const fig = page.locator('figure.chart.metric[data-metric="入金有效成功率"]');
      await expect.poll(() => fig.isVisible()).toBe(true);
      const points = fig.locator('circle.pt');
      expect(await points.count()).toBe(weeks);
      const drawn = await points.evaluateAll((cs) => cs.filter((c) => c.getBoundingClientRect().width > 0 && getComputedStyle(c).visibility === 'visible').length);
      expect(drawn).toBe(weeks);
      // the line is drawn through them
      expect(((await fig.locator('path.line').getAttribute('d')) ?? '').length).toBeGreaterThan(20);
      expect(problems).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-annual-${year}.png`), fullPage: true });
      await page.close();
    }
  });

  it('a team of 100 authors: its month opens on one screen of 要点, the member list right after, a row and a working link per member', async () => {
    const d = tempDir();
    genNotes(path.join(d, 'notes'), 100, 5, 2);
    expect((await cli(d, ['build', 'notes', '--out', 'out', '--format', 'html', '--quiet'])).code).toBe(0);
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(pathToFileURL(path.join(d, 'out/monthly/2023-01.html')).href, { waitUntil: 'load' });
    const heads = await page.locator('main h2, body h2').evaluateAll((hs) => hs.map((h) => ({ text: h.textContent, top: h.getBoundingClientRect().top })));
    // 要点 first, the member list next, and the member list's heading within the first screen (1400 px)
    expect(heads.slice(0, 2).map((h) => h.text)).toEqual(['要点', '成员']);
    expect(heads[1].top).toBeLessThan(1400);
    const table = page.locator('table').first();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(100);
    // each member's link opens their own month page
    const hrefs = await rows.locator('td:first-child a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(100);
    for (const h of hrefs) expect(existsSync(new URL(h)), h).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'team-100-month.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the 述职 draft prints on A4', async () => {
    const { page, problems } = await open('html/review/2023.html');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(ARTIFACTS, 'review-2023.pdf'), pdf);
    // A4 is 595.3 × 841.9 points (Chromium rounds to whole pixels)
    const box = /\/MediaBox\s*\[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(2);
    expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});
