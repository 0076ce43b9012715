// Small DOM helpers for the supervisor pages: elements built with textContent only (recorded names, notes and
// comments are customer- and advisor-written text, never HTML).

export const $ = (id) => document.getElementById(id);

/** An element with text content and attributes; children may be nodes or strings. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c ?? ''));
  return e;
}

/** A button that looks like a link. */
export function link(text, onclick, attrs = {}) {
  return el('button', { type: 'button', className: 'link', onclick, ...attrs }, text);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

export function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '';
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export { outcomeLabel, statusLabel } from '../lib/words.js';
