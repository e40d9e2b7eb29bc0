// Report: the sync log with filters, per-day counts as a chart, each entity by the name it had when synced, each
// Vtiger record a link to it in Vtiger by its name; a row opens what the sync wrote (field, before → after), an
// entity's name opens its history (every sync of it, newest first). A dead entry whose entity is still a dead letter
// in the queue can be retried from here.
import { h, clear, outcome, act, field, pager } from './dom.js';
import { get, post, entityTypes } from './api.js';

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
  const chart = h('div', { id: 'log-chart' });
  const list = h('div', { id: 'log-list' });
  const detail = h('section', { id: 'log-detail', class: 'card', hidden: true });
  const history = h('section', { id: 'log-history', class: 'card', hidden: true });
  const q = h('input', { type: 'search', id: 'log-search', placeholder: 'e-mail, name, SKU, order or invoice number, id' });
  let vtigerUrl = null;
  let deadKeys = new Set();
  let redraw = () => {};
  clear(root, h('h2', {}, 'Report'), chart,
    h('form', { id: 'log-search-form', onsubmit: (e) => { e.preventDefault(); search(); } },
      field('Search', q), h('button', { type: 'submit', id: 'log-search-run' }, 'Search')),
    h('form', { id: 'log-filters', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('Type', f.type), field('Result', f.result), field('From', f.from), field('To', f.to),
      field('Magento id', f.magentoId), h('button', { type: 'submit', id: 'log-apply' }, 'Apply')), out, history,
    detail, list);

  async function load() {
    const refused = dateRangeProblem(f.from.value, f.to.value);
    if (refused) { out.show(refused, 'error'); clear(list); return; } // the API would answer an empty list
    const q = new URLSearchParams({ limit: '1000' });
    for (const [k, input] of Object.entries(f)) if (input.value.trim()) q.set(k, input.value.trim());
    const body = await act(out, () => get(`/admin/log?${q}`), (b) => `${b.entries.length} entries.`);
    if (body) show(body.entries);
  }

  /** The entries in the list, with the queue's dead letters known first (they decide which rows can be retried). */
  async function show(entries) {
    await loadDeadKeys();
    redraw = () => {
      const p = pager(entries, 25, row, 6);
      clear(list, table(p.tbody), p.controls);
    };
    redraw();
  }

  /** The entity keys of the queue's dead letters: only those can be retried (a dead entry may be retried already). */
  async function loadDeadKeys() {
    try {
      const body = await get('/admin/queue?status=dead&limit=1000');
      deadKeys = new Set(body.items.map((i) => i.entityKey));
    } catch (err) {
      deadKeys = new Set(); // no Retry buttons; the log itself still shows
    }
  }

  /** POST /admin/queue/{entityKey}/retry; a 404 (no longer queued) or 409 (not dead) is said in the API's words. */
  async function retry(entityKey) {
    const done = await act(out, () => post(`/admin/queue/${encodeURIComponent(entityKey)}/retry`),
      `${entityKey} is pending again in the queue.`);
    if (done) deadKeys.delete(entityKey);
    else await loadDeadKeys();
    redraw();
  }

  /** Every entry of the entities a term finds (GET /admin/search): over all the log keeps, from keys made for it. */
  async function search() {
    const term = q.value.trim();
    if (!term) { load(); return; }
    const body = await act(out, () => get(`/admin/search?${new URLSearchParams({ q: term, limit: '200' })}`),
      (b) => `${b.entries.length} entries found for "${term}".`);
    if (body) show(body.entries);
  }

  function table(tbody) {
    return h('table', { class: 'grid log-grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Type'),
      h('th', {}, 'Entity'), h('th', {}, 'Result'), h('th', {}, 'Vtiger records'), h('th', {}, 'Error / notes'))),
    tbody);
  }

  /** One entry; a click on the row (not on a link in it) opens what it wrote. */
  function row(e) {
    return h('tr', { class: 'log-entry', tabindex: '0', 'data-entity': e.entityKey || '',
      onclick: (ev) => { if (!ev.target.closest('a, button')) open(e); },
      onkeydown: (ev) => { if (ev.key === 'Enter' && !ev.target.closest('a, button')) open(e); } },
    h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.entityType),
    h('td', { class: 'entity' }, h('button', { type: 'button', class: 'history-link', title: 'Every sync of it',
      onclick: () => showHistory(e.entityKey, e.label) }, e.label || `#${e.magentoId}`),
    e.label ? h('span', { class: 'magento-id' }, ` ${e.magentoId}`) : null),
    h('td', {}, h('span', { class: 'result ' + e.result }, e.result), retryButton(e)),
    h('td', { class: 'links' }, Object.entries(e.vtigerIds || {})
      .map(([module, id]) => link(module, id, (e.vtigerNames || {})[module]))),
    h('td', { class: 'error-text' }, e.error || '', (e.notes || []).length
      ? h('ul', { class: 'notes' }, e.notes.map((n) => h('li', {}, n))) : null));
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
    (e.notes || []).length ? h('ul', { class: 'notes' }, e.notes.map((n) => h('li', {}, n))) : null,
    h('p', { class: 'muted' }, '"Before" is what this sync wrote last; an edit made in Vtiger since is not seen.'),
    h('button', { type: 'button', id: 'log-detail-close', onclick: () => { detail.hidden = true; } }, 'Close'));
    detail.scrollIntoView({ block: 'nearest' });
  }

  /** Every sync of one entity, newest first (GET /admin/history/{entityKey}). */
  async function showHistory(entityKey, label) {
    if (!entityKey) return;
    history.hidden = false;
    const hout = outcome('history-outcome');
    clear(history, h('h3', {}, `History of ${label || entityKey}`), hout);
    const body = await act(hout, () => get(`/admin/history/${encodeURIComponent(entityKey)}?limit=200`),
      (b) => `${b.entries.length} syncs of ${entityKey}, newest first.`);
    if (!body) return;
    const p = pager(body.entries, 25, row, 6);
    history.append(table(p.tbody), p.controls,
      h('button', { type: 'button', id: 'log-history-close', onclick: () => { history.hidden = true; } }, 'Close'));
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

  get('/admin/connection').then((c) => {
    const url = (c.vtiger && c.vtiger.url) || '';
    if (/^https?:\/\//i.test(url)) vtigerUrl = url.replace(/\/webservice\.php$/i, '').replace(/\/+$/, '');
  }).catch(() => {}).finally(load);
  loadChart();
  // The type filter's options: every entity type of the registry.
  entityTypes().then((r) => f.type.append(...r.entities.map((e) => h('option', { value: e.type }, e.type))))
    .catch((err) => out.fail(err));
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
