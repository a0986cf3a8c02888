// Drives the dashboard page in headless Chromium (playwright-core over Debian's /usr/bin/chromium):
// the page loads, shows the current market and the open positions the API reports; its stop
// button, without the token, asks for it and changes nothing (nor with a wrong one typed in);
// opened as URL#token=TOKEN, the button halts trading and the token leaves the address bar.
// Usage: node dashboard_page.mjs URL TOKEN SCREENSHOT_FILE (exit 0 when all hold).
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(join(process.env.CREW_WEB_DIR, 'package.json'));
const { chromium } = require('playwright-core');

const [url, token, screenshot] = process.argv.slice(2);
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

  // Without the token: the button is refused, the page asks for the token, nothing halts.
  await page.click('#stop-button');
  await page.waitForSelector('#token-form:not([hidden])', { timeout: 10000 });
  ok('without the token the page asks for it: ' + (await page.textContent('#message')));
  await page.fill('#token', 'wrong-token-typed-in');
  await page.click('#token-form button');
  await page.waitForSelector('#token-form:not([hidden])', { timeout: 10000 });
  if ((await api('/api/status')).halted) fail('halted by a stop without the right token');
  else ok('a wrong token typed in is refused too; not halted');

  // Opened with the token in the fragment (a new document: a fragment change alone reloads
  // nothing): the button stops trading.
  await page.goto('about:blank');
  await page.goto(url + '#token=' + token);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20000 });
  const address = page.url();
  if (address.includes(token)) fail('the token stayed in the address bar: ' + address);
  else ok('the token left the address bar: ' + address);
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
