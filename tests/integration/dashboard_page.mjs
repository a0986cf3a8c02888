// Drives the dashboard page in headless Chromium (playwright-core over Debian's /usr/bin/chromium):
// the page loads, shows the current market and the open positions the API reports, and its stop
// button halts trading. Usage: node dashboard_page.mjs URL SCREENSHOT_FILE (exit 0 when all hold).
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(join(process.env.CREW_WEB_DIR, 'package.json'));
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);
const fail = (what) => { console.error('FAIL: ' + what); process.exitCode = 1; };
const ok = (what) => console.log('ok: ' + what);

async function api(path, options) {
  const res = await fetch(new URL(path, url), options);
  return res.json();
}

const profile = mkdtempSync(join(tmpdir(), 'crew-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20000 });
  ok('page loaded');

  // A live session moves on between the API's answer and the page's next refresh: retry a while.
  async function eventually(what, probe) {
    let last = '';
    for (let i = 0; i < 40; i++) {
      const [same, seen] = await probe();
      if (same) { ok(what + ': ' + seen); return; }
      last = seen;
      await page.waitForTimeout(250);
    }
    fail(what + ': ' + last);
  }
  await eventually('current market shown', async () => {
    const status = await api('/api/status');
    const shown = (await page.textContent('#current-market')).trim();
    return [shown === status.current.market, `page ${shown}, API ${status.current.market}`];
  });
  await eventually('positions shown', async () => {
    const positions = (await api('/api/positions')).positions.map((p) => p.symbol).sort();
    const rows = (await page.$$eval('#positions tbody tr td:first-child', (tds) => tds.map((t) => t.textContent))).sort();
    const same = positions.length > 0 && JSON.stringify(rows) === JSON.stringify(positions);
    return [same, `page [${rows}], API [${positions}]`];
  });

  const charts = await page.evaluate(() => typeof window.LightweightCharts);
  if (charts !== 'object') fail('lightweight-charts did not load: ' + charts);
  else ok('lightweight-charts loaded from /vendor');
  if (await page.$('#equity-chart canvas') === null) fail('no equity chart drawn');
  if (await page.$('#candle-chart canvas') === null) fail('no candle chart drawn');

  await page.check('#flatten');
  await page.click('#stop-button');
  await page.waitForFunction(() => document.getElementById('halt-state').textContent.startsWith('HALTED'),
                             null, { timeout: 10000 });
  ok('page shows: ' + (await page.textContent('#halt-state')));
  const after = await api('/api/status');
  if (!after.halted) fail('/api/status is not halted after the stop button');
  else ok('/api/status halted: ' + after.halt_reason);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) fail('page errors: ' + errors.join('; '));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
