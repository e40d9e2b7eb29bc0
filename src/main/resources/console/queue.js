// Queue: counts per status and the items of one status, refreshed by itself while shown (live.js). A dead letter
// shows when it failed, its whole error and what its payload is about; retry one, the selected ones or all of them,
// discard the selected ones (each asked in the page first). The list is paged by the API (Next / Previous by cursor,
// the page size its limit); the first page refreshes by itself. A search box narrows the list to the items of the
// entities a term finds in the sync log (GET /admin/queue?q=: one search Query and one read of those items).
import { h, clear, outcome, act, field } from './dom.js';
import { get, post } from './api.js';
import { budgetPanel, loadBudget } from './budget.js';
import { grid } from './grid.js';
import { live } from './live.js';
import { confirmInPage } from './dialog.js';

const STATUSES = [['pending', 'Pending'], ['in_progress', 'In progress'], ['dead', 'Dead']];
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
/** The body fields that say what an entity is, looked for first (any depth: envelopes nest the entity). */
const TELLING = ['increment_id', 'email', 'customer_email', 'sku', 'firstname', 'lastname', 'name'];
const RESULTS = { not_found: 'no longer queued', not_dead: 'not dead (left as it is)' };

/** "email: maria@example.com · firstname: Maria": a few telling fields of the queued body, as text. */
export function payloadSummary(body) {
  let data;
  try { data = JSON.parse(body || '{}'); } catch (e) { return String(body || '').slice(0, 80); }
  const found = new Map();
  const walk = (value, depth) => {
    if (!value || typeof value !== 'object' || depth > 4) return;
    for (const [k, v] of Object.entries(value)) {
      if (TELLING.includes(k) && (typeof v === 'string' || typeof v === 'number') && !found.has(k)) found.set(k, v);
    }
    for (const v of Object.values(value)) walk(v, depth + 1);
  };
  walk(data, 0);
  const fields = TELLING.filter((k) => found.has(k)).slice(0, 3).map((k) => [k, found.get(k)]);
  const parts = fields.length ? fields : Object.entries(data || {}).filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 3);
  return parts.map(([k, v]) => `${k}: ${v}`).join(' · ');
}

export function queueScreen(root) {
  const counts = h('div', { id: 'queue-counts', class: 'counts' });
  const status = h('select', { id: 'queue-status' }, STATUSES.map(([v, l]) => h('option', { value: v }, l)));
  const out = outcome('queue-outcome');
  const liveLine = h('p', { class: 'hint', id: 'queue-live' });
  const budget = budgetPanel();
  const openErrors = new Set();
  const q = h('input', { type: 'search', id: 'queue-search', placeholder: 'e-mail, name, SKU, order or invoice number, id' });
  let found = null; // the term searched (the API answers the items of the entities it finds), or null: every item
  let last = null;
  let said = true; // whether the search's outcome has been said
  const again = () => { last = null; poller.now(); };
  const listing = { pending: pendingTable(), in_progress: pendingTable(), dead: deadTable() };
  const list = h('div', { id: 'queue-list' });
  const retrySelected = h('button', { type: 'button', id: 'retry-selected', onclick: () => selected('retry') },
    'Retry selected');
  const discardSelected = h('button', { type: 'button', id: 'discard-selected', onclick: () => selected('discard') },
    'Discard selected');
  const retryAll = h('button', { type: 'button', id: 'retry-all-dead', onclick: async () => {
    if (await act(out, () => post('/admin/queue/retry-dead'), (r) => `${r.retried} dead letters back in the queue.`)) {
      poller.now();
    }
  } }, 'Retry all dead');
  status.addEventListener('change', () => {
    table().reset();
    last = null;
    said = false;
    poller.now();
  });
  clear(root, h('h2', {}, 'Queue'), counts, budget,
    h('form', { id: 'queue-search-form', onsubmit: (e) => { e.preventDefault(); search(); } },
      field('Search', q), h('button', { type: 'submit', id: 'queue-search-run' }, 'Search')), h('div', { class: 'actions' }, field('Status', status),
    h('button', { type: 'button', id: 'queue-refresh', onclick: () => poller.now() }, 'Refresh'), retryAll,
  retrySelected, discardSelected), liveLine, out, list);

  function table() { return listing[status.value]; }

  /** The items of the entities a term finds in the sync log; an empty term shows every item again. */
  function search() {
    const term = q.value.trim();
    found = term || null;
    if (!found) out.show('Every item of the status shown.', 'ok');
    else out.show('Working…', 'busy');
    table().reset();
    last = null;
    said = false;
    poller.now();
  }

  /** The page asked: of the search (GET /admin/queue?q=), or of the status (limit and cursor from the grid). */
  function listPath(asked) {
    const params = found ? { status: asked, q: found } : { status: asked, ...table().query() };
    return `/admin/queue?${new URLSearchParams(params)}`;
  }

  function deadTable() {
    return grid({ id: 'queue-grid-dead', rowKey: (i) => i.entityKey, selectable: true, onSelect: buttons,
      onPage: again, columns: [
      { key: 'entity', label: 'Entity', sort: (i) => i.label || i.entityKey, cell: entityCell },
      { key: 'summary', label: 'Payload', sort: (i) => payloadSummary(i.body), cell: (i) => payloadSummary(i.body) },
      { key: 'attempts', label: 'Attempts', sort: (i) => i.attempts, cell: (i) => String(i.attempts) },
      { key: 'failed', label: 'Failed at', sort: (i) => i.failedAt || '', cell: (i) => when(i.failedAt) },
      { key: 'error', label: 'Error', sort: (i) => i.lastError || '', cell: errorCell },
      { key: 'retry', label: '', cell: retryButton },
    ] });
  }

  function pendingTable() {
    return grid({ id: 'queue-grid', rowKey: (i) => i.entityKey, onPage: again, columns: [
      { key: 'entity', label: 'Entity', sort: (i) => i.label || i.entityKey, cell: entityCell },
      { key: 'summary', label: 'Payload', sort: (i) => payloadSummary(i.body), cell: (i) => payloadSummary(i.body) },
      { key: 'attempts', label: 'Attempts', sort: (i) => i.attempts, cell: (i) => String(i.attempts) },
      { key: 'due', label: 'Next attempt', sort: (i) => i.dueAt || '', cell: (i) => when(i.dueAt) },
      { key: 'error', label: 'Last error', sort: (i) => i.lastError || '', cell: errorCell },
    ] });
  }

  /** Who the item is about, by the label taken when it was queued (name and e-mail, SKU, order number), and its key. */
  function entityCell(item) {
    return item.label ? h('span', {}, item.label, ' ', h('span', { class: 'muted' }, item.entityKey)) : item.entityKey;
  }

  /** The whole error: a long one folded after its start, opened on a click and kept open across refreshes. */
  function errorCell(item) {
    const error = item.lastError || '';
    if (error.length <= 120) return h('span', { class: 'error-text' }, error);
    const details = h('details', { class: 'error-text', open: openErrors.has(item.entityKey) },
      h('summary', {}, error.slice(0, 100) + '…'), h('p', { class: 'error-full' }, error));
    details.addEventListener('toggle', () => (details.open ? openErrors.add(item.entityKey)
      : openErrors.delete(item.entityKey)));
    return details;
  }

  function retryButton(item) {
    return h('button', { type: 'button', class: 'retry', onclick: async () => {
      if (await act(out, () => post(`/admin/queue/${encodeURIComponent(item.entityKey)}/retry`),
        `${item.entityKey} is pending again.`)) poller.now();
    } }, 'Retry');
  }

  function buttons() {
    const dead = status.value === 'dead';
    const n = dead ? table().selected().length : 0;
    for (const b of [retrySelected, discardSelected]) {
      b.hidden = !dead;
      b.disabled = n === 0;
    }
    retrySelected.textContent = n ? `Retry selected (${n})` : 'Retry selected';
    discardSelected.textContent = n ? `Discard selected (${n})` : 'Discard selected';
  }

  async function selected(action) {
    const ids = table().selected();
    if (!ids.length) return;
    const discard = action === 'discard';
    const yes = await confirmInPage({ id: 'queue-confirm', title: discard ? 'Discard dead letters?' : 'Retry dead letters?',
      text: discard ? `${ids.length} dead letters will be deleted from the queue and not synced; each is noted in the `
        + 'sync log (Report) as discarded.' : `${ids.length} dead letters go back to the queue, due now.`,
      confirm: discard ? `Discard ${ids.length}` : `Retry ${ids.length}` });
    if (!yes) return;
    const done = await act(out, () => inChunks(action, ids), (r) => {
      const missed = r.results.filter((x) => x.result !== 'ok').map((x) => `${x.id}: ${RESULTS[x.result] || x.result}`);
      const text = `${r.done} of ${r.results.length} ${discard ? 'discarded' : 'back in the queue'}.`;
      return missed.length ? { text: `${text} ${missed.join('; ')}.`, kind: 'warn' } : text;
    });
    if (done) poller.now();
  }

  /** The API takes 100 ids a call; a selection over several pages of 100 goes in as many calls. */
  async function inChunks(action, ids) {
    const all = { done: 0, results: [] };
    for (let i = 0; i < ids.length; i += 100) {
      const r = await post(`/admin/queue/${action}`, { ids: ids.slice(i, i + 100) });
      all.done += r.done;
      all.results.push(...r.results);
    }
    return all;
  }

  /**
   * One look at the queue (the counts and the page shown); answers whether anything changed (so the poll backs off
   * while nothing does). A later page is read when asked for, not polled.
   */
  async function refresh() {
    const asked = status.value;
    if (last !== null && !found && !table().onFirstPage()) {
      liveLine.textContent = 'Not refreshing while a later page is shown; the first page refreshes by itself.';
      return false;
    }
    const term = found;
    let c;
    let body;
    try {
      [c, body] = await Promise.all([get('/admin/queue/counts'), get(listPath(asked))]);
    } catch (err) {
      out.fail(err);
      throw err;
    }
    if (asked !== status.value || term !== found) return true; // asked again meanwhile; its own refresh follows
    const items = body.items;
    if (found && !said) {
      out.show(`${new Set(items.map((i) => i.entityKey)).size} entities found for "${found}" (${STATUSES
        .find(([k]) => k === asked)[1].toLowerCase()}) from the sync log.`, 'ok');
      said = true;
    }
    const seen = JSON.stringify([c, items, body.next, found]);
    liveLine.textContent = `Refreshes by itself · checked ${new Date().toLocaleTimeString()}`;
    if (seen === last) return false;
    last = seen;
    clear(counts, STATUSES.map(([k, l]) => h('div', { class: 'count', id: `count-${k}` },
      h('strong', {}, String(c[k] ?? 0)), h('span', {}, l))));
    if (list.firstChild !== table().el) clear(list, table().el);
    table().update(items, body.next || null);
    buttons();
    loadBudget(budget);
    return true;
  }

  const poller = live(refresh, { onState: (state) => {
    if (state === 'paused') liveLine.textContent = 'Paused while the tab is hidden.';
  } });
  buttons();
  poller.now();
  return { stop: () => poller.stop() };
}
