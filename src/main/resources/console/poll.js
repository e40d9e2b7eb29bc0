// Source of changes per Magento entity: webhooks, the poll of Magento's REST API, or both; and where the poll stands
// (cursor, latest run: entities found, Magento requests). Below it the Vtiger poll of two-way sync per module
// (polled or not, cursor, latest run, the changed records linked to no Magento entity). Everything rendered as text
// through h().
import { h, clear, outcome, act } from './dom.js';
import { get, put, entityTypes, settingFields } from './api.js';

const SOURCE_LABELS = { webhooks: 'Webhooks', poll: 'Poll', both: 'Both' };

export function pollSection() {
  const out = outcome('poll-outcome');
  const tbody = h('tbody', { id: 'poll-rows' });
  const modulesBody = h('tbody', { id: 'vtiger-poll-rows' });
  const rows = {};
  const overlap = h('p', { class: 'hint', id: 'poll-overlap' });
  const el = h('div', { id: 'poll-section' },
    h('h3', {}, 'Source of changes'),
    h('p', { class: 'hint' }, 'Webhooks need a sender installed in Magento. Poll reads what changed from Magento\'s '
      + 'REST API with the integration token (every 5 minutes); both keeps the webhooks and polls as a safety net. '
      + 'A switch to polling starts now unless you give a start.'),
    h('form', { id: 'poll-form', onsubmit: (e) => { e.preventDefault(); save(); } },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Entity'), h('th', {}, 'Source'),
        h('th', {}, 'Start from (UTC)'), h('th', {}, 'Cursor (Magento updated_at)'), h('th', {}, 'Last run'),
        h('th', {}, 'Found'), h('th', {}, 'Requests'), h('th', {}, 'Status'))), tbody),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-sources' }, 'Save sources'))),
    out, overlap,
    h('h3', {}, 'Changes made in Vtiger (two-way sync)'),
    h('p', { class: 'hint' }, 'A Vtiger module is polled (every 5 minutes, by modifiedtime) while a mapping row of it '
      + 'flows back to Magento (Direction vtiger-to-magento or both on the Field mapping screen). Its changed records '
      + 'that are linked to a Magento entity are queued and written to Magento (an Organization only when it is one '
      + 'customer\'s personal one); the others are listed, never created.'),
    h('table', { id: 'vtiger-poll' }, h('thead', {}, h('tr', {}, h('th', {}, 'Vtiger module'), h('th', {}, 'Polled'),
      h('th', {}, 'Cursor (Vtiger modifiedtime)'), h('th', {}, 'Last run'), h('th', {}, 'Changed'),
      h('th', {}, 'Queued'), h('th', {}, 'Re-read'), h('th', {}, 'Unlinked'), h('th', {}, 'Vtiger calls'),
      h('th', {}, 'Status'))), modulesBody));

  // The source select's options, and which entities each may be chosen for, as the API declares them
  // (GET /admin/settings/fields, sources.source).
  function draw(status, registry, fields) {
    clear(tbody);
    const field = (fields.sources || []).find((f) => f.name === 'source') || { choices: [] };
    const limited = field.choicesOnlyFor || {};
    for (const { type: key, label } of registry.entities) {
      const t = (status.types || {})[key];
      if (!t) continue;
      const allowed = (c) => !limited[c] || limited[c].includes(key);
      const choices = field.choices || [];
      // Nothing to switch to (an entity the poll cannot read, on webhooks): the select is shown but fixed.
      const fixed = t.source === field.default && choices.filter(allowed).length < 2;
      const source = h('select', { id: `source-${key}`, disabled: fixed },
        choices.map((c) => h('option', { value: c, disabled: !allowed(c) }, SOURCE_LABELS[c] || c)));
      source.value = t.source;
      const start = h('input', { type: 'text', id: `start-${key}`, placeholder: 'now', class: 'start',
        value: t.startFrom || '' });
      const initial = { source: t.source, startFrom: t.startFrom || '' };
      rows[key] = { source, start, initial };
      const run = t.lastRun;
      tbody.append(h('tr', { id: `poll-${key}` }, h('th', {}, label), h('td', {}, source), h('td', {}, start),
        h('td', { class: 'cursor' }, t.cursor || '—'),
        h('td', { class: 'last-run' }, run ? new Date(run.startedAt).toLocaleString() : '—'),
        h('td', { class: 'found' }, run ? String(run.found) : '—'),
        h('td', { class: 'requests' }, run ? String(run.requests) : '—'),
        h('td', { class: 'status' }, run ? (run.error ? `${run.status}: ${run.error}` : run.status) : '—')));
    }
    drawModules(status.modules || {});
    const margin = String(status.overlap || 'PT2M').replace(/^PT/, '').toLowerCase();
    overlap.textContent = `Each run reads again from ${margin} before its cursor (saves that commit late); `
      + 'what it read before is not queued twice.';
  }

  // One row per Vtiger module; under it, when the latest run found any, the records linked to no Magento entity.
  function drawModules(modules) {
    clear(modulesBody);
    for (const [module, m] of Object.entries(modules)) {
      const run = m.lastRun;
      const figure = (n) => (run ? String(n) : '—');
      const polled = m.polled ? `Yes (${(m.fields || []).join(', ')})` : 'No: no row flows back';
      modulesBody.append(h('tr', { id: `vtiger-poll-${module}` }, h('th', {}, module),
        h('td', { class: 'polled' }, polled),
        h('td', { class: 'cursor' }, m.cursor || '—'),
        h('td', { class: 'last-run' }, run ? new Date(run.startedAt).toLocaleString() : '—'),
        h('td', { class: 'found' }, figure(run && run.found)),
        h('td', { class: 'queued' }, figure(run && run.queued)),
        h('td', { class: 'skipped' }, figure(run && run.skipped)),
        h('td', { class: 'unlinked' }, figure(run && run.unlinked)),
        h('td', { class: 'requests' }, figure(run && run.requests)),
        h('td', { class: 'status' }, run ? (run.error ? `${run.status}: ${run.error}` : run.status) : '—')));
      if (run && run.unlinked > 0) {
        const ids = run.unlinkedIds || [];
        const more = run.unlinked > ids.length ? ` and ${run.unlinked - ids.length} more` : '';
        modulesBody.append(h('tr', { id: `vtiger-unlinked-${module}`, class: 'unlinked-records' },
          h('td', { colspan: 10, class: 'hint' }, `${run.unlinked} changed in Vtiger but `
            + `${m.unlinkedMeans || 'linked to no Magento entity'}: not sent to Magento: ${ids.join(', ')}${more}`)));
      }
    }
  }

  async function load(message) {
    const s = await act(out, async () => ({ status: await get('/admin/poll'), registry: await entityTypes(),
      fields: await settingFields() }), message);
    if (s) draw(s.status, s.registry, s.fields);
  }

  async function save() {
    const sources = {};
    for (const [key, r] of Object.entries(rows)) {
      const change = {};
      if (r.source.value !== r.initial.source) change.source = r.source.value;
      const start = r.start.value.trim();
      if (r.source.value !== 'webhooks' && start !== r.initial.startFrom && start !== '') change.startFrom = start;
      if (Object.keys(change).length) sources[key] = change;
    }
    if (!Object.keys(sources).length) {
      out.show('Nothing changed.', 'ok');
      return;
    }
    const saved = await act(out, () => put('/admin/settings', { sources }), 'Sources saved.');
    if (saved) {
      const s = await Promise.all([get('/admin/poll'), entityTypes(), settingFields()])
        .catch((err) => { out.fail(err); return null; });
      if (s) draw(...s);
    }
  }

  load('Sources loaded.');
  return { el, stop() {} };
}
