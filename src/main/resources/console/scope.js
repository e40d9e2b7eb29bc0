// The scope switcher, as Magento's: "Default Config", then each website and its store views (GET /admin/scopes).
// A screen passes what to do when the admin picks another scope; the select's value is the API's scope name
// ("default", "website:eu", "store:eu_de"). Every name and code from Magento is set as text.
import { h, clear } from './dom.js';
import { get } from './api.js';

export function scopeSwitcher(onChange) {
  const select = h('select', { id: 'scope' }, h('option', { value: 'default' }, 'Default Config'));
  const hint = h('p', { id: 'scope-hint', class: 'hint' });
  select.addEventListener('change', () => onChange(select.value));
  get('/admin/scopes').then((s) => {
    const options = [h('option', { value: 'default' }, 'Default Config')];
    for (const w of s.websites || []) {
      options.push(h('option', { value: w.scope }, `Website: ${w.name} (${w.code})`));
      for (const v of w.storeViews || []) {
        const currency = v.baseCurrency ? ` · ${v.baseCurrency}` : '';
        options.push(h('option', { value: v.scope }, `\u00a0\u00a0Store view: ${v.name} (${v.code})${currency}`));
      }
    }
    clear(select, options);
    select.disabled = !s.available;
    hint.textContent = s.available ? 'A website or store view holds only what it overrides; the rest is inherited'
      + ' (store view → website → default).' : 'Scopes unavailable: ' + s.reason;
  }).catch((err) => { select.disabled = true; hint.textContent = 'Scopes unavailable: ' + err.message; });
  const el = h('div', { class: 'scope-switcher' }, h('label', { class: 'field' }, h('span', {}, 'Scope'), select), hint);
  return { el, value: () => select.value };
}

/** Where a value in force in a scope comes from, as the mapping and synchronization screens say it. */
export function origin(scope, inherited) {
  return inherited ? `inherited from ${scope}` : `overridden in ${scope}`;
}

/** "?scope=website%3Aeu" (or "&…" after a query) for a scope other than the default, else "". */
export function scopeQuery(scope, joiner = '?') {
  return scope && scope !== 'default' ? `${joiner}scope=${encodeURIComponent(scope)}` : '';
}
