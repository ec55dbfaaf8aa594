import { takeTokenFromFragment, token, Unauthorized } from './api.js';
import { el, clear, field } from './dom.js';
import { pages } from './pages.js';

// Routes: #/events, #/events/ID, #/messages, #/messages/ID, #/endpoints, #/subscriptions.
const main = document.getElementById('main');
let leave = () => {};

document.getElementById('logout').addEventListener('click', () => { token.clear(); route(); });
window.addEventListener('hashchange', route);
route();

function route() {
  // A #token= fragment can also arrive on an open page (a pasted link changes only the hash).
  takeTokenFromFragment();
  leave();
  leave = () => {};
  if (!token.get()) { login(); return; }
  const [, page = 'events', id] = (location.hash || '#/events').split('/').map(decodeURIComponent);
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page);
  const render = pages[page] || pages.events;
  clear(main);
  Promise.resolve(render(main, id)).then(cleanup => { if (typeof cleanup === 'function') leave = cleanup; })
    .catch(fail);
}

function fail(e) {
  if (e instanceof Unauthorized) { token.clear(); login('That token was refused.'); return; }
  clear(main).append(el('p', { class: 'error' }, 'Error: ' + e.message));
}

function login(problem) {
  clear(main);
  const input = el('input', { type: 'password', id: 'token', autocomplete: 'off', required: true });
  const form = el('form', { id: 'login', class: 'card' },
    el('h1', {}, 'Sign in'),
    el('p', {}, 'Paste the admin API token. It stays in this tab and is sent only as an Authorization header.'),
    problem ? el('p', { class: 'error' }, problem) : null,
    field('Admin token', input),
    el('button', { type: 'submit' }, 'Open console'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    token.set(input.value.trim());
    if (!location.hash.startsWith('#/')) location.hash = '#/events'; else route();
  });
  main.append(form);
  input.focus();
}

export { fail };
