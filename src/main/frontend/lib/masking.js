// What leaves the customer's browser is decided here, before rrweb serialises anything. Rules (docs/security.md):
// passwords (also after a show-password toggle), card fields (autocomplete cc-*), hidden inputs, anything inside
// [data-tandem-mask]; [data-tandem-block] becomes a same-size placeholder; a site-wide "mask all inputs" switch; and a
// private-by-default mode in which only [data-tandem-reveal] content is shown.

export const MASK_SELECTOR = '[data-tandem-mask]';
export const BLOCK_SELECTOR = '[data-tandem-block], input[type="hidden" i], script, noscript, iframe[srcdoc]';
export const REVEAL_SELECTOR = '[data-tandem-reveal]';

/** Every input type rrweb knows: all of them are routed through maskInput, which decides per element. */
export const ALL_INPUT_TYPES = [
  'color', 'date', 'datetime-local', 'email', 'month', 'number', 'range', 'search', 'tel', 'text', 'time', 'url',
  'week', 'textarea', 'select', 'password',
];

/** Whether an input-like element's value must never leave the browser. */
export function isSensitiveInput(el, options = {}) {
  if (!el || typeof el.getAttribute !== 'function') return true; // unknown: fail closed
  if (options.maskAllInputs) return true;
  if (options.privateByDefault && !el.closest(REVEAL_SELECTOR)) return true;
  const type = (el.getAttribute('type') || '').toLowerCase();
  if (type === 'password' || type === 'hidden' || el.hasAttribute('data-rr-is-password') || wasPassword(el)) {
    return true;
  }
  const autocomplete = (el.getAttribute('autocomplete') || '').toLowerCase();
  if (autocomplete.split(/\s+/).some((token) => token.startsWith('cc-'))) return true;
  return Boolean(el.closest(MASK_SELECTOR));
}

/** Whether text inside this element must be masked. */
export function isSensitiveText(el, options = {}) {
  if (!el || typeof el.closest !== 'function') return true;
  if (options.privateByDefault) return !el.closest(REVEAL_SELECTOR);
  return Boolean(el.closest(MASK_SELECTOR));
}

/** Same length, no content: keeps the layout, loses the secret. */
export function maskText(text) {
  return text.replace(/\S/g, '•');
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
    maskInputFn: (text, el) => (isSensitiveInput(el, options) ? maskText(text || '') : text),
    maskTextSelector: options.privateByDefault ? '*' : MASK_SELECTOR,
    maskTextFn: (text, el) => (isSensitiveText(el, options) ? maskText(text) : text),
    blockSelector: BLOCK_SELECTOR,
  };
}
