// Building elements safely: text goes in as text (names, notes and comments are customer- and advisor-written, never
// HTML). Shared by the supervisor pages and the lists the console shows too.

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

/** An instant as the reader's browser writes a date and time; '' for none. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}
