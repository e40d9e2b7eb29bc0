// Builds DOM from data without ever parsing it as HTML: strings become text nodes (textContent), so a Magento or
// Vtiger value such as <img src=x onerror=alert(1)> shows as that text.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else if (name === 'checked') el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An outcome line: every action says how it went, errors in the API's own words. */
export function outcome(id) {
  const el = h('p', { class: 'outcome', role: 'status', id });
  el.show = (text, kind = 'ok') => { el.className = 'outcome ' + kind; el.textContent = text; };
  el.fail = (err) => el.show(err && err.message ? err.message : String(err), 'error');
  return el;
}

/**
 * Runs an action, showing "working…", then its outcome: `done` (or what it answers for the result) is the text, or
 * { text, kind } when a call that worked reports something wrong (a connection check that failed is no green OK).
 */
export async function act(out, work, done) {
  out.show('Working…', 'busy');
  try {
    const result = await work();
    const said = typeof done === 'function' ? done(result) : done;
    if (said && typeof said === 'object') out.show(said.text, said.kind || 'ok');
    else out.show(said, 'ok');
    return result;
  } catch (err) {
    out.fail(err);
    return undefined;
  }
}

/**
 * Client-side pages of a long list: renders `render(item)` rows into tbody, with Previous/Next. Opens on the page
 * holding the first item that `shown` accepts (the row just added or changed), else on the first page.
 */
export function pager(items, size, renderRow, colspan, shown = () => false) {
  const tbody = h('tbody');
  const info = h('span', { class: 'page-info' });
  let page = Math.max(0, Math.floor(items.findIndex(shown) / size));
  const pages = () => Math.max(1, Math.ceil(items.length / size));
  const prev = h('button', { type: 'button', class: 'prev', onclick: () => { page--; draw(); } }, 'Previous');
  const next = h('button', { type: 'button', class: 'next', onclick: () => { page++; draw(); } }, 'Next');
  function draw() {
    const rows = items.slice(page * size, page * size + size).map(renderRow);
    clear(tbody, rows.length ? rows : h('tr', {}, h('td', { colspan }, 'Nothing here.')));
    info.textContent = `Page ${page + 1} of ${pages()} · ${items.length} in all`;
    prev.disabled = page === 0;
    next.disabled = page >= pages() - 1;
  }
  draw();
  return { tbody, controls: h('div', { class: 'pager' }, prev, info, next) };
}

/** A labelled input; a checkbox comes first and on its text's line, as forms put it. */
export function field(label, input) {
  if (input.type === 'checkbox') return h('label', { class: 'field checkbox' }, input, h('span', {}, label));
  return h('label', { class: 'field' }, h('span', {}, label), input);
}
