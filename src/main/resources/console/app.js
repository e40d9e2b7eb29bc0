// The console's shell: sign-in, then one screen at a time, chosen by the address's #fragment.
import { h, clear, outcome } from './dom.js';
import { configure, signedIn, useToken, signOut, signOutEverywhere, startCognito, finishCognito } from './auth.js';
import { get, setApiBase } from './api.js';
import { configurationScreen } from './configuration.js';
import { synchronizationScreen } from './synchronization.js';
import { mappingScreen } from './mapping.js';
import { queueScreen } from './queue.js';
import { reportScreen } from './report.js';
import { watchPause, stopWatchingPause } from './pause.js';

const SCREENS = {
  configuration: configurationScreen,
  synchronization: synchronizationScreen,
  mapping: mappingScreen,
  queue: queueScreen,
  report: reportScreen,
};

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let config = { auth: 'token' };
let current = null;

async function start() {
  const res = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
  config = await res.json();
  configure(config);
  setApiBase(config.apiBase || '');
  document.getElementById('sign-out').addEventListener('click', () => signOutEverywhere());
  window.addEventListener('hashchange', show);
  if (config.auth === 'cognito') {
    try { await finishCognito(); } catch (err) { return signInPage(err.message); }
  }
  show();
}

function signInPage(message) {
  nav.hidden = true;
  stopWatchingPause();
  const out = outcome('sign-in-outcome');
  if (message) out.show(message, 'error');
  if (config.auth === 'cognito') {
    clear(main, h('section', { class: 'sign-in' }, h('h2', {}, 'Sign in'),
      h('p', {}, 'Admins sign in with the user pool of this deployment.'),
      h('button', { type: 'button', id: 'cognito-sign-in', onclick: () => startCognito() }, 'Sign in'), out));
    return;
  }
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', required: true });
  const form = h('form', { id: 'sign-in', onsubmit: async (e) => {
    e.preventDefault();
    useToken(input.value);
    try {
      await get('/admin/settings');
      show();
    } catch (err) {
      signOut();
      out.fail(err);
    }
  } },
  h('label', { class: 'field' }, h('span', {}, 'Local admin token (MVSYNC_LOCAL_ADMIN_TOKEN)'), input),
  h('button', { type: 'submit' }, 'Sign in'));
  clear(main, h('section', { class: 'sign-in' }, h('h2', {}, 'Sign in'),
    h('p', {}, 'Kept for this tab only (sessionStorage).'), form, out));
}

function show() {
  if (!signedIn()) return signInPage();
  nav.hidden = false;
  watchPause();
  const name = (location.hash || '#configuration').slice(1);
  const screen = SCREENS[name] || configurationScreen;
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.screen === name);
  if (current && current.stop) current.stop();
  const section = h('section', { id: 'screen-' + name, class: 'screen' });
  clear(main, section);
  current = screen(section) || null;
}

start().catch((err) => clear(main, h('p', { class: 'outcome error' }, 'The console could not start: ' + err.message)));
