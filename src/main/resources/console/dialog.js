// A confirmation asked in the page (a modal <dialog>, not window.confirm, which a strict page and its tests cannot
// style or drive): answers true only when the admin presses the confirming button.
import { h } from './dom.js';

export function confirmInPage({ id, title, text, confirm, cancel = 'Cancel' }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id, class: 'confirm', 'aria-labelledby': `${id}-title` });
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(h('h3', { id: `${id}-title` }, title), h('p', {}, text), h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'confirm-yes', onclick: () => close(true) }, confirm),
      h('button', { type: 'button', class: 'confirm-no', onclick: () => close(false) }, cancel)));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
