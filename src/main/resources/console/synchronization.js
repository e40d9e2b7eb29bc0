// Synchronization: per type Enable + Mode (+ period), the record policy, and "Add all … to queue" (backfill).
// Enable and Mode may be overridden per website or store view (the scope switcher); the rest is the store's.
import { h, clear, outcome, act, field } from './dom.js';
import { get, put, post, del, entityTypes, settingFields } from './api.js';
import { pollSection } from './poll.js';
import { scopeSwitcher, scopeQuery, origin } from './scope.js';

// The settings' fields (each type's row, the record policy), their types, allowed values and limits come from the
// API (GET /admin/settings/fields); only the words the admin reads live here (a field or value without words shows
// its name).
const POLICY_LABELS = {
  alwaysFetch: 'Always fetch the whole entity from Magento',
  firstLink: 'A record found in Vtiger on first sync',
  missingCurrency: 'Order in a currency Vtiger lacks',
  organizationNameWhenTaken: 'Organization name when the name is taken (mapping expression)',
  unstorableCharacter: 'Substitute for characters Vtiger cannot store',
  contactsCreateCustomers: 'Two-way sync: make a Magento customer of a Contact made in Vtiger (by its e-mail)',
};
const CHOICE_LABELS = {
  'magento-wins': 'Magento wins',
  'vtiger-wins': 'Vtiger wins',
  'dead-letter': 'Dead letter (add the currency, then retry)',
  'base-currency': "Write in Magento's base currency",
  immediate: 'Immediately',
  cron: 'Cron Job',
};

export function synchronizationScreen(root) {
  const typesOut = outcome('types-outcome');
  const policyOut = outcome('policy-outcome');
  const tbody = h('tbody');
  const rows = {};
  // The types an admin switches, [name, label], from the registry (drawn once it has loaded).
  let TYPES = [];
  // Each type's fields by name (enabled, mode, periodMinutes), as the API declares them.
  let typeFields = {};
  function drawTypes(registry, fields) {
    TYPES = registry.entities.flatMap((e) => e.syncTypes.map((t) => [t.name, t.label]));
    typeFields = Object.fromEntries((fields.types || []).map((f) => [f.name, f]));
    const modeField = typeFields.mode || { choices: [] };
    const periodField = typeFields.periodMinutes || {};
    for (const [key, label] of TYPES) {
      const enabled = h('input', { type: 'checkbox', id: `enabled-${key}` });
      const mode = h('select', { id: `mode-${key}` },
        (modeField.choices || []).map((c) => h('option', { value: c }, CHOICE_LABELS[c] || c)));
      const period = h('input', { type: 'number', min: periodField.min, max: periodField.max, id: `period-${key}`,
        class: 'period' });
      mode.addEventListener('change', () => { period.disabled = scoped() || mode.value !== 'cron'; });
      const enabledFrom = h('span', { class: 'scope scope-enabled' });
      const modeFrom = h('span', { class: 'scope scope-mode' });
      const override = h('button', { type: 'button', class: 'override', onclick: () => startOverride(key) },
        'Override');
      const inherit = h('button', { type: 'button', class: 'inherit', onclick: () => useInherited(key, label) },
        'Use inherited');
      const actions = h('td', { class: 'scope-actions' }, override, inherit);
      const tr = h('tr', { 'data-type': key }, h('th', {}, label), h('td', {}, enabled, ' ', enabledFrom),
        h('td', {}, mode, ' ', modeFrom), h('td', {}, period, ' min'), actions);
      rows[key] = { tr, enabled, mode, period, enabledFrom, modeFrom, override, inherit, actions, loaded: null };
      tbody.append(tr);
    }
  }
  const scoped = () => scope.value() !== 'default';

  /** In a website or store view: an inherited type's inputs are locked until "Override". */
  function startOverride(key) {
    const r = rows[key];
    r.overriding = true;
    r.enabled.disabled = r.mode.disabled = false;
    r.override.hidden = true;
  }

  async function useInherited(key, label) {
    const v = await act(typesOut, () => del(`/admin/settings/${key}${scopeQuery(scope.value())}`),
      `${label} is inherited again in ${scope.value()}.`);
    if (v) fillScoped(v);
  }
  /** A type never saved has every field at its declared default. */
  function typeDefaults() {
    return Object.fromEntries(Object.values(typeFields).map((f) => [f.name, f.default]));
  }
  const policy = {};
  const policyFields = h('div', { id: 'policy-fields' });
  const policySave = h('button', { type: 'submit', id: 'save-policy' }, 'Save record policy');

  const scope = scopeSwitcher(() => load());
  const scopeHint = h('p', { id: 'settings-scope-hint', class: 'hint' });
  const backfillBox = h('div', { id: 'backfills' });
  const poll = pollSection();
  const drainInfo = h('p', { id: 'drain-estimate', class: 'hint' });
  clear(root, h('h2', {}, 'Synchronization'), scope.el, scopeHint,
    h('form', { id: 'types-form', onsubmit: (e) => { e.preventDefault(); saveTypes(); } },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Type'), h('th', {}, 'Enable'), h('th', {}, 'Sync mode'),
        h('th', {}, 'Period'), h('th', {}, ''))), tbody),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-types' }, 'Save'))),
    typesOut,
    h('h3', {}, 'Record policy'),
    h('form', { id: 'policy-form', onsubmit: (e) => { e.preventDefault(); savePolicy(); } },
      policyFields,
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-policy' }, 'Save record policy'))),
    policyOut,
    poll.el,
    h('h3', {}, 'Add all to queue'), backfillBox, drainInfo);

  function fill(s) {
    scopeHint.textContent = '';
    policySave.disabled = false;
    for (const [key] of TYPES) {
      const t = (s.types || {})[key] || typeDefaults();
      const r = rows[key];
      r.enabled.checked = t.enabled;
      r.mode.value = t.mode;
      r.period.value = t.periodMinutes;
      r.period.disabled = t.mode !== 'cron';
      r.enabled.disabled = r.mode.disabled = false;
      r.enabledFrom.textContent = r.modeFrom.textContent = '';
      r.actions.hidden = true;
      r.tr.removeAttribute('data-overridden');
    }
    const r = s.records || {};
    for (const [name, input] of Object.entries(policy)) {
      if (input.type === 'checkbox') input.checked = Boolean(r[name]);
      else input.value = r[name] === undefined || r[name] === null ? '' : r[name];
    }
  }

  /**
   * A website's or store view's view (GET /admin/settings?scope=): each type's values in force there and, for Enable
   * and Mode, the scope that sets them. The period, the record policy and the sources stay the store's.
   */
  function fillScoped(v) {
    scopeHint.textContent = `In ${v.scope} only Enable and Sync mode are set; the period, the record policy, the`
      + ' sources and the connection are the same in every website.';
    policySave.disabled = true;
    for (const [key] of TYPES) {
      const t = (v.types || {})[key];
      const r = rows[key];
      if (!t) continue;
      r.loaded = t;
      r.overriding = false;
      r.enabled.checked = t.enabled;
      r.mode.value = t.mode;
      r.period.value = t.periodMinutes;
      r.period.disabled = true;
      r.actions.hidden = false;
      if (!t.perWebsite) {
        r.enabled.disabled = r.mode.disabled = true;
        r.enabledFrom.textContent = 'the same in every website';
        r.modeFrom.textContent = '';
        r.override.hidden = r.inherit.hidden = true;
        continue;
      }
      const from = (f) => origin(f.scope, f.inherited);
      r.enabledFrom.textContent = from(t.from.enabled);
      r.modeFrom.textContent = from(t.from.mode);
      const own = !t.from.enabled.inherited || !t.from.mode.inherited;
      r.tr.setAttribute('data-overridden', String(own));
      r.enabled.disabled = r.mode.disabled = !own;
      r.override.hidden = own;
      r.inherit.hidden = !own;
    }
  }

  /** The settings of the scope picked: the store's as always in Default Config, else the scope's view. */
  function load() {
    const q = scopeQuery(scope.value());
    return act(typesOut, () => get(`/admin/settings${q}`), 'Settings loaded.')
      .then((s) => s && (q ? fillScoped(s) : fill(s)));
  }

  /** One input per record policy field, as the API describes it. */
  function drawPolicy(fields) {
    for (const f of fields.records || []) {
      const id = `policy-${f.name}`;
      if (f.type === 'boolean') policy[f.name] = h('input', { type: 'checkbox', id });
      else if (f.type === 'choice') {
        policy[f.name] = h('select', { id },
          (f.choices || []).map((c) => h('option', { value: c }, CHOICE_LABELS[c] || c)));
      } else {
        policy[f.name] = h('input', { type: 'text', id, class: f.type === 'expression' ? 'wide' : null,
          maxlength: f.maxLength });
      }
      policyFields.append(field(POLICY_LABELS[f.name] || f.name, policy[f.name]));
    }
  }

  async function saveTypes() {
    if (scoped()) return saveScoped();
    const types = {};
    for (const [key] of TYPES) {
      const r = rows[key];
      types[key] = { enabled: r.enabled.checked, mode: r.mode.value,
        periodMinutes: Number(r.period.value) || typeDefaults().periodMinutes };
    }
    const s = await act(typesOut, () => put('/admin/settings', { types }), 'Saved.');
    if (s) fill(s);
  }

  /** In a scope: what each overridden type sets there, the fields changed or already its own. */
  async function saveScoped() {
    const types = {};
    for (const [key] of TYPES) {
      const r = rows[key];
      const t = r.loaded;
      if (!t || !t.perWebsite || (r.enabled.disabled && !r.overriding)) continue;
      const change = {};
      if (!t.from.enabled.inherited || r.enabled.checked !== t.enabled) change.enabled = r.enabled.checked;
      if (!t.from.mode.inherited || r.mode.value !== t.mode) change.mode = r.mode.value;
      if (Object.keys(change).length) types[key] = change;
    }
    if (!Object.keys(types).length) {
      typesOut.show('Nothing overridden in this scope: press Override on a type, change it, then Save.', 'ok');
      return;
    }
    const v = await act(typesOut, () => put(`/admin/settings${scopeQuery(scope.value())}`, { types }),
      `Saved in ${scope.value()}.`);
    if (v) fillScoped(v);
  }

  async function savePolicy() {
    const records = {};
    for (const [name, input] of Object.entries(policy)) {
      records[name] = input.type === 'checkbox' ? input.checked : input.value;
    }
    const s = await act(policyOut, () => put('/admin/settings', { records }), 'Record policy saved.');
    if (s) fill(s);
  }

  // The policy's inputs and the types' rows first, so that the loaded settings have somewhere to go.
  let backfills = [];
  act(typesOut, async () => {
    const [registry, fields] = await Promise.all([entityTypes(), settingFields()]);
    drawTypes(registry, fields);
    drawPolicy(fields);
    // "Add all … to queue" for every type Magento's REST API lists.
    backfills = registry.entities.filter((e) => e.searchable).map((e) => backfill(`${e.type}s`, e.label.toLowerCase()));
    backfills.forEach((b) => backfillBox.append(b.el));
    return get('/admin/settings');
  }, 'Settings loaded.').then((s) => s && fill(s));
  const drain = drainEstimate(drainInfo);
  return { stop() { backfills.forEach((b) => b.stop()); drain.stop(); poll.stop(); } };
}

/**
 * One "Add all … to queue" row: calls the backfill until it is done, showing its progress as it goes.
 * type: the route's plural ("creditmemos"); what: what the admin reads ("credit memos").
 */
function backfill(type, what) {
  const bar = h('progress', { id: `backfill-${type}-bar`, max: 1, value: 0 });
  const text = h('span', { id: `backfill-${type}-text`, class: 'progress-text' });
  const out = outcome(`backfill-${type}-outcome`);
  const run = h('button', { type: 'button', id: `backfill-${type}`, onclick: () => go(false) }, `Add all ${what} to queue`);
  const restart = h('button', { type: 'button', id: `backfill-${type}-restart`, onclick: () => go(true) }, 'Restart');
  let stopped = false;
  let running = false;

  function draw(p) {
    const total = Number(p.total) || 0;
    bar.max = Math.max(total, 1);
    bar.value = p.status === 'done' ? bar.max : Math.min(Number(p.queued) || 0, bar.max);
    const pages = total ? Math.ceil(total / (p.pageSize || 100)) : 0;
    const pagesDone = p.status === 'done' ? pages : Math.max(0, (p.nextPage || 1) - 1);
    text.textContent = `${p.queued || 0} / ${total} queued · page ${pagesDone} of ${pages} · ${p.status}`;
    run.textContent = p.status === 'running' ? `Resume adding ${what}` : `Add all ${what} to queue`;
  }

  async function go(fromStart) {
    if (running) return;
    running = true;
    run.disabled = restart.disabled = true;
    out.show('Working…', 'busy');
    try {
      let p = await post(`/admin/backfill/${type}${fromStart ? '?restart=true' : ''}`);
      draw(p);
      while (p.status !== 'done' && !stopped) {
        p = await post(`/admin/backfill/${type}`);
        draw(p);
      }
      if (p.status === 'done') out.show(`Done: ${p.queued} ${what} queued.`, 'ok');
    } catch (err) {
      out.fail(err);
    } finally {
      running = false;
      run.disabled = restart.disabled = false;
    }
  }

  get(`/admin/backfill/${type}`).then(draw).catch((err) => out.fail(err));
  const el = h('div', { class: 'backfill', id: `backfill-${type}-row` }, h('div', { class: 'actions' }, run, restart),
    bar, text, out);
  return { el, stop() { stopped = true; } };
}

/** When the queue should be empty, from how fast its pending count has been falling while this page is open. */
function drainEstimate(el) {
  const samples = [];
  let timer = null;
  let stopped = false;
  async function tick() {
    try {
      const c = await get('/admin/queue/counts');
      const now = Date.now();
      samples.push({ at: now, pending: c.pending });
      while (samples.length > 20) samples.shift();
      const first = samples[0];
      const rate = samples.length > 1 ? (first.pending - c.pending) / ((now - first.at) / 1000) : 0;
      if (c.pending === 0) el.textContent = 'Queue drained: nothing pending.';
      else if (rate > 0) {
        const eta = new Date(now + (c.pending / rate) * 1000);
        el.textContent = `${c.pending} pending, draining at ${(rate * 60).toFixed(0)}/min: empty by about ${eta.toLocaleTimeString()}.`;
      } else el.textContent = `${c.pending} pending; the drain runs every minute (estimate once it has started).`;
    } catch (err) {
      el.textContent = err.message;
    }
    if (!stopped) timer = setTimeout(tick, 3000);
  }
  tick();
  return { stop() { stopped = true; clearTimeout(timer); } };
}
