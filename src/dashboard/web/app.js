// The tradingcrew dashboard page: polls the JSON API every few seconds and draws what it says.
// Plain JavaScript, no build step; charts by TradingView's lightweight-charts when it is served
// at /vendor/lightweight-charts.js (installed by scripts/install-deps.sh).
'use strict';

// The dashboard token. The server never writes it into the page: it comes from the address the
// operator opened, #token=… (a fragment, never sent to any server) or ?token=… (needed off
// loopback, where every request carries it), else from this tab's sessionStorage, else the
// operator types it when a button is refused. A page of another origin cannot read any of them.
const queryToken = new URLSearchParams(location.search).get('token') || '';
let token = (() => {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem('crew-token', fromFragment);
    history.replaceState(null, '', location.pathname + location.search); // out of sight
  }
  return fromFragment || queryToken || sessionStorage.getItem('crew-token') || '';
})();
const refreshMs = 2000;
const state = { symbol: '', timeframe: '', symbols: [], nextSwitch: null, charts: null };

function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  return fetch(path, Object.assign({}, options, { headers })).then(async (res) => {
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(body.error || res.status + ' ' + res.statusText);
      err.status = res.status;
      throw err;
    }
    return body;
  });
}

const $ = (id) => document.getElementById(id);
function text(id, value) { $(id).textContent = value === null || value === undefined ? '–' : value; }
function money(v) { const n = Number(v); return Number.isFinite(n) ? n.toFixed(2) : '–'; }
function shortTime(iso) { return iso ? iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1Z') : '–'; }
function message(msg) { text('message', msg || ''); }

function cell(row, value, cls) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '' : value;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}
function fillTable(id, rows, columns) {
  const body = $(id).querySelector('tbody');
  body.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    for (const c of columns) {
      const value = c(r);
      if (Array.isArray(value)) cell(tr, value[0], value[1]); else cell(tr, value);
    }
    body.appendChild(tr);
  }
}
function signed(v) { const n = Number(v); return [money(v), n > 0 ? 'num gain' : n < 0 ? 'num loss' : 'num']; }

function duration(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return 'in ' + (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
}

function showStatus(s) {
  text('mode', s.mode + (s.live ? '' : ' (not live)'));
  text('current-market', s.current.market);
  text('next-switch', s.next_switch.next_market + ' at ' + shortTime(s.next_switch.time));
  text('countdown', duration(s.next_switch.seconds) + (s.mode === 'sim' ? ' (simulated time)' : ''));
  text('equity', money(s.equity));
  text('last-tick', shortTime(s.last_loop_time));
  const halt = $('halt-state');
  halt.textContent = s.halted ? 'HALTED: ' + s.halt_reason : 'trading';
  halt.className = s.halted ? 'state halted' : 'state';
  $('stop-button').disabled = s.halted;
  $('resume-button').disabled = !s.halted;
}

function showPositions(p) {
  fillTable('positions', p.positions, [
    (r) => r.symbol, (r) => [r.qty, 'num'], (r) => [money(r.avg_entry_price), 'num'],
    (r) => [money(r.current_price), 'num'], (r) => signed(r.unrealized_pl),
    (r) => [r.stop_price === null ? '' : money(r.stop_price), 'num'], (r) => r.strategy,
  ]);
  noteSymbols(p.positions.map((r) => r.symbol));
}

function showTrades(t) {
  text('trade-count', t.total + ' in total');
  fillTable('trades', t.trades, [
    (r) => shortTime(r.exit_time), (r) => r.market, (r) => r.symbol, (r) => r.strategy,
    (r) => [r.qty, 'num'], (r) => [money(r.entry_price), 'num'], (r) => [money(r.exit_price), 'num'],
    (r) => signed(r.pnl), (r) => r.exit_reason,
  ]);
  noteSymbols(t.trades.map((r) => r.symbol));
}

function showScan(s) {
  if (!s.scan) { text('scan-info', 'no scan yet'); fillTable('scan', [], []); return; }
  text('scan-info', s.scan.market + ' at ' + shortTime(s.scan.time) + ': ' + s.scan.signals +
       ' signals of ' + s.scan.symbols_scanned + ' symbols');
  fillTable('scan', s.scan.ranked, [
    (r) => r.symbol, (r) => r.strategy, (r) => [r.score.toFixed(3), 'num'],
    (r) => [money(r.close), 'num'], (r) => r.reason,
  ]);
  noteSymbols(s.scan.ranked.map((r) => r.symbol));
}

function showRisk(r) {
  const dl = $('risk');
  dl.replaceChildren();
  const pct = (v) => (v === null || v === undefined ? '–' : (100 * v).toFixed(2) + '%');
  const rows = [
    ['drawdown', pct(r.drawdown) + ' of ' + pct(r.max_drawdown)],
    ['high-water mark', money(r.high_water_mark)],
    ['open positions', r.open_positions + ' of ' + r.max_open_positions],
    ['entries today', r.entries_today + ' of ' + r.max_entries_per_day],
    ['open orders', r.open_orders],
  ];
  for (const m of r.markets) rows.push([m.market + ' today', pct(m.day_return) + ' (limit -' + pct(m.daily_loss_limit) + ')']);
  for (const [k, v] of rows) {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    dl.append(dt, dd);
  }
}

function showMarkets(m) {
  fillTable('markets', m.markets, [
    (r) => r.market, (r) => (r.open ? 'open' : 'closed'), (r) => [r.trades, 'num'],
    (r) => [(100 * r.win_rate).toFixed(1) + '%', 'num'], (r) => [r.score.toFixed(3), 'num'],
  ]);
}

function showAlerts(a) {
  const ul = $('alerts');
  ul.replaceChildren();
  for (const r of a.alerts) {
    const li = document.createElement('li');
    li.textContent = shortTime(r.time) + '  ' + (r.market ? r.market + ': ' : '') + r.text;
    ul.appendChild(li);
  }
  if (!a.alerts.length) ul.innerHTML = '<li>none</li>';
}

function noteSymbols(list) {
  let changed = false;
  for (const s of list) if (!state.symbols.includes(s)) { state.symbols.push(s); changed = true; }
  if (!changed) return;
  const select = $('symbol');
  select.replaceChildren();
  for (const s of state.symbols) {
    const o = document.createElement('option');
    o.value = o.textContent = s;
    select.appendChild(o);
  }
  if (!state.symbol) state.symbol = state.symbols[0];
  select.value = state.symbol;
}

// Charts: created once the vendor script has loaded; without it the page still works.
function makeCharts() {
  const LC = window.LightweightCharts;
  if (!LC) {
    for (const id of ['equity-chart', 'candle-chart']) {
      $(id).innerHTML = '<div class="missing">charts unavailable: lightweight-charts is not installed</div>';
    }
    return null;
  }
  const options = { autoSize: true, timeScale: { timeVisible: true, secondsVisible: false } };
  const equityChart = LC.createChart($('equity-chart'), options);
  const equity = equityChart.addSeries(LC.LineSeries, { color: '#1565c0', lineWidth: 2 });
  const candleChart = LC.createChart($('candle-chart'), options);
  const candles = candleChart.addSeries(LC.CandlestickSeries, {});
  const markers = LC.createSeriesMarkers(candles, []);
  return { equityChart, equity, candleChart, candles, markers };
}

function toSeconds(iso) { return Math.floor(Date.parse(iso) / 1000); }

function showEquity(e) {
  text('equity-source', e.source === 'trades' ? '(realised, from trades)' : '');
  if (!state.charts) return;
  const seen = new Set();
  const points = [];
  for (const p of e.points) {
    const t = toSeconds(p.time);
    if (seen.has(t)) points.pop();
    seen.add(t);
    points.push({ time: t, value: Number(p.equity) });
  }
  state.charts.equity.setData(points);
}

function showCandles(c) {
  if (!state.charts) return;
  state.charts.candles.setData(c.candles);
  state.charts.markers.setMarkers(c.markers.map((m) => ({
    time: m.time,
    position: m.kind === 'entry' ? 'belowBar' : 'aboveBar',
    color: m.kind === 'entry' ? '#2e7d32' : '#c62828',
    shape: m.kind === 'entry' ? 'arrowUp' : 'arrowDown',
    text: m.kind === 'entry' ? 'B' : 'S',
  })));
}

async function refresh() {
  try {
    const [status, positions, trades, scan, risk, markets, alerts, equity] = await Promise.all([
      api('/api/status'), api('/api/positions'), api('/api/trades?limit=25'), api('/api/scan'),
      api('/api/risk'), api('/api/markets'), api('/api/alerts?limit=30'), api('/api/equity'),
    ]);
    showStatus(status); showPositions(positions); showTrades(trades); showScan(scan);
    showRisk(risk); showMarkets(markets); showAlerts(alerts); showEquity(equity);
    if (state.symbol) {
      const q = '/api/candles?symbol=' + encodeURIComponent(state.symbol) +
                (state.timeframe ? '&timeframe=' + state.timeframe : '');
      showCandles(await api(q));
    }
    document.body.dataset.loaded = 'true';
  } catch (err) {
    message('refresh failed: ' + err.message);
  }
}

// A refused button (no token, or a wrong one) shows the token field; its OK button retries.
let pending = null;
function askForToken(retry) {
  pending = retry;
  $('token-form').hidden = false;
  $('token').focus();
  message('the buttons need the dashboard token (crew keeps it in its home, dashboard.token)');
}

async function post(path, body) {
  try {
    const answer = await api(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    message(path === '/api/stop' ? 'emergency stop set: the loop halts within one tick (' + answer.reason + ')'
                                 : 'trading resumed');
  } catch (err) {
    if (err.status === 401) { askForToken(() => post(path, body)); return; }
    message(path + ' failed: ' + err.message);
  }
  refresh();
}

function useToken(event) {
  event.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('crew-token', token);
  $('token').value = '';
  $('token-form').hidden = true;
  const retry = pending;
  pending = null;
  if (retry) retry();
}

function loadVendor() {
  return new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = '/vendor/lightweight-charts.js' + (queryToken ? '?token=' + encodeURIComponent(queryToken) : '');
    s.onload = resolve;
    s.onerror = resolve;
    document.head.appendChild(s);
  });
}

async function main() {
  $('stop-button').addEventListener('click', () => post('/api/stop', { flatten: $('flatten').checked }));
  $('resume-button').addEventListener('click', () => post('/api/resume', {}));
  $('token-form').addEventListener('submit', useToken);
  $('symbol').addEventListener('change', (e) => { state.symbol = e.target.value; refresh(); });
  $('timeframe').addEventListener('change', (e) => { state.timeframe = e.target.value; refresh(); });
  await loadVendor();
  state.charts = makeCharts();
  await refresh();
  setInterval(refresh, refreshMs);
}

main();
