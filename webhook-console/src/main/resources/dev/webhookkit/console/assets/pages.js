import { api, encode, openStream } from './api.js';
import { el, clear, table, field, toast, pretty, when } from './dom.js';
import { minuteChart } from './chart.js';

const CHART_MINUTES = 30;

// dev.webhookkit.core.Reason, in its order ('' = any)
const REASONS = ['', 'PROCESSED', 'ACCEPTED', 'HANDSHAKE', 'DUPLICATE', 'FILTERED', 'UNKNOWN_ENDPOINT',
  'ENDPOINT_DISABLED', 'METHOD_NOT_ALLOWED', 'PAYLOAD_TOO_LARGE', 'IP_NOT_ALLOWED', 'RATE_LIMITED',
  'MISSING_SIGNATURE', 'MALFORMED_SIGNATURE', 'SIGNATURE_MISMATCH', 'MISSING_TIMESTAMP', 'TIMESTAMP_EXPIRED',
  'CERTIFICATE_UNAVAILABLE', 'MALFORMED_PAYLOAD', 'LOOP_DETECTED', 'HANDLER_FAILED', 'OVERLOADED',
  'IN_PROGRESS', 'DEPENDENCY_UNAVAILABLE', 'INTERNAL_ERROR'];
const STATUSES = ['', 'pending', 'failed', 'delivered', 'dead'];

function select(id, options, value) {
  return el('select', { id }, options.map(o => el('option', { value: o, selected: o === value }, o || 'any')));
}

function reasonBadge(reason) {
  const good = ['PROCESSED', 'ACCEPTED', 'HANDSHAKE'].includes(reason);
  const meh = ['DUPLICATE', 'FILTERED'].includes(reason);
  return el('span', { class: 'badge ' + (good ? 'good' : meh ? 'meh' : 'bad') }, reason);
}

function statusBadge(status) {
  const cls = status === 'delivered' || status === 'success' ? 'good' : status === 'dead' ? 'bad' : 'meh';
  return el('span', { class: 'badge ' + cls }, status);
}

function handle(action) {
  return async ev => {
    const button = ev && ev.currentTarget;
    if (button) button.disabled = true;
    try { await action(); } catch (e) { toast(e.message, 'bad'); } finally { if (button) button.disabled = false; }
  };
}

// ---- Inbound events ------------------------------------------------------------------------

async function events(main, id) {
  if (id) return eventPage(main, id);
  const filter = { endpoint: '', reason: '', eventType: '', since: '' };
  const endpoint = el('input', { id: 'f-endpoint', placeholder: 'any' });
  const reason = select('f-reason', REASONS, '');
  const eventType = el('input', { id: 'f-eventType', placeholder: 'any' });
  const since = el('input', { id: 'f-since', type: 'datetime-local' });
  const form = el('form', { class: 'filters', id: 'event-filters' },
    field('Endpoint', endpoint), field('Reason', reason), field('Event type', eventType), field('Since', since),
    el('button', { type: 'submit' }, 'Filter'));
  const tbody = el('tbody', { id: 'events-body' });
  const chartBox = el('div', { id: 'events-chart' });
  main.append(el('h1', {}, 'Inbound events'), chartBox, form,
    el('table', { id: 'events' }, el('thead', {}, el('tr', {}, ['Received', 'Endpoint', 'Reason', 'Status', 'Event type', 'Event'].map(h => el('th', {}, h)))), tbody));

  let items = [];
  const matches = e => (!filter.endpoint || e.endpoint === filter.endpoint) && (!filter.reason || e.reason === filter.reason)
    && (!filter.eventType || (e.eventType || '').includes(filter.eventType))
    && (!filter.since || Date.parse(e.receivedAt) >= Date.parse(filter.since));
  const row = e => el('tr', { 'data-id': e.id },
    el('td', {}, when(e.receivedAt)), el('td', {}, e.endpoint), el('td', {}, reasonBadge(e.reason)),
    el('td', {}, String(e.status)), el('td', {}, e.eventType || ''),
    el('td', {}, el('a', { href: '#/events/' + encode(e.id) }, e.id)));
  const draw = () => clear(tbody).append(...items.filter(matches).map(row));
  // The chart is the server's count (GET /stats), not the rows loaded here; a live event asks again, at most once a second.
  let chartDue = null;
  const drawChart = async () => {
    const stats = await api('GET', '/stats', { params: { minutes: CHART_MINUTES } });
    clear(chartBox).append(minuteChart('Received', stats, 'received'));
  };
  const refreshChart = () => {
    if (chartDue) return;
    chartDue = setTimeout(() => { chartDue = null; drawChart().catch(e => toast(e.message, 'bad')); }, 1000);
  };
  async function load() {
    const page = await api('GET', '/events', { params: {
      endpoint: filter.endpoint, reason: filter.reason, limit: 200,
      since: filter.since ? new Date(filter.since).toISOString() : '' } });
    items = page.items;
    draw();
  }
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    Object.assign(filter, { endpoint: endpoint.value.trim(), reason: reason.value, eventType: eventType.value.trim(),
      since: since.value ? new Date(since.value).toISOString() : '' });
    load().catch(e => toast(e.message, 'bad'));
  });
  await Promise.all([load(), drawChart()]);
  const live = document.getElementById('live');
  return openStream(e => {
    const item = { id: e.eventId, endpoint: e.endpoint, receivedAt: e.receivedAt, reason: e.reason, status: e.status, eventType: e.eventType };
    if (items.some(i => i.id === item.id)) return;
    items.unshift(item);
    draw();
    refreshChart();
  }, up => { live.textContent = up ? 'live' : 'offline'; live.className = 'live ' + (up ? 'on' : 'off'); });
}

function shellQuote(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

function verifyCommand(e) {
  const parts = ['webhook verify --scheme ' + shellQuote(e.scheme || 'SCHEME'), "--secret \"$SECRET\""];
  for (const [name, values] of Object.entries(e.headers || {})) {
    for (const v of [].concat(values)) {
      if (String(v).includes('[redacted]')) continue;
      parts.push('-H ' + shellQuote(name + ': ' + v));
    }
  }
  parts.push('--body-file body.json');
  parts.push('--now ' + Math.floor(Date.parse(e.receivedAt) / 1000));
  return parts.join(' \\\n    ');
}

async function eventPage(main, id) {
  const e = await api('GET', '/events/' + encode(id));
  let scheme = '';
  try { scheme = (await api('GET', '/endpoints/' + encode(e.endpoint))).scheme; } catch (ignored) { /* gone */ }
  const command = verifyCommand({ ...e, scheme });
  const body = e.bodyEncoding === 'base64' ? e.body : pretty(e.body || '');
  const headerRows = Object.entries(e.headers || {}).map(([name, v]) => el('tr', {}, el('td', {}, name), el('td', {}, [].concat(v).join(', '))));
  const replay = el('button', { id: 'replay', type: 'button', onclick: handle(async () => {
    const fresh = await api('POST', '/events/' + encode(id) + '/replay');
    toast('Replayed as ' + fresh.id + ': ' + fresh.reason);
    location.hash = '#/events/' + encode(fresh.id);
  }) }, 'Replay');
  const copy = el('button', { id: 'copy-verify', type: 'button', onclick: handle(async () => {
    await navigator.clipboard.writeText(command);
    toast('Copied the webhook verify command');
  }) }, 'Copy webhook verify command');
  main.append(
    el('p', {}, el('a', { href: '#/events' }, '← Inbound events')),
    el('h1', {}, 'Event ', el('code', { id: 'event-id' }, e.id)),
    el('div', { class: 'actions' }, replay, copy),
    el('dl', { class: 'facts', id: 'event-facts' },
      el('dt', {}, 'Endpoint'), el('dd', {}, e.endpoint),
      el('dt', {}, 'Received'), el('dd', {}, when(e.receivedAt)),
      el('dt', {}, 'Outcome'), el('dd', { id: 'event-reason' }, reasonBadge(e.reason), ' ', String(e.status)),
      el('dt', {}, 'Verified'), el('dd', { id: 'event-verified' }, e.verified ? 'yes' : 'no'),
      el('dt', {}, 'Matched key'), el('dd', { id: 'event-key' }, e.matchedKeyId || '—'),
      el('dt', {}, 'Event type'), el('dd', {}, e.eventType || '—'),
      el('dt', {}, 'Error'), el('dd', {}, e.error || '—'),
      e.replayOf ? [el('dt', {}, 'Replay of'), el('dd', {}, el('a', { href: '#/events/' + encode(e.replayOf) }, e.replayOf))] : null),
    el('h2', {}, 'Headers'), table(['Name', 'Value'], headerRows, { id: 'event-headers' }),
    el('h2', {}, 'Body', e.bodyTruncated ? ' (truncated)' : ''), el('pre', { id: 'event-body' }, body),
    el('h2', {}, 'Alerts'), el('pre', { id: 'event-alerts' }, JSON.stringify(e.alerts || [], null, 2)),
    el('h2', {}, 'Rendered message'), el('pre', { id: 'event-message' }, e.message || '—'),
    el('h2', {}, 'Actions'), table(['Action', 'Status', 'Detail', 'ms'],
      (e.actions || []).map(a => el('tr', {}, el('td', {}, a.name), el('td', {}, a.status), el('td', {}, a.detail || ''), el('td', {}, String(a.durationMs)))),
      { id: 'event-actions' }),
    el('h2', {}, 'Reproduce the check'), el('pre', { id: 'verify-command' }, command));
}

// ---- Outbound messages ---------------------------------------------------------------------

async function messages(main, id) {
  if (id) return messagePage(main, id);
  const subscription = el('input', { id: 'f-subscription', placeholder: 'any' });
  const status = select('f-status', STATUSES, '');
  const form = el('form', { class: 'filters', id: 'message-filters' },
    field('Subscription', subscription), field('Status', status), el('button', { type: 'submit' }, 'Filter'));
  const redeliverDead = el('button', { id: 'redeliver-dead', type: 'button', onclick: handle(async () => {
    if (!subscription.value.trim()) { toast('Filter by a subscription first', 'bad'); return; }
    const r = await api('POST', '/messages/redeliver', { params: { subscription: subscription.value.trim(), status: 'dead' } });
    toast('Queued ' + r.count + ' dead message(s) again');
    await load();
  }) }, 'Redeliver every dead message of this subscription');
  const tbody = el('tbody', { id: 'messages-body' });
  const chartBox = el('div', { id: 'messages-chart' });
  main.append(el('h1', {}, 'Outbound messages'), chartBox, form, el('div', { class: 'actions' }, redeliverDead),
    el('table', { id: 'messages' }, el('thead', {}, el('tr', {}, ['Created', 'Subscription', 'Event type', 'Status', 'Attempts', 'Message'].map(h => el('th', {}, h)))), tbody));
  async function load() {
    const page = await api('GET', '/messages', { params: { subscription: subscription.value.trim(), status: status.value, limit: 200 } });
    clear(tbody).append(...page.items.map(m => el('tr', { 'data-id': m.id },
      el('td', {}, when(m.createdAt)), el('td', {}, m.subscription), el('td', {}, m.eventType),
      el('td', {}, statusBadge(m.status)), el('td', {}, String(m.attempts)),
      el('td', {}, el('a', { href: '#/messages/' + encode(m.id) }, m.id)))));
    const stats = await api('GET', '/stats', { params: { minutes: CHART_MINUTES } });
    clear(chartBox).append(minuteChart('Delivery attempts', stats, 'delivered'));
  }
  form.addEventListener('submit', ev => { ev.preventDefault(); load().catch(e => toast(e.message, 'bad')); });
  await load();
}

async function messagePage(main, id) {
  const m = await api('GET', '/messages/' + encode(id));
  const attempts = await api('GET', '/messages/' + encode(id) + '/attempts');
  const statusCell = el('dd', { id: 'message-status' }, statusBadge(m.status));
  const redeliver = el('button', { id: 'redeliver', type: 'button', onclick: handle(async () => {
    const again = await api('POST', '/messages/' + encode(id) + '/redeliver');
    clear(statusCell).append(statusBadge(again.status));
    toast('Queued again');
  }) }, 'Redeliver');
  main.append(
    el('p', {}, el('a', { href: '#/messages' }, '← Outbound messages')),
    el('h1', {}, 'Message ', el('code', {}, m.id)),
    el('div', { class: 'actions' }, redeliver),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Subscription'), el('dd', {}, m.subscription),
      el('dt', {}, 'Event type'), el('dd', {}, m.eventType),
      el('dt', {}, 'Status'), statusCell,
      el('dt', {}, 'Next attempt'), el('dd', {}, when(m.nextAttemptAt) || '—')),
    el('h2', {}, 'Attempts'),
    table(['#', 'At', 'Status', 'Outcome', 'Latency ms', 'Response', 'Error'], attempts.items.map(a => el('tr', {},
      el('td', {}, String(a.attempt)), el('td', {}, when(a.at)), el('td', {}, a.status === null ? '—' : String(a.status)),
      el('td', {}, a.outcome), el('td', {}, String(a.latencyMs)), el('td', {}, el('code', {}, a.response || '')),
      el('td', {}, a.error || ''))), { id: 'attempts' }),
    el('h2', {}, 'Body sent'), el('pre', { id: 'message-body' }, pretty(m.body || '')));
}

// ---- Endpoints and subscriptions ------------------------------------------------------------

function jsonEditor(id, initial, onSave) {
  const text = el('textarea', { id, rows: 10, spellcheck: 'false' }, JSON.stringify(initial, null, 2));
  const save = el('button', { type: 'button', onclick: handle(async () => {
    let value;
    try { value = JSON.parse(text.value); } catch (e) { toast('Not JSON: ' + e.message, 'bad'); return; }
    await onSave(value);
  }) }, 'Save');
  return el('div', { class: 'editor' }, text, save);
}

function secretsCell(secrets) {
  return el('ul', { class: 'secrets' }, (secrets || []).map(s => el('li', {},
    el('code', {}, s.id), s.validUntil ? ' valid until ' + when(s.validUntil) : ' (current)', s.active ? '' : ' expired')));
}

async function endpoints(main) {
  const page = await api('GET', '/endpoints', { params: { limit: 500 } });
  const rows = page.items.map(e => {
    const secrets = el('td', { class: 'secrets-cell' }, secretsCell(e.secrets));
    const newSecret = el('input', { type: 'password', placeholder: 'new secret', class: 'rotate-secret', autocomplete: 'off' });
    const grace = el('input', { type: 'number', value: '3600', min: '0', class: 'rotate-grace' });
    const rotate = el('button', { type: 'button', class: 'rotate', onclick: handle(async () => {
      const updated = await api('POST', '/endpoints/' + encode(e.name) + '/secrets',
        { body: { secret: newSecret.value, graceSeconds: Number(grace.value) } });
      newSecret.value = '';
      clear(secrets).append(secretsCell(updated.secrets));
      toast('Rotated; the old secret keeps working for ' + grace.value + ' s');
    }) }, 'Rotate');
    const toggle = el('button', { type: 'button', class: 'toggle', onclick: handle(async () => {
      await api('PATCH', '/endpoints/' + encode(e.name), { body: { enabled: !e.enabled } });
      location.reload();
    }) }, e.enabled ? 'Disable' : 'Enable');
    const edit = el('details', {}, el('summary', {}, 'Edit'),
      jsonEditor('edit-' + e.name, { ...e, secrets: undefined }, async value => {
        await api('PUT', '/endpoints/' + encode(e.name), { body: value });
        toast('Saved ' + e.name);
      }));
    return el('tr', { 'data-name': e.name },
      el('td', {}, e.name), el('td', {}, e.scheme), el('td', {}, e.provider || '—'), el('td', {}, e.enabled ? 'enabled' : 'disabled'),
      secrets, el('td', {}, newSecret, field('grace s', grace), rotate), el('td', {}, toggle, edit));
  });
  main.append(el('h1', {}, 'Endpoints'),
    table(['Name', 'Scheme', 'Provider', 'State', 'Secrets', 'Rotate a secret', ''], rows, { id: 'endpoints' }),
    el('h2', {}, 'Create an endpoint'),
    jsonEditor('create-endpoint', { name: 'orders', scheme: 'hmac-sha256', secrets: ['change-me'] }, async value => {
      await api('POST', '/endpoints', { body: value });
      location.reload();
    }));
}

// GET /subscriptions/{id}/health: the server's success rate over the latest attempts.
function health(h) {
  const r = h.recent;
  const text = r.successRate === null ? '—' : Math.round(100 * r.successRate) + '% of ' + r.attempts + ' attempts';
  return el('span', { 'data-attempts': String(r.attempts), 'data-successes': String(r.successes) }, text,
    r.lastOutcome ? el('small', {}, ' last: ' + r.lastOutcome) : '');
}

async function subscriptions(main) {
  const page = await api('GET', '/subscriptions');
  const rows = await Promise.all(page.items.map(async s => {
    const h = await api('GET', '/subscriptions/' + encode(s.id) + '/health');
    const result = el('span', { class: 'test-result' });
    const test = el('button', { type: 'button', class: 'send-test', onclick: handle(async () => {
      const a = await api('POST', '/subscriptions/' + encode(s.id) + '/test');
      result.textContent = a.outcome + (a.status === null ? '' : ' ' + a.status) + ' in ' + a.latencyMs + ' ms';
    }) }, 'Send test event');
    const toggle = el('button', { type: 'button', class: 'toggle', onclick: handle(async () => {
      await api('PATCH', '/subscriptions/' + encode(s.id), { body: { enabled: !s.enabled } });
      location.reload();
    }) }, s.enabled ? 'Disable' : 'Enable');
    const edit = el('details', {}, el('summary', {}, 'Edit'),
      jsonEditor('edit-' + s.id, { name: s.name, url: s.url, eventTypes: s.eventTypes, enabled: s.enabled, ordered: s.ordered === true }, async value => {
        await api('PATCH', '/subscriptions/' + encode(s.id), { body: value });
        toast('Saved ' + s.id);
      }));
    return el('tr', { 'data-id': s.id },
      el('td', {}, s.id), el('td', {}, s.url), el('td', {}, (s.eventTypes || []).join(', ')),
      el('td', { class: 'state' }, h.enabled ? 'enabled' : 'disabled' + (h.disabledReason ? ': ' + h.disabledReason : '')),
      el('td', { class: 'health' }, health(h)), el('td', {}, secretsCell(s.secrets)),
      el('td', {}, test, result, toggle, edit));
  }));
  main.append(el('h1', {}, 'Subscriptions'),
    table(['Id', 'URL', 'Event types', 'State', 'Recent success', 'Secrets', ''], rows, { id: 'subscriptions' }),
    el('h2', {}, 'Create a subscription'),
    jsonEditor('create-subscription', { id: 'ops', url: 'https://ops.example.com/hooks', eventTypes: ['*'] }, async value => {
      await api('POST', '/subscriptions', { body: value });
      location.reload();
    }));
}

export const pages = { events, messages, endpoints, subscriptions };
