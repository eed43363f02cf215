// Screenshot of the HTML report of examples/notes for the README (docs/img/report.png).
// Needs Debian's chromium (/usr/bin/chromium) and CJK fonts (fonts-noto-cjk). Run after `npm run build`.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { run } from '../lib/cli.js';
import { configYaml } from '../lib/core/scaffold.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'weekly-report-'));
const quiet = () => {};
// the config `weekly init` writes, for its example targets (drawn as reference lines)
const config = path.join(out, 'weekly.config.yaml');
writeFileSync(config, configYaml({ notes: 'notes' }));
const code = await run(['node', 'weekly', 'build', 'examples/notes', '--out', path.join(out, 'site'), '--format', 'html', '--config', config], { cwd: root, stdout: quiet, stderr: quiet, isTTY: false });
if (code !== 0) throw new Error(`weekly build exited ${code}`);
const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'weekly-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 1500 },
  deviceScaleFactor: 1,
});
const page = await ctx.newPage();
await page.goto(pathToFileURL(path.join(out, 'site/annual/2024.html')).href);
mkdirSync(path.join(root, 'docs/img'), { recursive: true });
await page.screenshot({ path: path.join(root, 'docs/img/report.png') });
await ctx.close();
console.log('docs/img/report.png');
