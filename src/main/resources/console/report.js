// Report: the sync log with filters, per-day counts as a chart, each entity by the name it had when synced, each
// Vtiger record a link to it in Vtiger by its name; a row opens what the sync wrote (field, before → after), an
// entity's name opens its history (every sync of it, newest first). A dead entry whose entity is still a dead letter
// in the queue can be retried from here. The list is paged by the API (a page per request, newest first; Next and
// Previous by cursor) and its first page refreshes by itself while shown (live.js), keeping its filters, sort and the
// opened entry.
import { h, clear, outcome, act, field } from './dom.js';
import { get, post, entityTypes } from './api.js';
import { grid } from './grid.js';
import { live } from './live.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = { synced: 'bar-synced', failed: 'bar-failed', dead: 'bar-dead', skipped: 'bar-skipped' };

export function reportScreen(root) {
  const f = {
    type: h('select', { id: 'log-type' }, h('option', { value: '' }, 'any type')),
    result: h('select', { id: 'log-result' }, ['', 'synced', 'failed', 'dead', 'skipped']
      .map((t) => h('option', { value: t }, t || 'any result'))),
    from: h('input', { type: 'date', id: 'log-from' }),
    to: h('input', { type: 'date', id: 'log-to' }),
    magentoId: h('input', { type: 'text', id: 'log-magentoId' }),
  };
  const out = outcome('log-outcome');
  const liveLine = h('p', { class: 'hint', id: 'log-live' });
  const chart = h('div', { id: 'log-chart' });
  const list = h('div', { id: 'log-list' });
  const detail = h('section', { id: 'log-detail', class: 'card', hidden: true });
  const history = h('section', { id: 'log-history', class: 'card', hidden: true });
  const q = h('input', { type: 'search', id: 'log-search', placeholder: 'e-mail, name, SKU, order or invoice number, id' });
  const entries = logGrid('log-grid', () => { last = null; poller.now(); });
  let vtigerUrl = null;
  let magentoAdmin = null; // the admin URL, when set (Configuration), and each type's page below it
  const adminPages = {};
  let deadKeys = new Set();
  let asked = null; // what the list shows: { path, params, said(entries, next) → the outcome's text, fresh }
  let last = null;
  clear(root, h('h2', {}, 'Report'), chart,
    h('form', { id: 'log-search-form', onsubmit: (e) => { e.preventDefault(); search(); } },
      field('Search', q), h('button', { type: 'submit', id: 'log-search-run' }, 'Search')),
    h('form', { id: 'log-filters', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('Type', f.type), field('Result', f.result), field('From', f.from), field('To', f.to),
      field('Magento id', f.magentoId), h('button', { type: 'submit', id: 'log-apply' }, 'Apply'),
      h('button', { type: 'button', id: 'log-conflicts', title: 'Entries where both systems changed a field',
        onclick: conflicts }, 'Conflicts')), liveLine, out,
    history, detail, list);

  function load() {
    const refused = dateRangeProblem(f.from.value, f.to.value);
    if (refused) { out.show(refused, 'error'); asked = null; clear(list); return; } // the API would answer none
    const params = {};
    for (const [k, input] of Object.entries(f)) if (input.value.trim()) params[k] = input.value.trim();
    ask('/admin/log', params, (found, next) => `${found.length} entries.${next ? ' More on the next page.' : ''}`);
  }

  /** The entries a term finds (GET /admin/search): over all the log keeps, a page per Query of keys made for it. */
  function search() {
    const term = q.value.trim();
    if (!term) { load(); return; }
    ask('/admin/search', { q: term },
      (found, next) => `${found.length} entries found for "${term}"${next ? ' on this page' : ''}.`);
  }

  /**
   * The entries with a two-way conflict (GET /admin/log/conflicts): a page per Query of the copies made for them, over
   * all the log keeps; the other filters do not apply.
   */
  function conflicts() {
    ask('/admin/log/conflicts', {},
      (found, next) => `${found.length} entries with a conflict${next ? ' on this page' : ''}.`);
  }

  /** Another list: from its first page, fetched at once and then kept fresh by the poll. */
  function ask(path, params, said) {
    history.hidden = true; // an entity's history and an opened entry belong to the list asked before
    detail.hidden = true;
    asked = { path, params, said, fresh: true };
    last = null;
    entries.reset();
    out.show('Working…', 'busy');
    poller.now();
  }

  /**
   * One look at the page asked, and at which of its dead entries are still dead letters; answers whether anything
   * changed (live.js backs off). A later page is read when it is asked for, not polled: its rows would not move.
   */
  async function refresh() {
    const now = asked;
    if (!now) return false;
    if (last !== null && !entries.onFirstPage()) {
      liveLine.textContent = 'Not refreshing while a later page is shown; the first page refreshes by itself.';
      return false;
    }
    let body;
    try {
      body = await get(`${now.path}?${new URLSearchParams({ ...now.params, ...entries.query() })}`);
      await loadDeadKeys(body.entries);
    } catch (err) {
      out.fail(err);
      throw err;
    }
    if (now !== asked) return true; // another list was asked meanwhile; its own refresh follows
    liveLine.textContent = `Refreshes by itself · checked ${new Date().toLocaleTimeString()}`;
    if (now.fresh) { out.show(now.said(body.entries, body.next), 'ok'); now.fresh = false; }
    const seen = JSON.stringify([body.entries, body.next, [...deadKeys]]);
    if (seen === last) return false;
    last = seen;
    if (list.firstChild !== entries.el) clear(list, entries.el);
    entries.update(body.entries, body.next);
    return true;
  }

  /**
   * Which dead entries of the page are of entities still dead letters in the queue (only those can be retried):
   * one read of those entities' queue items, not of the whole dead list.
   */
  async function loadDeadKeys(shown) {
    const keys = [...new Set(shown.filter((e) => e.result === 'dead').map((e) => e.entityKey))].slice(0, 100);
    if (!keys.length) { deadKeys = new Set(); return; }
    try {
      const body = await get(`/admin/queue?${new URLSearchParams({ status: 'dead', keys: keys.join(',') })}`);
      deadKeys = new Set(body.items.map((i) => i.entityKey));
    } catch (err) {
      deadKeys = new Set(); // no Retry buttons; the log itself still shows
    }
  }

  /** POST /admin/queue/{entityKey}/retry; a 404 (no longer queued) or 409 (not dead) is said in the API's words. */
  async function retry(entityKey) {
    await act(out, () => post(`/admin/queue/${encodeURIComponent(entityKey)}/retry`),
      `${entityKey} is pending again in the queue.`);
    poller.now(); // the Retry goes (or stays, if it is still dead) with the next look at the queue
  }

  /**
   * Entries as a grid: sortable columns, 25/50/100 a page; a click on a row (not on a link in it) opens it. With
   * onPage, the pages are the API's (see grid.js).
   */
  function logGrid(id, onPage = null) {
    const opens = (e) => (ev) => {
      if ((ev.type === 'click' || ev.key === 'Enter') && !ev.target.closest('a, button')) open(e);
    };
    return grid({ id, onPage, rowKey: (e) => `${e.at} ${e.entityKey}`,
      rowAttrs: (e) => ({ class: 'log-entry', tabindex: '0', 'data-entity': e.entityKey || '', onclick: opens(e),
        onkeydown: opens(e) }),
      columns: [
        { key: 'time', label: 'Time', sort: (e) => e.at, cell: (e) => new Date(e.at).toLocaleString() },
        { key: 'type', label: 'Type', sort: (e) => e.entityType, cell: (e) => e.entityType },
        { key: 'entity', label: 'Entity', sort: (e) => e.label || e.magentoId, cell: entityCell },
        { key: 'result', label: 'Result', sort: (e) => e.result, cell: (e) => [
          h('span', { class: 'result ' + e.result }, e.result), ' ', retryButton(e)] },
        { key: 'links', label: 'Vtiger records', cell: (e) => Object.entries(e.vtigerIds || {})
          .map(([module, vid]) => link(module, vid, (e.vtigerNames || {})[module])) },
        { key: 'error-text', label: 'Error / notes', sort: (e) => e.error || '', cell: (e) => [e.error || '',
          (e.notes || []).length ? h('ul', { class: 'notes' }, e.notes.map((n) => h('li', {}, n))) : null] },
      ] });
  }

  /** The entity by its label (a button that opens its history) and its Magento id. */
  function entityCell(e) {
    return [h('button', { type: 'button', class: 'history-link', title: 'Every sync of it',
      onclick: () => showHistory(e.entityKey, e.label) }, e.label || `#${e.magentoId}`),
    e.label ? h('span', { class: 'magento-id' }, ` ${e.magentoId}`) : null];
  }

  /** A dead entry's Retry, while its entity is a dead letter in the queue. */
  function retryButton(e) {
    if (e.result !== 'dead' || !deadKeys.has(e.entityKey)) return null;
    return h('button', { type: 'button', class: 'retry-dead', title: 'Back to the queue, due now',
      onclick: () => retry(e.entityKey) }, 'Retry');
  }

  /** What one sync wrote: per module and field, the value before (what the sync wrote last) and after. */
  function open(e) {
    const changes = e.changes || [];
    detail.hidden = false;
    clear(detail, h('h3', {}, `${e.entityType} ${e.label || e.magentoId} · ${e.result} · `
      + new Date(e.at).toLocaleString()),
    changes.length ? h('table', { class: 'grid changes', id: 'log-changes' }, h('thead', {}, h('tr', {},
      h('th', {}, 'Module'), h('th', {}, 'Field'), h('th', {}, 'Before'), h('th', {}, ''), h('th', {}, 'After'))),
    h('tbody', {}, changes.map((c) => h('tr', { class: 'change' }, h('td', {}, c.module), h('td', {}, c.field),
      h('td', { class: 'before' }, c.before ?? '(not written before)'), h('td', {}, '→'),
      h('td', { class: 'after' }, c.after ?? '(empty)', c.cut ? ' (cut to 500 characters)' : '')))))
      : h('p', { class: 'muted' }, 'No field written.'),
    conflictList(e.notes || []),
    otherNotes(e.notes || []).length ? h('ul', { class: 'notes' }, otherNotes(e.notes).map((n) => h('li', {}, n)))
      : null,
    h('p', { class: 'muted' }, '"Before" is what this sync wrote last; an edit made in Vtiger since is not seen.'),
    h('button', { type: 'button', id: 'log-detail-close', onclick: () => { detail.hidden = true; } }, 'Close'));
    detail.scrollIntoView({ block: 'nearest' });
  }

  /** Every sync of one entity, newest first (GET /admin/history/{entityKey}), a page per request. */
  async function showHistory(entityKey, label) {
    if (!entityKey) return;
    history.hidden = false;
    const hout = outcome('history-outcome');
    const syncs = logGrid('log-history-grid', () => page());
    clear(history, h('h3', {}, `History of ${label || entityKey}`), magentoLink(entityKey), hout, syncs.el,
      h('button', { type: 'button', id: 'log-history-close', onclick: () => { history.hidden = true; } }, 'Close'));
    async function page() {
      const path = `/admin/history/${encodeURIComponent(entityKey)}?${new URLSearchParams(syncs.query())}`;
      const body = await act(hout, () => get(path),
        (b) => `${b.entries.length} syncs of ${entityKey}, newest first${b.next ? '; more on the next page' : ''}.`);
      if (body) syncs.update(body.entries, body.next);
    }
    await page();
  }

  /**
   * customer#42 → <admin URL>/customer/index/edit/id/42/, when the admin URL is set and the type has a page there
   * whose id is the entity's (numeric; not an order keyed by its increment id, not a product keyed by its SKU).
   */
  function magentoLink(entityKey) {
    const hash = entityKey.indexOf('#');
    const page = adminPages[entityKey.slice(0, hash)];
    const id = entityKey.slice(hash + 1);
    if (!magentoAdmin || !page || !/^\d+$/.test(id)) return null;
    return h('p', {}, h('a', { id: 'history-magento', href: `${magentoAdmin}/${page.replace('{id}', id)}`,
      target: '_blank', rel: 'noopener noreferrer' }, 'Open in the Magento admin'));
  }

  /** 12x34 in module Contacts → <vtiger>/index.php?module=Contacts&view=Detail&record=34 */
  function link(module, id, name) {
    const crmid = String(id).includes('x') ? String(id).split('x')[1] : String(id);
    const text = name ? `${module}: ${name}` : `${module} ${id}`;
    if (!vtigerUrl) return h('span', { class: 'vtiger-id', title: `${module} ${id}` }, text);
    const q = new URLSearchParams({ module, view: 'Detail', record: crmid });
    return h('a', { href: `${vtigerUrl}/index.php?${q}`, target: '_blank', rel: 'noopener noreferrer',
      class: 'vtiger-link', title: `${module} ${id}` }, text);
  }

  async function loadChart() {
    try {
      const d = await get('/admin/log/daily?days=14');
      clear(chart, barChart(d.days));
    } catch (err) { clear(chart, h('p', { class: 'outcome error' }, err.message)); }
  }

  const poller = live(refresh, { onState: (state) => {
    if (state === 'paused') liveLine.textContent = 'Paused while the tab is hidden.';
  } });
  get('/admin/connection').then((c) => {
    const url = (c.vtiger && c.vtiger.url) || '';
    if (/^https?:\/\//i.test(url)) vtigerUrl = url.replace(/\/webservice\.php$/i, '').replace(/\/+$/, '');
    const admin = (c.magento && c.magento.adminUrl) || '';
    if (/^https?:\/\//i.test(admin)) magentoAdmin = admin.replace(/\/+$/, '');
  }).catch(() => {}).finally(load);
  loadChart();
  // The type filter's options (and each type's admin page): every entity type of the registry.
  entityTypes().then((r) => {
    r.entities.forEach((e) => { if (e.adminPage) adminPages[e.type] = e.adminPage; });
    f.type.append(...r.entities.map((e) => h('option', { value: e.type }, e.type)));
  }).catch((err) => out.fail(err));
  return { stop: () => poller.stop() };
}

const CONFLICT_NOTE = 'conflict on ';

/**
 * The entry's conflicts (two-way sync: a field both systems changed), one item each: the field, both values with
 * their times, the last agreed value, the rule and the value kept, as the sync worded them (text only).
 */
function conflictList(notes) {
  const found = notes.filter((n) => n.startsWith(CONFLICT_NOTE));
  if (!found.length) return null;
  return h('div', { id: 'log-detail-conflicts' }, h('h4', {}, `Conflicts (${found.length})`),
    h('ul', { class: 'conflicts' }, found.map((n) => h('li', { class: 'conflict' }, n.slice(CONFLICT_NOTE.length)))));
}

function otherNotes(notes) {
  return notes.filter((n) => !n.startsWith(CONFLICT_NOTE));
}

/** Why a From/To pair asks for nothing (From after To), or null. Dates are yyyy-mm-dd, so they sort as text. */
function dateRangeProblem(from, to) {
  if (!from || !to || from <= to) return null;
  return `From (${from}) is later than To (${to}): no day is in that range; swap them or change one.`;
}

/** Stacked bars per day, drawn as SVG elements (no inline styles: the CSP allows none). */
function barChart(days) {
  const width = 640; const height = 160; const pad = 20;
  const max = Math.max(1, ...days.map((d) => d.synced + d.failed + d.dead + d.skipped));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + pad}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const step = width / Math.max(days.length, 1);
  days.forEach((d, i) => {
    let y = height;
    for (const k of ['synced', 'failed', 'dead', 'skipped']) {
      const hgt = (d[k] / max) * (height - 10);
      if (hgt <= 0) continue;
      y -= hgt;
      const rect = document.createElementNS(SVG, 'rect');
      for (const [a, v] of Object.entries({ x: i * step + 4, y, width: step - 8, height: hgt, class: COLORS[k] })) rect.setAttribute(a, v);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${d.day}: ${d[k]} ${k}`;
      rect.append(title);
      svg.append(rect);
    }
    const label = document.createElementNS(SVG, 'text');
    for (const [a, v] of Object.entries({ x: i * step + step / 2, y: height + 14, 'text-anchor': 'middle', class: 'chart-label' })) label.setAttribute(a, v);
    label.textContent = d.day.slice(5);
    svg.append(label);
  });
  const total = days.reduce((n, d) => n + d.synced + d.failed + d.dead + d.skipped, 0);
  return h('figure', { id: 'daily-chart' }, svg, h('figcaption', {}, `Syncs per day, last ${days.length} days: ${total} in all (green synced, amber failed, red dead, grey skipped).`));
}
