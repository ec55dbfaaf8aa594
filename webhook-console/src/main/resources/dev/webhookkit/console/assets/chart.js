import { el } from './dom.js';

// Counts per minute by outcome, drawn as stacked bars of plain elements (heights set through the
// CSSOM, which the Content-Security-Policy allows; inline style attributes it would not).
export function minuteChart(title, items, timeOf, outcomeOf, minutes = 30) {
  const now = Math.floor(Date.now() / 60000);
  const buckets = new Map();
  const outcomes = new Set();
  for (const item of items) {
    const minute = Math.floor(Date.parse(timeOf(item)) / 60000);
    if (!(minute > now - minutes)) continue;
    const outcome = outcomeOf(item);
    outcomes.add(outcome);
    const b = buckets.get(minute) || new Map();
    b.set(outcome, (b.get(outcome) || 0) + 1);
    buckets.set(minute, b);
  }
  let max = 1;
  for (const b of buckets.values()) max = Math.max(max, [...b.values()].reduce((a, c) => a + c, 0));
  const order = [...outcomes].sort();
  const bars = [];
  for (let m = now - minutes + 1; m <= now; m++) {
    const b = buckets.get(m) || new Map();
    const bar = el('div', { class: 'bar', title: new Date(m * 60000).toISOString().slice(11, 16) });
    for (const outcome of order) {
      const n = b.get(outcome) || 0;
      if (!n) continue;
      const seg = el('div', { class: 'seg ' + cssClass(outcome), title: outcome + ': ' + n });
      seg.style.height = (100 * n / max) + '%';
      bar.append(seg);
    }
    bars.push(bar);
  }
  return el('figure', { class: 'chart' },
    el('figcaption', {}, title + ' per minute (last ' + minutes + ')'),
    el('div', { class: 'bars' }, bars),
    el('div', { class: 'legend' }, order.map(o => el('span', { class: 'key ' + cssClass(o) }, o))));
}

function cssClass(outcome) {
  const o = String(outcome).toLowerCase();
  if (['processed', 'accepted', 'delivered', 'success', 'handshake'].includes(o)) return 'good';
  if (['duplicate', 'filtered', 'pending', 'failed'].includes(o)) return 'meh';
  return 'bad';
}
