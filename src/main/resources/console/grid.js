// A table of fetched items that stays put while its items change: sortable columns (click a header), a page size,
// a page and a selection that survive every update (a live screen redraws its rows without losing the admin's place).
// With `onPage` the pages are the server's: the grid holds one page (the API's order, newest first), Next follows the
// page's `next` cursor, Previous goes back through the cursors seen (a stack), the size is the API's `limit`; a
// click on a header sorts the rows of the page shown only (said under the table), and onPage() asks for the page.
import { h, clear } from './dom.js';

const compare = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b
  : String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true }));

/**
 * columns: [{ key, label, sort: (item) => value (optional: not sortable), cell: (item) => node or text }].
 * rowKey(item) names a row (data-key) and its selection; with `selectable` each row gets a checkbox and the header
 * one that selects the whole page. rowAttrs(item) adds attributes to a row (a class, a handler that opens it).
 */
export function grid({ id, columns, rowKey, selectable = false, sizes = [25, 50, 100], onSelect = () => {},
  rowAttrs = () => ({}), onPage = null }) {
  let items = [];
  let page = 0;
  let cursors = [null]; // server pages: the cursor of each page from the first to the one shown
  let nextCursor = null;
  let size = sizes[0];
  let sortBy = null;
  let dir = 1;
  const selected = new Set();
  const head = h('tr');
  const tbody = h('tbody');
  const info = h('span', { class: 'page-info' });
  const move = (step) => {
    if (!onPage) { page += step; draw(); return; }
    if (step > 0 && nextCursor) cursors.push(nextCursor);
    if (step < 0 && cursors.length > 1) cursors.pop();
    nextCursor = null;
    prev.disabled = true;
    next.disabled = true;
    onPage();
  };
  const prev = h('button', { type: 'button', class: 'prev', onclick: () => move(-1) }, 'Previous');
  const next = h('button', { type: 'button', class: 'next', onclick: () => move(1) }, 'Next');
  const sizeSelect = h('select', { class: 'page-size', 'aria-label': 'Rows per page', onchange: () => {
    size = Number(sizeSelect.value);
    page = 0;
    if (onPage) { cursors = [null]; nextCursor = null; onPage(); return; }
    draw();
  } }, sizes.map((n) => h('option', { value: String(n) }, `${n} per page`)));
  const pageBox = h('input', { type: 'checkbox', class: 'select-page', 'aria-label': 'Select all on this page',
    onchange: () => {
      for (const item of shown()) pageBox.checked ? selected.add(rowKey(item)) : selected.delete(rowKey(item));
      draw();
      onSelect();
    } });
  const el = h('div', { id, class: 'table-scroll' }, h('table', { class: 'grid' }, h('thead', {}, head), tbody),
    h('div', { class: 'pager' }, prev, info, next, sizeSelect));

  function sorted() {
    const col = columns.find((c) => c.key === sortBy);
    if (!col) return items;
    return items.map((item, i) => [item, i])
      .sort(([a, i], [b, j]) => dir * compare(col.sort(a), col.sort(b)) || i - j).map(([item]) => item);
  }

  function pages() { return onPage ? 1 : Math.max(1, Math.ceil(items.length / size)); }
  function shown() { return onPage ? sorted() : sorted().slice(page * size, page * size + size); }

  function header(col) {
    if (!col.sort) return h('th', { 'data-col': col.key }, col.label);
    const state = sortBy === col.key ? (dir > 0 ? 'ascending' : 'descending') : 'none';
    return h('th', { 'data-col': col.key, 'aria-sort': state }, h('button', { type: 'button', class: 'sort',
      onclick: () => {
        dir = sortBy === col.key ? -dir : 1;
        sortBy = col.key;
        draw();
      } }, col.label, state === 'none' ? '' : state === 'ascending' ? ' ▲' : ' ▼'));
  }

  function row(item) {
    const key = rowKey(item);
    const box = selectable && h('td', {}, h('input', { type: 'checkbox', class: 'select', 'data-key': key,
      'aria-label': `Select ${key}`, checked: selected.has(key), onchange: (e) => {
        e.target.checked ? selected.add(key) : selected.delete(key);
        pageBox.checked = shown().every((i) => selected.has(rowKey(i)));
        onSelect();
      } }));
    return h('tr', { ...rowAttrs(item), 'data-key': key }, box, columns.map((c) => h('td', { class: c.key }, c.cell(item))));
  }

  function draw() {
    page = Math.min(Math.max(page, 0), pages() - 1);
    const rows = shown();
    clear(head, selectable && h('th', {}, pageBox), columns.map(header));
    pageBox.checked = rows.length > 0 && rows.every((i) => selected.has(rowKey(i)));
    clear(tbody, rows.length ? rows.map(row)
      : h('tr', {}, h('td', { colspan: columns.length + (selectable ? 1 : 0) }, 'Nothing here.')));
    if (onPage) {
      info.textContent = `Page ${cursors.length} · ${items.length} rows · `
        + (sortBy ? 'this page sorted by a click; the pages are newest first' : 'newest first');
      prev.disabled = cursors.length === 1;
      next.disabled = !nextCursor;
      return;
    }
    info.textContent = `Page ${page + 1} of ${pages()} · ${items.length} in all`;
    prev.disabled = page === 0;
    next.disabled = page >= pages() - 1;
  }

  draw();
  return {
    el,
    /**
     * New items: the sort, page (as far as it still exists) and selection (of rows still there) are kept. With
     * onPage, `list` is the page the server answered and `next` its cursor of the next page (null: the last).
     */
    update(list, next = null) {
      items = list;
      nextCursor = next;
      const keys = new Set(items.map(rowKey));
      for (const key of [...selected]) if (!keys.has(key)) selected.delete(key);
      draw();
      onSelect();
    },
    selected: () => [...selected],
    /** Another list (a different status): first page, nothing selected. */
    reset() {
      page = 0;
      cursors = [null];
      nextCursor = null;
      selected.clear();
    },
    /** The page to ask the server for: `limit` (the page size) and `cursor` (absent on the first page). */
    query() {
      const q = { limit: String(size) };
      if (cursors[cursors.length - 1]) q.cursor = cursors[cursors.length - 1];
      return q;
    },
    /** Whether the first page is shown (a live screen refreshes only that one). */
    onFirstPage: () => cursors.length === 1,
  };
}
