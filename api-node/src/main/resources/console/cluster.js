// Cluster: data nodes, degraded objects, the heal queue, live heal/scrub progress (server-sent events),
// the last hour of throughput and latency, and the heal, scrub and recovery-drill buttons.
import { json, send, ApiError } from './api.js';
import { h, clear, announce, bytes, duration, table } from './dom.js';

let events = null;
let timers = [];

export function leave() {
  if (events) events.close();
  events = null;
  timers.forEach(clearInterval);
  timers = [];
}

export async function render(page, session) {
  if (!session.admin) {
    page.append(h('h2', { text: 'Cluster' }),
      h('p', { text: 'The cluster pages need an identity allowed the admin API (the root of the system account).' }));
    return;
  }
  const nodes = h('div', { id: 'nodes' });
  const totals = h('p', { id: 'object-totals' });
  const chart = h('div', { id: 'chart' });
  const drillOut = h('ol', { id: 'drill-output', 'aria-label': 'Recovery drill results' });
  const drillSummary = h('p', { id: 'drill-summary', role: 'status' });
  page.append(
    h('h2', { text: 'Cluster' }),
    h('section', { 'aria-labelledby': 'nodes-title' }, h('h3', { id: 'nodes-title', text: 'Data nodes' }), nodes, totals),
    h('section', { 'aria-labelledby': 'passes-title' },
      h('h3', { id: 'passes-title', text: 'Heal and scrub' }),
      passView('heal', 'Heal'), passView('scrub', 'Scrub'),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'start-heal', onclick: () => startPass('heal') , text: 'Start full heal' }),
        h('button', { type: 'button', id: 'start-scrub', onclick: () => startPass('scrub'), text: 'Start scrub' }))),
    h('section', { 'aria-labelledby': 'lifecycle-title' },
      h('h3', { id: 'lifecycle-title', text: 'Lifecycle' }), h('p', { id: 'lifecycle-detail', class: 'detail' })),
    h('section', { 'aria-labelledby': 'traffic-title' }, h('h3', { id: 'traffic-title', text: 'Last hour' }), chart),
    h('section', { 'aria-labelledby': 'drill-title' },
      h('h3', { id: 'drill-title', text: 'Recovery drill' }),
      h('p', { text: 'Reads objects with two data nodes left out and checks every byte against its ETag.' }),
      h('label', { for: 'drill-sample', text: 'Objects to sample (empty: all)' }),
      h('input', { id: 'drill-sample', type: 'number', min: '1', inputmode: 'numeric' }),
      h('button', { type: 'button', id: 'start-drill', onclick: () => drill(drillOut, drillSummary), text: 'Run recovery drill' }),
      drillSummary, drillOut));
  await refreshStatus(nodes, totals);
  await refreshChart(chart);
  timers.push(setInterval(() => refreshStatus(nodes, totals).catch((e) => announce(e.message)), 5000));
  timers.push(setInterval(() => refreshChart(chart).catch((e) => announce(e.message)), 10000));
  events = new EventSource('/api/events');
  events.addEventListener('progress', (e) => {
    const data = JSON.parse(e.data);
    if (data.status !== 200) return;
    showPass('heal', data.heal);
    showPass('scrub', data.scrub);
  });
}

function passView(kind, title) {
  return h('div', { class: 'pass', id: kind + '-pass' },
    h('label', { for: kind + '-progress', text: title + ' progress' }),
    h('progress', { id: kind + '-progress', max: '100', value: '0' }),
    h('span', { id: kind + '-state', class: 'state', text: 'idle' }),
    h('p', { id: kind + '-detail', class: 'detail' }));
}

function percent(p) {
  if (p.state === 'DONE') return 100;
  if (!p.objectsTotal) return 0;
  return Math.min(100, Math.floor((p.objectsScanned * 100) / p.objectsTotal));
}

function showPass(kind, p) {
  const bar = document.getElementById(kind + '-progress');
  if (!bar || !p) return;
  const pct = percent(p);
  bar.value = pct;
  bar.textContent = pct + '%';
  document.getElementById(kind + '-state').textContent = p.state.toLowerCase() + ' ' + pct + '%';
  const parts = [p.objectsScanned + ' of ' + p.objectsTotal + ' objects', bytes(p.bytes),
    (p.bytesPerSecond / 1048576).toFixed(1) + ' MiB/s', 'ETA ' + duration(p.etaSeconds),
    p.shardsBad + ' bad, ' + p.shardsRepaired + ' repaired, ' + p.shardsFailed + ' failed shards'];
  if (p.node) parts.unshift('node ' + p.node);
  if (p.error) parts.push('error: ' + p.error);
  document.getElementById(kind + '-detail').textContent = parts.join(' · ');
}

async function refreshStatus(nodes, totals) {
  const status = await json('GET', '/admin/status');
  clear(nodes).append(table('Data nodes', ['Node', 'State', 'Used', 'Free', 'Shards', 'Last answer', 'Endpoint'],
    status.nodes.map((n) => [n.id, n.state + (n.retired ? ' (retired)' : '') + (n.full ? ' (full)' : ''), bytes(n.usedBytes),
      bytes(n.freeBytes), n.shardCount === null ? '—' : String(n.shardCount),
      n.lastAnswerMillis ? new Date(n.lastAnswerMillis).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'never',
      n.endpoint || 'embedded'])));
  totals.textContent = status.objects.total + ' objects, ' + status.objects.degraded + ' degraded; heal queue: '
    + status.healQueue + ' tasks; garbage: ' + status.garbageQueue + ' shard sets to delete';
  showPass('heal', status.heal);
  showPass('scrub', status.scrub);
  const lc = status.lifecycle;
  document.getElementById('lifecycle-detail').textContent = (lc.running ? 'running' : 'idle') + ' · '
    + lc.passesCompleted + ' passes · last: ' + lc.versionsScanned + ' versions scanned, ' + lc.expired
    + ' expired, ' + lc.noncurrentRemoved + ' noncurrent removed, ' + lc.markersRemoved + ' markers removed, '
    + lc.uploadsAborted + ' uploads aborted, ' + lc.lockedKept + ' kept by object lock';
}

async function startPass(kind) {
  try {
    const p = await json('POST', '/admin/' + kind);
    showPass(kind, p);
    announce(kind + ' started');
  } catch (e) {
    announce(e.message);
  }
}

function series(points, pick, label, unit) {
  const w = 600;
  const ht = 120;
  const values = points.map(pick);
  const max = Math.max(1e-9, ...values);
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const coords = values.map((v, i) => (i * step).toFixed(1) + ',' + (ht - (v / max) * ht).toFixed(1)).join(' ');
  const latest = values.length ? values[values.length - 1] : 0;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + ht);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label + ': latest ' + latest.toFixed(2) + ' ' + unit + ', peak ' + max.toFixed(2));
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', coords);
  line.setAttribute('class', 'line');
  svg.append(line);
  return h('figure', {}, svg, h('figcaption', { text: label + ' (latest ' + latest.toFixed(2) + ' ' + unit
    + ', peak ' + max.toFixed(2) + ')' }));
}

async function refreshChart(chart) {
  const history = await json('GET', '/api/metrics');
  const points = history.points;
  clear(chart).append(
    h('p', { text: points.length + ' samples, one every ' + history.intervalSeconds + ' s' }),
    series(points, (p) => p.requestsPerSecond, 'S3 requests per second', 'req/s'),
    series(points, (p) => (p.receivedPerSecond + p.sentPerSecond) / 1048576, 'Throughput in and out', 'MiB/s'),
    series(points, (p) => p.meanLatencyMillis, 'Mean latency', 'ms'));
}

async function drill(out, summary) {
  clear(out);
  summary.textContent = 'Drill running…';
  const sample = document.getElementById('drill-sample').value;
  const response = await send('POST', '/admin/drill' + (sample ? '?sample=' + encodeURIComponent(sample) : ''));
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    summary.textContent = new ApiError(response.status, body.code || 'HTTP' + response.status, body.message).message;
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) drillLine(JSON.parse(line), out, summary);
    }
  }
}

function drillLine(entry, out, summary) {
  if (entry.summary) {
    const s = entry.summary;
    summary.textContent = 'Drill done: ' + s.ok + ' of ' + s.objects + ' objects read back intact, ' + s.failed
      + ' failed, ' + bytes(s.bytes) + ' verified in ' + s.seconds + ' s over ' + s.pairs + ' node pairs';
  } else {
    out.append(h('li', { class: entry.ok ? 'ok' : 'bad', text: (entry.ok ? 'ok ' : 'FAILED ') + entry.bucket + '/'
      + entry.key + ' (' + bytes(entry.size) + ') without ' + (entry.down || []).join(' and ')
      + (entry.error ? ': ' + entry.error : '') }));
  }
}
