// Field mapping: a grid per type, a row editor whose Vtiger field comes from Vtiger's describe and whose Magento path
// is checked as it is typed, and a preview of what a sync would write (no write made).
import { h, clear, outcome, act, field, pager } from './dom.js';
import { get, post, put, del, entityTypes } from './api.js';
import { scopeSwitcher, scopeQuery, origin } from './scope.js';

const enc = encodeURIComponent;
/** The write rules: when a row's value is written to a record that exists already. */
const WRITE_RULES = {
  always: 'always',
  'when-empty': "only when Vtiger's field is empty",
  'when-empty-if-shared': 'only when empty on a company Organization, else always',
  'on-create': 'on create only',
};

/** Which way a row copies (two-way sync): Magento → Vtiger unless the admin turns it. */
const DIRECTIONS = {
  'magento-to-vtiger': 'Magento → Vtiger',
  'vtiger-to-magento': 'Vtiger → Magento',
  both: 'both ways',
};
/** Which value a two-way row keeps when both sides changed since the last sync. */
const CONFLICT_RULES = {
  'newest-wins': 'newest change wins',
  'magento-wins': 'Magento wins',
  'vtiger-wins': 'Vtiger wins',
};

/** A row's direction as the grid shows it, with its conflict rule when it flows both ways. */
function direction(row) {
  const d = DIRECTIONS[row.direction] || row.direction || DIRECTIONS['magento-to-vtiger'];
  return row.direction === 'both' ? `${d} · ${CONFLICT_RULES[row.conflict] || row.conflict}` : d;
}

/** A row's rules as the grid shows them. */
function rules(row) {
  return [WRITE_RULES[row.write] || row.write, row.freeText ? 'picklist: free text' : null,
    row.htmlToText ? 'HTML → text' : null].filter(Boolean).join(' · ');
}

export function mappingScreen(root) {
  // Every kind of row the registry knows (a refund's, a shipment's and a delete's rows included).
  const typeSelect = h('select', { id: 'mapping-type' });
  const gridOut = outcome('mapping-outcome');
  const grid = h('div', { id: 'mapping-grid' });
  const scope = scopeSwitcher(() => { editor.reset(); load(); });
  const inScope = (joiner = '?') => scopeQuery(scope.value(), joiner);
  const editor = rowEditor((field) => load(true, field), inScope);
  typeSelect.addEventListener('change', () => { editor.setType(typeSelect.value); load(); });
  clear(root, h('h2', {}, 'Field mapping'), scope.el, field('Record type', typeSelect), grid, gridOut,
    editor.el, previewPanel());

  /** quiet: keep the outcome of the action that caused this reload on screen; field: the row to show. */
  async function load(quiet = false, field = null) {
    const type = typeSelect.value;
    const fetch = () => get(`/admin/mappings?type=${enc(type)}${inScope('&')}`);
    const body = quiet ? await fetch().catch((err) => { gridOut.fail(err); })
      : await act(gridOut, fetch, `Rows of ${type} loaded.`);
    if (!body) return;
    const t = body.types[0];
    draw(type, t, field, labelsKnown(type));
    // Vtiger's labels, once describe answers (a first call can be slow): drawn again if the grid still shows t.
    if (!labelsKnown(type)) labelsOf(type).then((labels) => { if (shown === t) draw(type, t, field, labels); });
  }

  let shown = null;
  /** The grid of one type's rows, its count drawn with it so it always matches the list shown. */
  function draw(type, t, field, labels) {
    shown = t;
    // In a website or store view each row says whether it is inherited or overridden there (the API's scope and
    // inherited); the default scope's grid is as it always was.
    const scoped = scope.value() !== 'default';
    const p = pager(t.mappings, 15, (row) => h('tr', { 'data-field': row.vtigerField, 'data-direction': row.direction,
      'data-inherited': scoped ? String(row.inherited) : null },
      h('td', { class: 'vtiger-field' }, fieldName(row.vtigerField, labels)),
      h('td', { class: 'code' }, row.magentoField || ''), h('td', {}, row.status),
      h('td', { class: 'direction' }, direction(row)),
      h('td', { class: 'rules' }, rules(row)), h('td', {}, row.description || ''), h('td', {}, row.source),
      scoped ? h('td', { class: 'scope' }, origin(row.scope, row.inherited))
        : null,
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: 'edit', onclick: () => editor.edit(row) }, scoped && row.inherited
          ? 'Override' : 'Edit'),
        h('button', { type: 'button', class: 'toggle', onclick: () => toggle(t.module, row) },
          row.status === 'active' ? 'Deactivate' : 'Activate'),
        scoped && !row.inherited ? h('button', { type: 'button', class: 'inherit',
          onclick: () => inherit(t.module, row) }, 'Use inherited') : null,
        !scoped && row.source === 'configured' ? h('button', { type: 'button', class: 'delete', onclick: () => remove(t.module, row) }, 'Delete') : null)), scoped ? 9 : 8, (row) => row.vtigerField === field);
    clear(grid, h('p', { id: 'mapping-count', class: 'hint' }, `${t.mappings.length} rows for ${type}.`),
      h('div', { class: 'table-scroll' }, h('table', { class: 'grid' }, h('thead', {}, h('tr', {},
        h('th', {}, 'Vtiger field'), h('th', {}, 'Magento field'), h('th', {}, 'Status'), h('th', {}, 'Direction'),
        h('th', {}, 'Rules'),
        h('th', {}, 'Description'), h('th', {}, 'Source'), scoped ? h('th', {}, 'Scope') : null, h('th', {}, ''))),
      p.tbody)), p.controls);
  }

  /** Drops the scope's own row: the field is inherited again from the enclosing scope. */
  async function inherit(module, row) {
    if (await act(gridOut, () => del(`/admin/mappings/${enc(module)}/${enc(row.vtigerField)}${inScope()}`),
      `${row.vtigerField} is inherited again in ${scope.value()}.`)) load(true, row.vtigerField);
  }

  async function toggle(module, row) {
    const status = row.status === 'active' ? 'inactive' : 'active';
    if (await act(gridOut, () => put(`/admin/mappings/${enc(module)}/${enc(row.vtigerField)}${inScope()}`, { status }),
      `${row.vtigerField} is now ${status}.`)) load(true, row.vtigerField);
  }

  async function remove(module, row) {
    if (await act(gridOut, () => del(`/admin/mappings/${enc(module)}/${enc(row.vtigerField)}`),
      `${row.vtigerField} deleted.`)) load(true);
  }

  act(gridOut, () => entityTypes(), 'Record types loaded.').then((r) => {
    if (!r) return;
    typeSelect.append(...r.recordTypes.map((t) => h('option', { value: t.label }, t.label)));
    editor.setType(typeSelect.value);
    load();
  });
}

const describes = new Map();
const labelsByType = new Map();
/**
 * Vtiger's describe of a record type, asked once per type for the grid, the row editor and the preview alike. A
 * failure (no Vtiger connection yet) is not kept, so the next look asks again.
 */
function describeOnce(type) {
  if (!describes.has(type)) {
    describes.set(type, get(`/admin/describe/${enc(type)}`).catch((err) => { describes.delete(type); throw err; }));
  }
  return describes.get(type);
}

/** A type's field labels by API name; none when describe fails, so the API names show as they are. */
function labelsOf(type) {
  return describeOnce(type).then((d) => {
    const labels = Object.fromEntries(d.fields.map((f) => [f.name, f.label]));
    labelsByType.set(type, labels);
    return labels;
  }).catch(() => ({}));
}

/** The labels of a type when describe has answered already, else null. */
function labelsKnown(type) {
  return labelsByType.get(type) || null;
}

/** "Street (bill_street)": Vtiger's label with the API name beside it, or the API name alone when unknown. */
function fieldName(name, labels) {
  const label = labels && labels[name];
  if (!label || label === name) return name;
  return [label, ' ', h('span', { class: 'api-name' }, `(${name})`)];
}

/** Add or edit one row, in the scope `inScope` names (its query suffix; "" for the default scope). */
function rowEditor(saved, inScope) {
  let type = 'Lead';
  let editing = null;
  const out = outcome('row-outcome');
  const pathMessage = h('p', { id: 'path-message', class: 'hint', 'aria-live': 'polite' });
  const describeMessage = h('p', { id: 'describe-message', class: 'hint' });
  const vtigerField = h('select', { id: 'row-vtigerField' });
  const magentoField = h('input', { type: 'text', id: 'row-magentoField', class: 'wide code', autocomplete: 'off' });
  const status = h('select', { id: 'row-status' }, h('option', { value: 'active' }, 'active'),
    h('option', { value: 'inactive' }, 'inactive'));
  const description = h('input', { type: 'text', id: 'row-description', class: 'wide' });
  const write = h('select', { id: 'row-write' });
  const freeText = h('input', { type: 'checkbox', id: 'row-freeText' });
  const htmlToText = h('input', { type: 'checkbox', id: 'row-htmlToText' });
  const dir = h('select', { id: 'row-direction' },
    Object.entries(DIRECTIONS).map(([d, label]) => h('option', { value: d }, label)));
  const conflict = h('select', { id: 'row-conflict' },
    Object.entries(CONFLICT_RULES).map(([c, label]) => h('option', { value: c }, label)));
  const conflictField = field('When both sides changed', conflict);
  const showConflict = () => { conflictField.style.display = dir.value === 'both' ? '' : 'none'; };
  dir.addEventListener('change', showConflict);
  // A new row's rules start as the field's defaults (the API's, for a row that names none).
  let touched = false;
  write.addEventListener('change', () => { touched = true; });
  htmlToText.addEventListener('change', () => { touched = true; });
  vtigerField.addEventListener('change', () => { if (!editing && !touched) defaults(); });
  const title = h('h3', {}, 'Add a row');
  const submit = h('button', { type: 'submit', id: 'row-save' }, 'Add');
  let timer = null;
  magentoField.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 250); });
  vtigerField.addEventListener('change', check);

  async function check() {
    const path = magentoField.value;
    if (path.trim() === '') { pathMessage.textContent = ''; pathMessage.className = 'hint'; return; }
    try {
      await post('/admin/mappings/validate', { type, vtigerField: vtigerField.value || null, magentoField: path });
      if (magentoField.value === path) { pathMessage.textContent = 'Valid.'; pathMessage.className = 'hint pass'; }
    } catch (err) {
      if (magentoField.value === path) { pathMessage.textContent = err.message; pathMessage.className = 'hint fail'; }
    }
  }

  async function describe() {
    const asked = type;
    clear(vtigerField, h('option', { value: '' }, 'Loading Vtiger fields…'));
    try {
      const d = await describeOnce(type);
      if (asked !== type) return; // the admin picked another type meanwhile
      const options = d.fields.filter((f) => f.editable).map((f) => h('option', { value: f.name },
        `${f.mandatory ? '* ' : ''}${f.label} (${f.name}) · ${f.type}`));
      clear(vtigerField, h('option', { value: '' }, '— pick a Vtiger field —'), options);
      describeMessage.textContent = `Fields of Vtiger's ${d.module} module; * marks a mandatory field.`;
    } catch (err) {
      if (asked !== type) return;
      clear(vtigerField, h('option', { value: '' }, '—'));
      describeMessage.textContent = 'Vtiger fields unavailable: ' + err.message;
    }
  }

  const form = h('form', { id: 'row-form', onsubmit: async (e) => {
    e.preventDefault();
    const body = { type, vtigerField: vtigerField.value, magentoField: magentoField.value, status: status.value,
      description: description.value, write: write.value, freeText: freeText.checked, htmlToText: htmlToText.checked,
      direction: dir.value, conflict: conflict.value };
    const done = editing
      ? await act(out, () => put(`/admin/mappings/${enc(type)}/${enc(editing)}${inScope()}`, body), `${editing} saved.`)
      : await act(out, () => post(`/admin/mappings${inScope()}`, body), `${body.vtigerField} added.`);
    if (done) { reset(); saved(body.vtigerField); }
  } }, title,
  field('Vtiger field', vtigerField), describeMessage,
  field('Magento field (path expression)', magentoField), pathMessage,
  field('Status', status), field('Description', description),
  field('Direction', dir), conflictField,
  h('p', { class: 'hint' }, 'Vtiger → Magento needs a Magento path Magento takes back: a Contact\'s firstname, lastname,'
    + ' email, default_billing/default_shipping telephone, street, city, postcode; a Product\'s name, price, status,'
    + ' extension_attributes.stock_item.qty; a Sales Order\'s status (written as an order comment).'),
  field('Write to an existing record', write),
  h('label', { class: 'check' }, freeText,
    " Free text: write a value that is none of the Vtiger picklist's values as it is (else it is left out with a note)"),
  h('label', { class: 'check' }, htmlToText, ' HTML → text: Magento HTML becomes plain lines'),
  h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => reset() }, 'Clear')), out);

  function writeOptions() {
    clear(write, Object.entries(WRITE_RULES).filter(([rule]) => rule !== 'when-empty-if-shared' || type === 'Organization')
      .map(([rule, label]) => h('option', { value: rule }, label)));
  }

  /** The defaults the API gives a new row of this field. */
  function defaults() {
    const name = vtigerField.value;
    write.value = type === 'Organization' && name !== 'accountname' ? 'when-empty-if-shared' : 'always';
    freeText.checked = false;
    htmlToText.checked = name === 'description';
    dir.value = 'magento-to-vtiger';
    conflict.value = 'newest-wins';
    showConflict();
  }

  function reset() {
    editing = null;
    touched = false;
    title.textContent = 'Add a row';
    submit.textContent = 'Add';
    vtigerField.disabled = false;
    magentoField.value = description.value = '';
    status.value = 'active';
    pathMessage.textContent = '';
    writeOptions();
    defaults();
  }

  return {
    el: form,
    reset,
    setType(t) { type = t; reset(); describe(); },
    edit(row) {
      editing = row.vtigerField;
      title.textContent = `Edit ${row.vtigerField}`;
      submit.textContent = 'Save';
      if (![...vtigerField.options].some((o) => o.value === row.vtigerField)) {
        vtigerField.append(h('option', { value: row.vtigerField }, row.vtigerField));
      }
      vtigerField.value = row.vtigerField;
      vtigerField.disabled = true;
      magentoField.value = row.magentoField || '';
      status.value = row.status;
      description.value = row.description || '';
      write.value = row.write;
      freeText.checked = row.freeText;
      htmlToText.checked = row.htmlToText;
      dir.value = row.direction || 'magento-to-vtiger';
      conflict.value = row.conflict || 'newest-wins';
      showConflict();
      magentoField.focus();
    },
  };
}

/** What a sync of one entity would write: fetched by id through Magento's REST API, or a pasted payload. */
function previewPanel() {
  const entity = h('select', { id: 'preview-entity' });
  entityTypes().then((r) => entity.append(...r.entities.map((e) => h('option', { value: e.type }, e.type))))
    .catch((err) => out.fail(err));
  const id = h('input', { type: 'text', id: 'preview-id', placeholder: 'id (SKU for a product)' });
  const payload = h('textarea', { id: 'preview-payload', rows: 5, placeholder: 'or paste the entity as JSON' });
  const out = outcome('preview-outcome');
  const result = h('div', { id: 'preview-result' });
  return h('form', { id: 'preview-form', onsubmit: async (e) => {
    e.preventDefault();
    clear(result);
    let body = { entity: entity.value };
    if (payload.value.trim()) {
      try { body.payload = JSON.parse(payload.value); } catch (err) { out.show('The payload is not valid JSON: ' + err.message, 'error'); return; }
    } else body.id = id.value;
    const p = await act(out, () => post('/admin/preview', body), (r) =>
      `What the sync would write (from ${r.source === 'magento' ? 'Magento' : 'the payload'}); nothing was written.`);
    if (p) showRecords(result, p.records);
  } }, h('h3', {}, 'Preview'), field('Entity', entity), field('Magento id', id), field('Payload', payload),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'preview-run' }, 'Preview')), out, result);
}

/** The preview's records, with Vtiger's labels at once if known, else drawn again when describe answers. */
function showRecords(result, records) {
  const draw = () => clear(result, records.map((r) => recordTable(r, labelsKnown(r.type))));
  draw();
  if (records.every((r) => labelsKnown(r.type))) return;
  const mine = result.firstChild;
  Promise.all(records.map((r) => labelsOf(r.type))).then(() => { if (result.firstChild === mine) draw(); });
}

function recordTable(r, labels) {
  const rows = Object.entries(r.fields).map(([k, v]) => h('tr', {}, h('td', {}, fieldName(k, labels)),
    h('td', {}, v)));
  const lines = (r.lines || []).map((line, i) => h('table', { class: 'grid line' },
    h('caption', {}, `Line ${i + 1}`),
    h('tbody', {}, Object.entries(line).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v ?? ''))))));
  const notes = (r.notes || []).map((n) => h('li', {}, n));
  return h('div', { class: 'preview-record', 'data-module': r.module }, h('h4', {}, `${r.type} (${r.module})`),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Vtiger field'), h('th', {}, 'Value'))),
      h('tbody', {}, rows)), lines, notes.length ? h('ul', { class: 'notes' }, notes) : null);
}
