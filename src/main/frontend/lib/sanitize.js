// The last check before a recorded rrweb event leaves the customer's browser. rrweb applies the masking options while
// it serialises, but it decides with Element.closest() and parentElement, which stop at shadow roots: text that sits
// directly in a shadow root reaches maskTextFn without an element, and a blocked web component's shadow root is
// still observed, so its later renders arrive as mutations. Here every node an event carries is looked up (rrweb's
// mirror gives the live node for an id) and checked with the composed rules of masking.js:
//   - inside a block across a shadow, slot or frame boundary: a same-size empty placeholder, or left out of the event;
//   - text in a masked (or, in private-by-default mode, not revealed) place: masked;
//   - input values, and a `value` attribute of any element in a masked place (form-associated custom elements): masked;
//   - a pre-selected <option> of a select that is not private keeps `selected` (rrweb drops it whenever selects are
//     routed through maskInputFn, so the mirror showed the first option).
// Events are changed in place; null means the event has nothing left to send.

import { Zones, isSensitiveInput, isSensitiveText, maskText } from './masking.js';

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;
const INPUT = 5;
const ELEMENT = 2;
const TEXT = 3;
const INPUT_TAGS = new Set(['input', 'textarea', 'select']);

/**
 * @param {object} event  an rrweb event
 * @param {(id: number) => Node|null|undefined} nodeOf  the live node of a serialised id (record.mirror.getNode)
 * @param {object} options  the masking options {maskAllInputs, privateByDefault}
 * @returns {object|null} the event, or null when nothing is left of it
 */
export function sanitizeEvent(event, nodeOf, options = {}) {
  if (!event) return null;
  const zones = new Zones();
  if (event.type === FULL_SNAPSHOT) {
    sanitizeTree(event.data.node, nodeOf, options, zones);
    return event;
  }
  if (event.type !== INCREMENTAL) return event;
  const data = event.data;
  if (data.source === MUTATION) {
    data.adds = (data.adds || []).filter((add) => {
      const live = nodeOf(add.node && add.node.id);
      if (live && zones.insideBlock(live)) return false;
      sanitizeTree(add.node, nodeOf, options, zones);
      return true;
    });
    data.texts = (data.texts || []).filter((text) => {
      const live = nodeOf(text.id);
      if (!live || zones.insideBlock(live)) return false;
      if (text.value && isSensitiveText(live, options, zones)) text.value = maskText(text.value);
      return true;
    });
    data.attributes = (data.attributes || []).filter((change) => {
      const live = nodeOf(change.id);
      if (!live || zones.insideBlock(live)) return false;
      sanitizeAttributes(change.attributes, live, options, zones);
      return true;
    });
    return event;
  }
  if (data.source === INPUT) {
    const live = nodeOf(data.id);
    if (!live || zones.insideBlock(live)) return null;
    if (typeof data.text === 'string' && isSensitiveInput(live, options, zones)) data.text = maskText(data.text);
    return event;
  }
  return event;
}

/** A serialised node and everything under it, without recursion (pages can be deep). */
function sanitizeTree(root, nodeOf, options, zones) {
  if (!root) return;
  const stack = [root];
  while (stack.length) {
    const sn = stack.pop();
    const live = nodeOf(sn.id);
    if (sn.type === TEXT) {
      if (sn.isStyle || !sn.textContent) continue;
      if (!live || isSensitiveText(live, options, zones)) sn.textContent = maskText(sn.textContent);
      continue;
    }
    if (sn.type !== ELEMENT) {
      if (sn.childNodes) stack.push(...sn.childNodes);
      continue;
    }
    if (!live) {
      placeholder(sn, null);
      continue;
    }
    if (zones.insideBlock(live)) {
      placeholder(sn, live);
      continue;
    }
    if (sn.attributes) sanitizeAttributes(sn.attributes, live, options, zones);
    if (sn.tagName === 'option') keepSelected(sn, live, options, zones);
    if (sn.childNodes) stack.push(...sn.childNodes);
  }
}

function sanitizeAttributes(attributes, live, options, zones) {
  if (!attributes || typeof attributes.value !== 'string' || !attributes.value) return;
  const tag = (live.tagName || '').toLowerCase();
  const sensitive = INPUT_TAGS.has(tag) ? isSensitiveInput(live, options, zones) : isSensitiveText(live, options, zones);
  if (sensitive) attributes.value = maskText(attributes.value);
}

function keepSelected(sn, option, options, zones) {
  const select = option.closest ? option.closest('select') : null; // an option and its select share one tree
  if (option.selected && select && !isSensitiveInput(select, options, zones) && !zones.inMask(option)) {
    sn.attributes = { ...sn.attributes, selected: true };
  }
}

/** What rrweb sends for a blocked element: its tag, class and size, nothing inside. */
function placeholder(sn, live) {
  const box = live && typeof live.getBoundingClientRect === 'function' ? live.getBoundingClientRect() : null;
  const attributes = { rr_width: `${box ? box.width : 0}px`, rr_height: `${box ? box.height : 0}px` };
  if (sn.attributes && typeof sn.attributes.class === 'string') attributes.class = sn.attributes.class;
  sn.attributes = attributes;
  sn.childNodes = [];
  delete sn.isShadowHost;
}
