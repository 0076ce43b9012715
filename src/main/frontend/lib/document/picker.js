// The advisor's document picker: a search field over the library and the session's uploads, its results floating
// over the stage while choosing (open on focus or typing; closed on choosing, Escape or a click elsewhere), so the
// live page below is never pushed down.

import { t } from '../i18n.js';

/**
 * @param {(tag: string, attrs?: object, text?: string) => HTMLElement} h  element builder
 * @param {{search(query: string): Promise<Array>}} library
 * @param {(version: object) => void} choose  a version was picked
 * @returns {{box: HTMLElement, search: () => Promise<void>}}
 */
export function documentPicker(h, library, choose) {
  const box = h('div', { class: 'doc-picker' });
  // the console's words, in the staff member's language (i18n/staff, loaded by the console; only staff pick)
  const find = t('console.documents.find');
  const query = h('input', { type: 'search', 'data-doc': 'query', placeholder: find, 'aria-label': find,
    'data-i18n-placeholder': 'console.documents.find', 'data-i18n-aria-label': 'console.documents.find' });
  const results = h('ul', { class: 'doc-results', 'data-doc': 'results' });
  const open = (yes) => {
    if (yes) box.dataset.open = '';
    else delete box.dataset.open;
  };
  query.addEventListener('focus', () => open(true));
  query.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') open(false);
  });
  box.ownerDocument.addEventListener('pointerdown', (event) => {
    if (!box.contains(event.target)) open(false);
  }, true);
  // searches overlap (the relay's welcome lists everything while the advisor types): only the latest request's
  // answer is shown, so an earlier, slower one cannot replace it with a list that lacks the document searched for
  let latest = 0;
  const search = async () => {
    const mine = ++latest;
    const items = await library.search(query.value);
    if (mine !== latest) return;
    results.replaceChildren(...items.map((d) => {
      const li = h('li');
      const button = h('button', { type: 'button', 'data-doc': 'open', 'data-version': d.id },
        `${d.title} · ${d.productLine} · ${d.version} (${d.language})`);
      button.translate = false; // the firm's own titles and codes
      button.onclick = () => {
        open(false);
        choose(d);
      };
      li.append(button);
      return li;
    }));
  };
  query.oninput = () => {
    open(true);
    search().catch(() => {});
  };
  box.append(query, results);
  return { box, search };
}
