// The console's shell: login, the session, and a hash router over the three pages.
import { json, setSession, ApiError } from './api.js';
import { announce, clear } from './dom.js';
import * as cluster from './cluster.js';
import * as buckets from './buckets.js';
import * as access from './access.js';

const pages = { cluster, buckets, access };
let session = null;
let current = null;

function show(loggedIn) {
  document.getElementById('login').hidden = loggedIn;
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('who').hidden = !loggedIn;
  document.getElementById('nav-cluster').hidden = !(session && session.admin);
}

async function route() {
  if (current && current.leave) current.leave();
  current = null;
  const page = clear(document.getElementById('page'));
  if (!session) return;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const fallback = session.admin ? 'cluster' : 'buckets';
  const chosen = pages[name] ? name : fallback;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.id === 'nav-' + chosen) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  current = pages[chosen];
  try {
    await current.render(page, session, rest.map(decodeURIComponent));
  } catch (e) {
    announce(e.message);
  }
}

async function start() {
  try {
    session = await json('GET', '/api/session');
  } catch (e) {
    session = null;
  }
  setSession(session);
  if (session) document.getElementById('who-key').textContent = 'Logged in as ' + session.accessKeyId;
  show(!!session);
  if (!session) document.getElementById('login-key').focus();
  await route();
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    await json('POST', '/api/login', {
      accessKeyId: form.accessKeyId.value,
      secretAccessKey: form.secretAccessKey.value,
    });
    form.reset();
    announce('Logged in');
    await start();
  } catch (e) {
    announce(e instanceof ApiError && e.status === 403 ? 'Login refused: ' + e.message : e.message);
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  try {
    await json('POST', '/api/logout');
  } finally {
    session = null;
    setSession(null);
    location.hash = '';
    announce('Logged out');
    await start();
  }
});

window.addEventListener('hashchange', route);
start();
