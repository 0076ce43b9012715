// Small DOM helpers for the supervisor pages: elements built with textContent only (recorded names, notes and
// comments are customer- and advisor-written text, never HTML). Dates and durations in the staff member's language
// (format.js).

import { el } from '../lib/dom.js';
import { localize, localizeAttr } from '../lib/i18n.js';

export { el };
export { when, minutes, t } from './format.js';

export const $ = (id) => document.getElementById(id);

/** A button that looks like a link. */
export function link(text, onclick, attrs = {}) {
  return el('button', { type: 'button', className: 'link', onclick, ...attrs }, text);
}

/** An element whose text is message `key` (kept for a change of language). */
export function tx(tag, attrs, key, args) {
  return localize(el(tag, attrs), key, args);
}

/** Someone's or something's own words (a name, a note, an address): never translated. */
export function own(tag, attrs, text) {
  return el(tag, { translate: 'no', ...attrs }, text);
}

/** Sets `el`'s text to message `key` (kept for a change of language); `$` for an id. */
export function say(target, key, args) {
  return localize(typeof target === 'string' ? $(target) : target, key, args);
}

/** Sets an attribute (aria-label, title, placeholder) to message `key`. */
export function sayAttr(target, attr, key, args) {
  return localizeAttr(typeof target === 'string' ? $(target) : target, attr, key, args);
}

export { outcomeLabel, statusLabel } from '../lib/words.js';

/** Sets `el`'s text to words already said (the server's sentence, a name): no message of ours, nothing to translate. */
export function plain(target, text) {
  const node = typeof target === 'string' ? $(target) : target;
  node.removeAttribute('data-i18n');
  node.removeAttribute('data-i18n-args');
  node.textContent = text;
  return node;
}
