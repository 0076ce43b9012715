// What a controlling participant may do to an element of the stage page, decided on that page (by tandem.js) and
// nowhere else: the page knows its masks, and the relay never reads actions.
//  - view-only:      the whole site is view-only (data-tandem-view-only on the script tag)
//  - protected:      masked or blocked content (the masking rules, [data-tandem-block]): private to the page's owner
//  - no-control:     [data-tandem-no-control] (the site keeps it from remote control), Tandem's own UI
//  - needs-confirm:  [data-tandem-confirm] (Pay, Submit…): only highlighted; the page's owner presses it themselves
// null means the action may go ahead. Every rule looks through shadow roots, slots and same-origin frames
// (composed.js), so a field inside a web component inside a marked element is as protected as a plain one.

import { composedClosest } from '../composed.js';
import { Zones, isSensitiveInput, isSensitiveText } from '../masking.js';

export const NO_CONTROL_SELECTOR = '[data-tandem-no-control], [data-tandem-ui], [data-tandem-overlay]';
const BLOCK_SELECTOR = '[data-tandem-block]';
export const CONFIRM_SELECTOR = '[data-tandem-confirm]';

const INPUT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * @param {Element|null} el  the element an action addresses
 * @param {object} options   {viewOnly, maskAllInputs, privateByDefault}
 * @returns {null|'view-only'|'not-found'|'protected'|'no-control'|'needs-confirm'}
 */
export function refusal(el, options = {}) {
  if (options.viewOnly) return 'view-only';
  if (!el || el.nodeType !== 1 || typeof el.matches !== 'function') return 'not-found';
  const zones = new Zones();
  const targets = withLabelledControl(el);
  for (const target of targets) {
    if (composedClosest(target, BLOCK_SELECTOR)) return 'protected';
    const masked = INPUT_TAGS.has(target.tagName)
      ? isSensitiveInput(target, options, zones)
      : isSensitiveText(target, options, zones);
    if (masked) return 'protected';
  }
  for (const target of targets) {
    if (composedClosest(target, NO_CONTROL_SELECTOR)) return 'no-control';
  }
  if (composedClosest(el, CONFIRM_SELECTOR)) return 'needs-confirm';
  return null;
}

/** The element that asks for confirmation (for the highlight), across shadow boundaries. */
export function confirmTarget(el) {
  return composedClosest(el, CONFIRM_SELECTOR);
}

/** A click on a label acts on its control too, so both must be allowed. */
function withLabelledControl(el) {
  const label = el.tagName === 'LABEL' ? el : composedClosest(el, 'label');
  const control = label && label.control;
  return control && control !== el ? [el, control] : [el];
}

/** Whether an element takes typed text (text-like inputs, textareas, contenteditable). */
export function isTextEntry(el) {
  if (!el || el.nodeType !== 1) return false;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName === 'INPUT') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    return ['text', 'search', 'email', 'tel', 'url', 'number', 'password'].includes(type);
  }
  return Boolean(el.isContentEditable);
}
