// Report: the sync log with filters, per-day counts as a chart, each Vtiger id a link to the record in Vtiger.
import { h, clear, outcome, act, field, pager } from './dom.js';
import { get, entityTypes } from './api.js';

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
  let vtigerUrl = null;
  clear(root, h('h2', {}, 'Report'), chart,
    h('form', { id: 'log-filters', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('Type', f.type), field('Result', f.result), field('From', f.from), field('To', f.to),
      field('Magento id', f.magentoId), h('button', { type: 'submit', id: 'log-apply' }, 'Apply')), out, list);

  async function load() {
    const refused = dateRangeProblem(f.from.value, f.to.value);
    if (refused) { out.show(refused, 'error'); clear(list); return; } // the API would answer an empty list
    const q = new URLSearchParams({ limit: '1000' });
    for (const [k, input] of Object.entries(f)) if (input.value.trim()) q.set(k, input.value.trim());
    const body = await act(out, () => get(`/admin/log?${q}`), (b) => `${b.entries.length} entries.`);
    if (!body) return;
    const p = pager(body.entries, 25, (e) => h('tr', {},
      h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.entityType), h('td', {}, e.magentoId),
      h('td', {}, h('span', { class: 'result ' + e.result }, e.result)),
      h('td', { class: 'links' }, Object.entries(e.vtigerIds || {}).map(([module, id]) => link(module, id))),
      h('td', { class: 'error-text' }, e.error || '', (e.notes || []).length
        ? h('ul', { class: 'notes' }, e.notes.map((n) => h('li', {}, n))) : null)), 6);
    clear(list, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Type'),
      h('th', {}, 'Magento id'), h('th', {}, 'Result'), h('th', {}, 'Vtiger records'), h('th', {}, 'Error / notes'))),
    p.tbody), p.controls);
  }

  /** 12x34 in module Contacts → <vtiger>/index.php?module=Contacts&view=Detail&record=34 */
  function link(module, id) {
    const crmid = String(id).includes('x') ? String(id).split('x')[1] : String(id);
    if (!vtigerUrl) return h('span', { class: 'vtiger-id' }, `${module} ${id}`);
    const q = new URLSearchParams({ module, view: 'Detail', record: crmid });
    return h('a', { href: `${vtigerUrl}/index.php?${q}`, target: '_blank', rel: 'noopener noreferrer',
      class: 'vtiger-link' }, `${module} ${id}`);
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
