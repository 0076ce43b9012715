// What leaves the customer's browser is decided here, before rrweb serialises anything. Rules (docs/security.md):
// passwords (also after a show-password toggle), card fields (autocomplete cc-*), hidden inputs, anything inside
// [data-tandem-mask]; [data-tandem-block] becomes a same-size placeholder; a site-wide "mask all inputs" switch; and a
// private-by-default mode in which only [data-tandem-reveal] content is shown; and "mask all" (options.maskAll), as if
// the whole page were inside [data-tandem-mask], for a page framed where its parent masks the frame (frame-child.js).
// Every rule looks through shadow roots, slots and same-origin iframes (composed.js): a field inside a web component
// is private when the component, or anything around it on the page, is marked. rrweb decides what it serialises with
// Element.closest(), which stops at shadow roots; sanitize.js checks every event against these rules once more
// before it leaves the browser.

import { composedParents, treeParent } from './composed.js';

export const MASK_SELECTOR = '[data-tandem-mask]';
export const BLOCK_SELECTOR = '[data-tandem-block], input[type="hidden" i], script, noscript, iframe[srcdoc]';
export const REVEAL_SELECTOR = '[data-tandem-reveal]';

/** Every input type rrweb knows: all of them are routed through maskInput, which decides per element. */
export const ALL_INPUT_TYPES = [
  'color', 'date', 'datetime-local', 'email', 'month', 'number', 'range', 'search', 'tel', 'text', 'time', 'url',
  'week', 'textarea', 'select', 'password',
];

/**
 * The composed rules for one synchronous pass over the page (a snapshot, one event): each element's answer is worked
 * out once. The page runs no script during such a pass, so the answers cannot go stale; make a new one per pass.
 */
export class Zones {
  constructor() {
    this.masks = new Map();
    this.blocks = new Map();
    this.reveals = new Map();
  }

  /** Inside [data-tandem-mask] on any composed path (the node, its hosts, slots and frames). */
  inMask(node) {
    return this.any(node, MASK_SELECTOR, this.masks, true);
  }

  /** Inside the allow-list: [data-tandem-reveal] on the node's tree path (slotting reveals nothing). */
  revealed(node) {
    return this.any(node, REVEAL_SELECTOR, this.reveals, false);
  }

  /**
   * Inside a blocked element that rrweb cannot see as one: an ancestor across a shadow root, slot or frame boundary
   * is blocked (rrweb blocks an element it matches itself, and then records nothing of it).
   */
  insideBlock(node) {
    return Boolean(node) && composedParents(node).some((parent) => this.any(parent, BLOCK_SELECTOR, this.blocks, true));
  }

  any(node, selector, memo, slots) {
    if (!node) return false;
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, false); // a cycle (it cannot happen in a DOM) ends here
    const parents = slots ? composedParents(node) : [treeParent(node)];
    const found = (node.nodeType === 1 && matches(node, selector)) || parents.some((p) => this.any(p, selector, memo, slots));
    memo.set(node, found);
    return found;
  }
}

function matches(el, selector) {
  try {
    return el.matches(selector);
  } catch (e) {
    return true; // an element that cannot be asked: fail closed
  }
}

/** Whether an input-like element's value must never leave the browser. */
export function isSensitiveInput(el, options = {}, zones = new Zones()) {
  if (!el || typeof el.getAttribute !== 'function') return true; // unknown: fail closed
  if (options.maskAllInputs || options.maskAll) return true;
  if (options.privateByDefault && !zones.revealed(el)) return true;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (type === 'password' || type === 'hidden' || el.hasAttribute('data-rr-is-password') || wasPassword(el)) {
    return true;
  }
  const autocomplete = (el.getAttribute('autocomplete') || '').toLowerCase();
  if (autocomplete.split(/\s+/).some((token) => token.startsWith('cc-'))) return true;
  return zones.inMask(el);
}

/** Whether text in this node (an element, or a text node itself) must be masked. */
export function isSensitiveText(node, options = {}, zones = new Zones()) {
  if (!node || typeof node.nodeType !== 'number') return true; // unknown: fail closed
  if (options.maskAll || zones.inMask(node)) return true;
  return Boolean(options.privateByDefault) && !zones.revealed(node);
}

/** Inside [data-tandem-mask] on any composed path. */
export function isInMask(node) {
  return new Zones().inMask(node);
}

/** Inside a block across a shadow root, slot or frame boundary (see Zones.insideBlock). */
export function isInsideBlock(node) {
  return new Zones().insideBlock(node);
}

/** Same length, no content: keeps the layout of text, loses the secret. */
export function maskText(text) {
  return text.replace(/\S/g, '•');
}

/** What a masked field shows whatever was typed: always this many dots, so a secret's length is not told either. */
export const MASKED_VALUE = '••••••••';

/** A private field's value: empty stays empty (the field's placeholder shows), anything else is MASKED_VALUE. */
export function maskValue(value) {
  return value ? MASKED_VALUE : '';
}

const everPassword = new WeakSet();

/** Remembers inputs that were ever of type password, so a show-password toggle never reveals them. */
export function rememberPasswords(root) {
  if (!root || typeof root.querySelectorAll !== 'function') return;
  for (const el of root.querySelectorAll('input[type="password" i]')) everPassword.add(el);
}

export function notePasswordTypeChange(el, oldType) {
  if ((oldType || '').toLowerCase() === 'password') everPassword.add(el);
}

function wasPassword(el) {
  return everPassword.has(el);
}

/** rrweb record options implementing the rules above. */
export function rrwebMaskingOptions(options = {}) {
  const maskInputOptions = Object.fromEntries(ALL_INPUT_TYPES.map((t) => [t, true]));
  return {
    maskAllInputs: false,
    maskInputOptions,
    maskInputFn: (text, el) => (isSensitiveInput(el, options) ? maskValue(text) : text),
    // every text goes through maskTextFn, which decides with the composed rules; rrweb passes no element for text
    // that sits directly in a shadow root, and sanitize.js decides for that text from the node itself
    maskTextSelector: '*',
    maskTextFn: (text, el) => (el && isSensitiveText(el, options) ? maskText(text) : text),
    blockSelector: BLOCK_SELECTOR,
  };
}
