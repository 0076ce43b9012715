// Element rules (mask, block, reveal, no-control, confirm) are written on elements of the page, but the element they
// must protect may live in a shadow root (a web component's field), be slotted into one, or sit in a same-origin
// iframe. Element.closest() stops at each of those boundaries, so every rule goes through this walk instead:
//   - the tree parent: parentElement, else the shadow root's host, else (at a document) the frame element of a
//     same-origin iframe;
//   - the assigned slot: a node slotted into a shadow tree is also inside everything around that slot.
// Rules that restrict (mask, block, no-control, confirm) match on any of these paths: fail closed. The allow-list
// (reveal) follows tree parents only, so slotting never reveals anything.

const ELEMENT = 1;
const DOCUMENT = 9;
const FRAGMENT = 11;

/** The parent across shadow and same-origin frame boundaries (not slots), or null at the top. */
export function treeParent(node) {
  if (!node) return null;
  if (node.nodeType === DOCUMENT) return frameOf(node);
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === FRAGMENT && parent.host) return parent.host;
  if (parent.nodeType === DOCUMENT) return frameOf(parent);
  return null;
}

/** The iframe element holding a document, when the parent is of the same origin; null otherwise. */
function frameOf(doc) {
  try {
    const view = doc.defaultView;
    return (view && view.frameElement) || null;
  } catch (e) {
    return null; // cross-origin parent: nothing above is ours to see
  }
}

/** The parents of a node on every composed path: its tree parent and, when slotted, its slot. */
export function composedParents(node) {
  const parents = [];
  const slot = node && node.assignedSlot;
  if (slot) parents.push(slot);
  const parent = treeParent(node);
  if (parent && parent !== slot) parents.push(parent);
  return parents;
}

/**
 * The nearest element matching the selector on any composed path from the node (the node itself first when it is
 * an element), or null. Works for text nodes too. `slots: false` follows tree parents only (for allow-lists).
 */
export function composedClosest(node, selector, { slots = true } = {}) {
  if (!node) return null;
  const seen = new Set();
  const queue = [node];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i];
    if (seen.has(current)) continue;
    seen.add(current);
    if (current.nodeType === ELEMENT && matches(current, selector)) return current;
    const next = slots ? composedParents(current) : [treeParent(current)];
    for (const parent of next) if (parent && !seen.has(parent)) queue.push(parent);
  }
  return null;
}

/** Whether an ancestor (not the node itself) matches the selector on any composed path. */
export function hasComposedAncestor(node, selector) {
  if (!node) return false;
  return composedParents(node).some((parent) => composedClosest(parent, selector) !== null);
}

function matches(el, selector) {
  try {
    return el.matches(selector);
  } catch (e) {
    return false;
  }
}
