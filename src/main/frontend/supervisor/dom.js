// Small DOM helpers for the supervisor pages: elements built with textContent only (recorded names, notes and
// comments are customer- and advisor-written text, never HTML).

import { el, when } from '../lib/dom.js';

export { el, when };

export const $ = (id) => document.getElementById(id);

/** A button that looks like a link. */
export function link(text, onclick, attrs = {}) {
  return el('button', { type: 'button', className: 'link', onclick, ...attrs }, text);
}

export function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '';
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export { outcomeLabel, statusLabel } from '../lib/words.js';
