// Talks to the admin API with the bearer token. The token lives in sessionStorage (this tab only),
// arrives from the form or the URL fragment (#token=…), and is only ever sent in the
// Authorization header: never in a URL, so it cannot reach access logs or Referer headers.
const KEY = 'webhookkit.console.token';
const adminPath = document.querySelector('meta[name="webhook-admin-path"]').content;

export class Unauthorized extends Error {}

export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

export function takeTokenFromFragment() {
  const hash = location.hash;
  if (hash.startsWith('#token=')) {
    const token = decodeURIComponent(hash.slice('#token='.length));
    // Drop the fragment from the address bar and the history entry at once.
    history.replaceState(null, '', location.pathname + location.search + '#/events');
    if (token) sessionStorage.setItem(KEY, token);
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: value => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

export async function api(method, path, { params, body } = {}) {
  const headers = { 'Authorization': 'Bearer ' + token.get(), 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(adminPath + path + query(params), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
  });
  if (res.status === 401) throw new Unauthorized('the admin API refused the token');
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = data && data.error ? data.error : { code: 'http_' + res.status, message: res.statusText };
    throw new ApiError(res.status, err.code, err.message);
  }
  return data;
}

export const encode = encodeURIComponent;

// Server-Sent Events over fetch: EventSource cannot send an Authorization header, and a token in
// the stream's URL would be logged. Calls onEvent(json) for each event; reconnects with backoff.
export function openStream(onEvent, onState) {
  let stopped = false;
  let controller;
  let delay = 1000;
  async function connect() {
    controller = new AbortController();
    try {
      const res = await fetch(adminPath + '/events/stream', {
        headers: { 'Authorization': 'Bearer ' + token.get(), 'Accept': 'text/event-stream' },
        signal: controller.signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      });
      if (!res.ok || !res.body) throw new Error('stream answered ' + res.status);
      onState(true);
      delay = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
          if (data) { try { onEvent(JSON.parse(data)); } catch (e) { /* not JSON: a comment or heartbeat */ } }
        }
      }
    } catch (e) {
      if (stopped) return;
    }
    onState(false);
    if (!stopped) { setTimeout(connect, delay); delay = Math.min(delay * 2, 30000); }
  }
  connect();
  return () => { stopped = true; if (controller) controller.abort(); onState(false); };
}
