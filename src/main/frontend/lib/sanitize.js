// The last check before a recorded rrweb event leaves the customer's browser. rrweb applies the masking options while
// it serialises, but it decides with Element.closest() and parentElement, which stop at shadow roots: text that sits
// directly in a shadow root reaches maskTextFn without an element, and a blocked web component's shadow root is
// still observed, so its later renders arrive as mutations. Here every node an event carries is looked up (rrweb's
// mirror gives the live node for an id) and checked with the composed rules of masking.js:
//   - blocked, or inside a block across a shadow, slot or frame boundary: an empty placeholder of the element's exact
//     border box (marked for the mirror's label), or left out of the event; a hidden input stays hidden;
//   - a frame from another origin: marked, so the mirror labels it instead of showing a blank hole;
//   - a canvas: its laid-out size (rr_width, rr_height), so the mirror keeps its box (see lib/canvas.js);
//   - text in a masked (or, in private-by-default mode, not revealed) place: masked;
//   - input values, and a `value` attribute of any element in a masked place (form-associated custom elements): masked
//     to a fixed number of dots;
//   - a canvas's image (rr_dataURL, in a snapshot or a sampled frame, see canvas.js) in a masked or not revealed
//     place: left out; an image over the frame size limit: left out;
//   - a pre-selected <option> of a select that is not private keeps `selected` (rrweb drops it whenever selects are
//     routed through maskInputFn, so the mirror showed the first option).
// Events are changed in place; null means the event has nothing left to send.

import { dropOversizedImage } from './canvas.js';
import { Zones, isSensitiveInput, isSensitiveText, maskText, maskValue } from './masking.js';
import { isForeignFrame } from './cross-frame.js';

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;
const INPUT = 5;
const CANVAS_MUTATION = 9;
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
      return Boolean(change.attributes) && Object.keys(change.attributes).length > 0;
    });
    const nothingLeft = !data.adds.length && !data.texts.length && !data.attributes.length
      && !(data.removes && data.removes.length);
    return nothingLeft ? null : event;
  }
  if (data.source === CANVAS_MUTATION) {
    // canvas.js turns rrweb's sampled frames into attribute changes; anything else drawn on a canvas is not sent
    // unless the canvas may be shown
    const live = nodeOf(data.id);
    return !live || zones.insideBlock(live) || isSensitiveText(live, options, zones) ? null : event;
  }
  if (data.source === INPUT) {
    const live = nodeOf(data.id);
    if (!live || zones.insideBlock(live)) return null;
    if (typeof data.text === 'string' && isSensitiveInput(live, options, zones)) data.text = maskValue(data.text);
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
    // rrweb's own placeholder for an element it blocked (rr_width), or one inside a block it could not see
    if ((sn.attributes && 'rr_width' in sn.attributes) || zones.insideBlock(live)) {
      placeholder(sn, live);
      continue;
    }
    if (sn.tagName === 'iframe' && isForeignFrame(live)) foreignFrame(sn);
    if (sn.tagName === 'canvas') canvasSize(sn.attributes || (sn.attributes = {}), live);
    if (sn.attributes) sanitizeAttributes(sn.attributes, live, options, zones);
    if (sn.tagName === 'option') keepSelected(sn, live, options, zones);
    if (sn.childNodes) stack.push(...sn.childNodes);
  }
}

function sanitizeAttributes(attributes, live, options, zones) {
  if (!attributes) return;
  if (typeof attributes.rr_dataURL === 'string') {
    // a canvas's image (a snapshot's, or a sampled frame): private where text would be masked
    if (isSensitiveText(live, options, zones)) delete attributes.rr_dataURL;
    else dropOversizedImage(attributes);
    if (attributes.rr_dataURL) canvasSize(attributes, live);
  }
  if (typeof attributes.value !== 'string' || !attributes.value) return;
  const tag = (live.tagName || '').toLowerCase();
  const sensitive = INPUT_TAGS.has(tag) ? isSensitiveInput(live, options, zones) : isSensitiveText(live, options, zones);
  if (sensitive) attributes.value = maskValue(attributes.value);
}

function keepSelected(sn, option, options, zones) {
  const select = option.closest ? option.closest('select') : null; // an option and its select share one tree
  if (option.selected && select && !isSensitiveInput(select, options, zones) && !zones.inMask(option)) {
    sn.attributes = { ...sn.attributes, selected: true };
  }
}

/** Marks a placeholder for the mirror's styles (a hatched box labelled "Hidden for privacy", lib/mirror.js). */
export const PLACEHOLDER_ATTRIBUTE = 'data-tandem-placeholder';

/**
 * What is sent for a blocked element: its tag, class and exact border box, nothing inside. The mirror sizes the
 * placeholder as a border box, so padding and borders from its class do not add to it whatever the page's
 * box-sizing; an inline element's placeholder is drawn as an inline block of its size. A hidden input (blocked: its
 * value never leaves) stays a hidden input, so it leaves no trace in the mirror.
 */
function placeholder(sn, live) {
  if (sn.tagName === 'input' && live && typeof live.getAttribute === 'function'
    && (live.getAttribute('type') || '').toLowerCase() === 'hidden') {
    sn.attributes = { type: 'hidden' };
  } else {
    const box = borderBox(live);
    const attributes = { rr_width: `${box.width}px`, rr_height: `${box.height}px` };
    if (sn.attributes && typeof sn.attributes.class === 'string') attributes.class = sn.attributes.class;
    if (box.width > 0 && box.height > 0) attributes[PLACEHOLDER_ATTRIBUTE] = box.inline ? 'inline' : 'block';
    sn.attributes = attributes;
  }
  sn.childNodes = [];
  delete sn.isShadowHost;
}

/**
 * The element's border box as laid out, before any transform (the placeholder in the mirror is transformed by the
 * same rules and ancestors): the computed size plus padding and border for a content-box element. An inline element
 * (no computed size) is measured on screen.
 */
export function borderBox(el) {
  if (!el || typeof el.getBoundingClientRect !== 'function') return { width: 0, height: 0, inline: false };
  const view = el.ownerDocument && el.ownerDocument.defaultView;
  const style = view && typeof view.getComputedStyle === 'function' ? view.getComputedStyle(el) : null;
  const inline = Boolean(style) && style.display === 'inline';
  if (style && !inline && /px$/.test(style.width) && /px$/.test(style.height)) {
    const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
    let width = px('width');
    let height = px('height');
    if (style.boxSizing !== 'border-box') {
      width += px('padding-left') + px('padding-right') + px('border-left-width') + px('border-right-width');
      height += px('padding-top') + px('padding-bottom') + px('border-top-width') + px('border-bottom-width');
    }
    return { width: round(width), height: round(height), inline };
  }
  const rect = el.getBoundingClientRect();
  return { width: round(rect.width), height: round(rect.height), inline };
}

const round = (n) => Math.round(n * 100) / 100;

/**
 * A frame from another site is shown as a labelled box of the same size ("Content from another site is not shown");
 * rrweb keeps its attributes (size, class), drops its address from src and records nothing inside.
 */
function foreignFrame(sn) {
  sn.attributes = { ...sn.attributes, [PLACEHOLDER_ATTRIBUTE]: 'frame' };
  sn.childNodes = [];
}

/**
 * A canvas's laid-out size (its computed width and height, as the page's box-sizing reads them): the mirror runs no
 * script, so a canvas there has no bitmap of its own and is drawn as a box of this size showing its latest image.
 */
function canvasSize(attributes, canvas) {
  const view = canvas.ownerDocument && canvas.ownerDocument.defaultView;
  const style = view && typeof view.getComputedStyle === 'function' ? view.getComputedStyle(canvas) : null;
  if (!style || !/px$/.test(style.width) || !/px$/.test(style.height)) return;
  attributes.rr_width = `${round(parseFloat(style.width))}px`;
  attributes.rr_height = `${round(parseFloat(style.height))}px`;
}
