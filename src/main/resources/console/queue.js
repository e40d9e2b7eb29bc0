// Queue: counts per status, the items of one status with their errors, retry one dead letter or all of them.
import { h, clear, outcome, act, field, pager } from './dom.js';
import { get, post } from './api.js';
import { budgetPanel, loadBudget } from './budget.js';

export function queueScreen(root) {
  const counts = h('div', { id: 'queue-counts', class: 'counts' });
  const status = h('select', { id: 'queue-status' }, h('option', { value: 'pending' }, 'Pending'),
    h('option', { value: 'in_progress' }, 'In progress'), h('option', { value: 'dead' }, 'Dead'));
  const out = outcome('queue-outcome');
  const list = h('div', { id: 'queue-list' });
  const budget = budgetPanel();
  status.addEventListener('change', () => load());
  const retryAll = h('button', { type: 'button', id: 'retry-all-dead', onclick: async () => {
    if (await act(out, () => post('/admin/queue/retry-dead'), (r) => `${r.retried} dead letters back in the queue.`)) load(true);
  } }, 'Retry all dead');
  clear(root, h('h2', {}, 'Queue'), counts, budget, h('div', { class: 'actions' }, field('Status', status),
    h('button', { type: 'button', id: 'queue-refresh', onclick: () => load() }, 'Refresh'), retryAll), out, list);

  /** quiet: keep the outcome of the action that caused this reload on screen. */
  async function load(quiet = false) {
    try {
      const c = await get('/admin/queue/counts');
      clear(counts, [['pending', 'Pending'], ['in_progress', 'In progress'], ['dead', 'Dead']].map(([k, l]) =>
        h('div', { class: 'count', id: `count-${k}` }, h('strong', {}, String(c[k] ?? 0)), h('span', {}, l))));
    } catch (err) { out.fail(err); }
    loadBudget(budget);
    const fetch = () => get(`/admin/queue?status=${status.value}&limit=1000`);
    const body = quiet ? await fetch().catch((err) => { out.fail(err); })
      : await act(out, fetch, (b) => `${b.items.length} ${status.value.replace('_', ' ')} items.`);
    if (!body) return;
    const p = pager(body.items, 20, (item) => h('tr', { 'data-key': item.entityKey },
      h('td', {}, item.entityKey), h('td', {}, String(item.attempts)),
      h('td', {}, item.dueAt ? new Date(item.dueAt).toLocaleString() : ''),
      h('td', { class: 'error-text' }, item.lastError || ''),
      h('td', {}, item.status === 'dead' ? h('button', { type: 'button', class: 'retry', onclick: async () => {
        if (await act(out, () => post(`/admin/queue/${encodeURIComponent(item.entityKey)}/retry`),
          `${item.entityKey} is pending again.`)) load(true);
      } }, 'Retry') : '')), 5);
    clear(list, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Entity'), h('th', {}, 'Attempts'),
      h('th', {}, 'Next attempt'), h('th', {}, 'Last error'), h('th', {}, ''))), p.tbody), p.controls);
  }
  load();
}
