import { el } from './dom.js';

// Counts per minute by outcome as the server counted them (GET /stats), drawn as stacked bars of
// plain elements (heights set through the CSSOM, which the Content-Security-Policy allows; inline
// style attributes it would not). `kind` is 'received' (events by reason) or 'delivered'
// (attempts by outcome).
export function minuteChart(title, stats, kind) {
  const outcomes = new Set();
  let max = 1;
  let total = 0;
  for (const b of stats.buckets) {
    const counts = b[kind] || {};
    let sum = 0;
    for (const [outcome, n] of Object.entries(counts)) { outcomes.add(outcome); sum += n; }
    max = Math.max(max, sum);
    total += sum;
  }
  const order = [...outcomes].sort();
  const bars = stats.buckets.map(b => {
    const counts = b[kind] || {};
    const bar = el('div', { class: 'bar', title: b.minute.slice(11, 16) });
    for (const outcome of order) {
      const n = counts[outcome] || 0;
      if (!n) continue;
      const seg = el('div', { class: 'seg ' + cssClass(outcome), title: outcome + ': ' + n, 'data-outcome': outcome, 'data-count': String(n) });
      seg.style.height = (100 * n / max) + '%';
      bar.append(seg);
    }
    return bar;
  });
  const cut = stats.truncated && stats.truncated[kind];
  return el('figure', { class: 'chart', 'data-total': String(total) },
    el('figcaption', {}, title + ' per minute (last ' + stats.minutes + '): ' + total,
      cut ? ' (only the newest ' + stats.maxRecords + ' records were counted; whole since ' + stats.completeFrom[kind].slice(11, 16) + ')' : ''),
    el('div', { class: 'bars' }, bars),
    el('div', { class: 'legend' }, order.map(o => el('span', { class: 'key ' + cssClass(o) }, o))));
}

function cssClass(outcome) {
  const o = String(outcome).toLowerCase();
  if (['processed', 'accepted', 'delivered', 'success', 'handshake'].includes(o)) return 'good';
  if (['duplicate', 'filtered', 'pending', 'failed', 'redirect'].includes(o)) return 'meh';
  return 'bad';
}
