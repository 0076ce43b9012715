// Real DOM for the browser-side units (jsdom from npm): elements, shadow roots, slots and frames behave as in a
// browser, so rules that walk the tree are tested against the real thing, not a stand-in.
import { JSDOM } from 'jsdom';

/** A fresh document (and its window) with the given body. */
export function page(body = '') {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`);
  return { window: dom.window, document: dom.window.document };
}

/**
 * An element of a tag with attributes, inside ancestors given as attribute maps (closest first), in a new page.
 * @returns {Element}
 */
export function element(tagName = 'span', attributes = {}, ancestors = []) {
  const { document } = page();
  let parent = document.body;
  for (const attrs of [...ancestors].reverse()) {
    const div = document.createElement('div');
    for (const [name, value] of Object.entries(attrs)) div.setAttribute(name, value);
    parent.appendChild(div);
    parent = div;
  }
  const el = document.createElement(tagName);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  parent.appendChild(el);
  return el;
}

/** Attaches an open shadow root with the given markup to a host and returns the root. */
export function shadow(host, html) {
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = html;
  return root;
}
