// Configuration: the Vtiger and Magento connection. Secrets are write-only: the page only learns "set, ends in 1234".
import { h, clear, outcome, act, field } from './dom.js';
import { get, put, post } from './api.js';
import { refreshPause } from './pause.js';

const SECRETS = {
  vtiger: [['accessKey', 'Access key']],
  magento: [['accessToken', 'Access token (Bearer)'], ['consumerKey', 'Consumer key (OAuth 1.0a)'],
    ['consumerSecret', 'Consumer secret'], ['token', 'Access token (OAuth 1.0a)'], ['tokenSecret', 'Token secret']],
};

function secretState(s) {
  if (!s || !s.set) return 'not set';
  return s.last4 ? `set · ends in ${s.last4}` : 'set';
}

export function configurationScreen(root) {
  const out = outcome('connection-outcome');
  const checkOut = outcome('check-outcome');
  const result = h('div', { id: 'check-result' });
  const inputs = { vtiger: {}, magento: {} };
  const text = (system, name, label, type = 'text') => {
    const input = h('input', { type, id: `${system}-${name}`, name, autocomplete: 'off' });
    inputs[system][name] = input;
    return field(label, input);
  };
  const secret = (system, name, label) => {
    const input = h('input', { type: 'password', id: `${system}-${name}`, name, autocomplete: 'new-password' });
    const state = h('small', { class: 'secret-state', id: `${system}-${name}-state` });
    input.state = state;
    inputs[system][name] = input;
    return h('label', { class: 'field' }, h('span', {}, label), input, state);
  };
  const authMode = h('select', { id: 'magento-authMode' }, h('option', { value: 'bearer' }, 'Bearer token'),
    h('option', { value: 'oauth1' }, 'OAuth 1.0a'));
  inputs.magento.authMode = authMode;

  const form = h('form', { id: 'connection-form', onsubmit: (e) => { e.preventDefault(); save(); } },
    h('fieldset', {}, h('legend', {}, 'Vtiger CRM'),
      text('vtiger', 'url', 'URL'), text('vtiger', 'username', 'Username'),
      ...SECRETS.vtiger.map(([n, l]) => secret('vtiger', n, l))),
    h('fieldset', {}, h('legend', {}, 'Magento REST API'),
      text('magento', 'baseUrl', 'Base URL'), text('magento', 'storeCode', 'Store code'),
      text('magento', 'adminUrl', 'Admin URL (optional: links in the Report)'),
      field('Authentication', authMode),
      ...SECRETS.magento.map(([n, l]) => secret('magento', n, l))),
    h('p', { class: 'hint' }, 'A secret left empty keeps its value. Secrets are never shown again.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-connection' }, 'Save'),
      h('button', { type: 'button', id: 'check-connection', onclick: check }, 'Check connection')));

  clear(root, h('h2', {}, 'Configuration'), form, out, checkOut, result);

  function fill(view) {
    for (const system of ['vtiger', 'magento']) {
      const v = view[system] || {};
      for (const [name, input] of Object.entries(inputs[system])) {
        if (input.state) { input.value = ''; input.state.textContent = secretState(v[name]); }
        else input.value = v[name] || (name === 'authMode' ? 'bearer' : '');
      }
    }
  }

  async function load() {
    const view = await act(out, () => get('/admin/connection'), 'Connection settings loaded.');
    if (view) fill(view);
  }

  async function save() {
    const body = { vtiger: {}, magento: {} };
    for (const system of ['vtiger', 'magento']) {
      for (const [name, input] of Object.entries(inputs[system])) {
        if (input.state) { if (input.value !== '') body[system][name] = input.value; }
        else body[system][name] = input.value.trim() === '' ? null : input.value.trim();
      }
    }
    // The API checks the change first and refuses a failing one (409) unless the admin confirms it.
    clear(result);
    out.show('Checking and saving…', 'busy');
    try {
      fill(await put('/admin/connection', body));
      out.show('Saved: the connection checks OK.', 'ok');
      refreshPause();
    } catch (err) {
      if (err.status === 409 && err.body && err.body.error === 'connection_failing') refused(err, body);
      else out.fail(err);
    }
  }

  function refused(err, body) {
    out.show('Not saved: ' + err.message, 'error');
    const report = err.body.check || {};
    const confirm = h('button', { type: 'button', id: 'save-anyway', onclick: async () => {
      const view = await act(out, () => put('/admin/connection?force=true', body),
        'Saved although the check failed: the sync pauses when it meets the failure.');
      if (view) { fill(view); clear(result); refreshPause(); }
    } }, 'Save anyway');
    clear(result, h('div', { class: 'refused', id: 'save-refused' },
      h('p', {}, 'The check of this connection failed, so it was not saved. Fix it, or save it anyway:'),
      confirm, vtigerResult(report.vtiger || {}), magentoResult(report.magento || {})));
  }

  async function check() {
    clear(result);
    const report = await act(checkOut, () => post('/admin/connection/check'), checkSummary);
    if (report) clear(result, vtigerResult(report.vtiger || {}), magentoResult(report.magento || {}));
    refreshPause(); // a stored connection that checks OK ends a pause
  }

  load();
}

/** The check's one line, coloured by its worst part: a failure red, a needed attention amber, else green. */
function checkSummary(r) {
  const v = r.vtiger || {};
  const m = r.magento || {};
  const vtiger = !v.ok ? 'failed' : v.status === 'attention' ? 'connected, needs attention' : 'connected';
  const kind = !v.ok || !m.ok ? 'error' : v.status === 'attention' ? 'warn' : 'ok';
  return { text: `Vtiger: ${vtiger} · Magento: ${m.ok ? 'connected' : 'failed'}`, kind };
}

function status(ok) { return h('strong', { class: ok ? 'pass' : 'fail' }, ok ? 'OK' : 'Failed'); }

// Connected but something to change (a module, the sync user's currency preferences): not a plain OK.
function vtigerStatus(v) {
  return v.status === 'attention' ? h('strong', { class: 'warn' }, 'Needs attention') : status(v.ok);
}

// The sync user's currency preferences: Vtiger rounds every price the sync writes to its decimals.
function currencyResult(c) {
  if (!c) return null;
  const known = c.decimals !== null && c.decimals !== undefined;
  return h('div', { id: 'check-currency' },
    known ? h('p', {}, `Currency preferences of the sync user: ${c.decimals} decimals · decimal separator`
      + ` "${c.decimalSeparator}" · grouping separator "${c.groupingSeparator}" · currency ${c.currency || '?'}`
      + (c.baseCurrency === false ? ' (not the base currency)' : '')) : null,
    (c.warnings || []).length ? h('ul', { class: 'check-warnings' }, (c.warnings || []).map((w) => h('li', {}, w)))
      : null);
}

function vtigerResult(v) {
  const rows = Object.entries(v.modules || {}).map(([module, m]) => h('tr', {},
    h('td', {}, module), h('td', {}, m.accessible ? 'yes' : 'no'),
    h('td', {}, (m.mandatoryUnmapped || []).join(', ') || '—'), h('td', {}, m.message || '')));
  return h('div', { class: 'check', id: 'check-vtiger' },
    h('h3', {}, 'Vtiger ', vtigerStatus(v)),
    h('p', { class: 'check-message' }, v.message || ''),
    v.ok ? h('p', {}, `Vtiger ${v.version || '?'} · signed in as ${v.user || '?'}`) : null,
    currencyResult(v.currency),
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Module'), h('th', {}, 'Accessible'),
      h('th', {}, 'Mandatory fields the mapping leaves unfilled'), h('th', {}, 'Note'))), h('tbody', {}, rows)) : null);
}

function magentoResult(m) {
  return h('div', { class: 'check', id: 'check-magento' },
    h('h3', {}, 'Magento ', status(m.ok)),
    h('p', { class: 'check-message' }, m.message || ''),
    m.ok && m.customers !== null && m.customers !== undefined ? h('p', {}, `${m.customers} customers in the store`) : null);
}
