// Defence in depth on the viewing side: before a recorded rrweb event is played into the advisor's live mirror or a
// supervisor's replay, anything in it that could act is taken out. The mirror's frame is sandboxed without scripts,
// so none of this runs today; this keeps it so if a browser, rrweb or the sandbox ever lets it through, and it keeps
// a recording (kept for months) from carrying live handlers into whatever plays it next.
//   - event-handler attributes (onclick, onerror, ... any attribute starting with "on") are dropped;
//   - a URL attribute whose scheme is javascript: or vbscript: (after the blanks and control characters browsers
//     ignore) is dropped; a data: URL is dropped where it would be navigated to or run (links, forms, frames, objects);
//   - an iframe's srcdoc is dropped (it would be a second document outside these rules);
//   - a <meta http-equiv="refresh"> loses its content (it would navigate the mirror's frame);
//   - a <script>'s src and text are dropped.
// Events are changed in place and returned.

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;
const ELEMENT = 2;

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background',
  'codebase', 'cite', 'longdesc', 'usemap', 'lowsrc', 'dynsrc', 'ping']);
const NAVIGATED = new Set(['href', 'action', 'formaction', 'xlink:href', 'data', 'codebase']);
const RUNNABLE_TAGS = new Set(['iframe', 'frame', 'object', 'embed']);

/** The scheme a browser would see in a URL attribute's value, lower case, or '' when it has none. */
export function schemeOf(value) {
  // Browsers strip leading C0 controls and spaces, and tabs and newlines anywhere, before they read the scheme.
  const cleaned = String(value).replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return match ? match[1].toLowerCase() : '';
}

/** Whether an attribute of an element of tagName may stay in the mirror. */
export function keepAttribute(tagName, name, value) {
  const attribute = String(name).toLowerCase();
  if (attribute.startsWith('on')) return false;
  if (attribute === 'srcdoc') return false;
  if (value === null || value === undefined || typeof value !== 'string') return true;
  if (URL_ATTRIBUTES.has(attribute)) {
    const scheme = schemeOf(value);
    if (scheme === 'javascript' || scheme === 'vbscript') return false;
    if (scheme === 'data' && (NAVIGATED.has(attribute) || RUNNABLE_TAGS.has(tagName))) return false;
  }
  return true;
}

function defuseElement(node) {
  const tagName = String(node.tagName || '').toLowerCase();
  const attributes = node.attributes || {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!keepAttribute(tagName, name, value)) delete attributes[name];
  }
  if (tagName === 'meta' && String(attributes['http-equiv'] || '').toLowerCase() === 'refresh') {
    delete attributes.content;
  }
  if (tagName === 'script') {
    delete attributes.src;
    node.childNodes = [];
  }
}

/**
 * Defuses a serialised node and everything under it (shadow roots included: rrweb keeps them as children), noting
 * each element's tag by id in tags (for later attribute changes).
 */
export function defuseTree(node, tags = null) {
  const stack = node ? [node] : [];
  while (stack.length) {
    const current = stack.pop();
    if (current.type === ELEMENT) {
      defuseElement(current);
      if (tags) tags.set(current.id, String(current.tagName || '').toLowerCase());
    }
    if (current.childNodes) for (const child of current.childNodes) stack.push(child);
  }
}

/**
 * Defuses the events of one recorded or live page, in order. It remembers the tag of every element it has seen by
 * rrweb id, because an attribute change carries only the id (a data: URL is harmless on an img, not on an iframe).
 */
export class Defuser {
  constructor() {
    this.tags = new Map();
  }

  /** @returns {object} the same event, defused */
  defuse(event) {
    if (!event || !event.data) return event;
    if (event.type === FULL_SNAPSHOT) {
      this.tags.clear();
      defuseTree(event.data.node, this.tags);
      return event;
    }
    if (event.type !== INCREMENTAL || event.data.source !== MUTATION) return event;
    for (const add of event.data.adds || []) defuseTree(add.node, this.tags);
    for (const removed of event.data.removes || []) this.tags.delete(removed.id);
    for (const change of event.data.attributes || []) {
      const tagName = this.tags.get(change.id) || '';
      const attributes = change.attributes || {};
      for (const [name, value] of Object.entries(attributes)) {
        // A removal (null) always stays: taking an attribute away cannot make anything act.
        if (value !== null && !keepAttribute(tagName, name, value)) delete attributes[name];
      }
    }
    return event;
  }
}
