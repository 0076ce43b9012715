// Where the overlay lives on each side, and the page facts the layer needs there: over the customer's own page
// (inside a closed shadow root, which rrweb cannot see, so the overlay is never recorded and sent back), or over the
// advisor's scaled mirror. Both give rrweb node ids, element boxes in document coordinates, and the view.

import { rectToDocument } from './geometry.js';

function scrollOf(doc) {
  const win = doc && doc.defaultView;
  if (!win) return { x: 0, y: 0 };
  const root = doc.documentElement;
  return { x: win.scrollX || root.scrollLeft || 0, y: win.scrollY || root.scrollTop || 0 };
}

/**
 * nodeIdOf/rectOf over an rrweb mirror (record.mirror on the sharer's page, replayer.getMirror() in the viewer).
 * @param {() => {getId(n: Node): number, getNode(id: number): Node|null}|null} getMirror  read at each call
 * @param {() => Document|null} getDocument  the document the nodes live in
 */
export function rrwebNodes(getMirror, getDocument) {
  return {
    nodeIdOf(element) {
      const mirror = getMirror();
      const id = mirror && element ? mirror.getId(element) : -1;
      return id > 0 ? id : null;
    },
    rectOf(id) {
      const mirror = getMirror();
      const node = mirror ? mirror.getNode(id) : null;
      if (!node || !node.isConnected || typeof node.getBoundingClientRect !== 'function') return null;
      if (!node.getClientRects().length) return null; // not rendered (display: none)
      return rectToDocument(node.getBoundingClientRect(), scrollOf(getDocument()));
    },
  };
}

/** The innermost element at a viewport point, inside open shadow roots too (a web component's own field). */
function deepest(el, x, y) {
  let current = el;
  for (let depth = 0; current && current.shadowRoot && depth < 32; depth++) {
    const inner = current.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === current) break;
    current = inner;
  }
  return current;
}

/** The first element at a viewport point that is not the overlay itself. */
function elementBelow(doc, overlay, x, y) {
  const scroll = scrollOf(doc);
  const list = doc.elementsFromPoint(x - scroll.x, y - scroll.y);
  return list.find((el) => el !== overlay && !overlay.contains(el)) || null;
}

/**
 * The sharer's own page. Returns the AnnotationLayer options for it plus watch(callback) (scroll, resize, DOM
 * changes, late loads) and dispose().
 * @param {Window} win
 * @param {() => object} getMirror  () => record.mirror of rrweb
 */
export function pageSurface(win, getMirror) {
  const doc = win.document;
  const host = doc.createElement('div');
  host.setAttribute('data-tandem-overlay', '');
  // direction:ltr: a drawing lands on the same spot of the page whatever the direction of the page or of the UI
  host.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483646;direction:ltr;';
  (doc.body || doc.documentElement).appendChild(host);
  const root = host.attachShadow({ mode: 'closed' });
  return {
    root,
    document: doc,
    eventTarget: win,
    view: () => ({ scale: 1, scrollX: win.scrollX, scrollY: win.scrollY, offsetLeft: 0, offsetTop: 0,
      width: win.innerWidth, height: win.innerHeight }),
    elementAt: (x, y) => elementBelow(doc, host, x, y),
    ...rrwebNodes(getMirror, () => doc),
    watch(callback) {
      const options = { capture: true, passive: true };
      win.addEventListener('scroll', callback, options); // capture: scrolling containers too
      win.addEventListener('resize', callback);
      win.addEventListener('load', callback, true); // images and fonts change the layout without a mutation
      const observer = new MutationObserver(callback);
      observer.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      return () => {
        win.removeEventListener('scroll', callback, options);
        win.removeEventListener('resize', callback);
        win.removeEventListener('load', callback, true);
        observer.disconnect();
      };
    },
    dispose: () => host.remove(),
  };
}

/**
 * The advisor's mirror (lib/mirror.js). The overlay sits in the panel next to the stage, not in it (the stage is
 * emptied on every snapshot), and copies the stage's size and scale at each render.
 * @param {import('../mirror.js').Mirror} mirror
 */
export function mirrorSurface(mirror) {
  const doc = mirror.panel.ownerDocument;
  const root = doc.createElement('div');
  root.className = 'tandem-annotation-root';
  root.style.cssText = 'position:absolute;left:0;top:0;transform-origin:0 0;pointer-events:none;z-index:5;'
    + 'overflow:hidden;direction:ltr;';
  mirror.panel.appendChild(root);
  const frameDocument = () => mirror.document();
  let shown = '';
  return {
    root,
    document: doc,
    eventTarget: mirror.panel,
    view() {
      const { width, height } = mirror.viewport;
      const scale = mirror.scale || 1;
      const offset = mirror.offset || { x: 0, y: 0 };
      const now = `${width}x${height}@${scale}+${offset.x},${offset.y}`;
      if (shown !== now) { // follow the stage (size, scale, centring); write styles only when they change
        shown = now;
        root.style.left = offset.x + 'px';
        root.style.top = offset.y + 'px';
        root.style.width = width + 'px';
        root.style.height = height + 'px';
        root.style.transform = `scale(${scale})`;
      }
      const box = mirror.stage.getBoundingClientRect();
      const scroll = scrollOf(frameDocument());
      return { scale, scrollX: scroll.x, scrollY: scroll.y, offsetLeft: box.left, offsetTop: box.top, width, height };
    },
    elementAt(x, y) {
      const frame = frameDocument();
      if (!frame) return null;
      const scroll = scrollOf(frame);
      return deepest(frame.elementFromPoint(x - scroll.x, y - scroll.y), x - scroll.x, y - scroll.y);
    },
    ...rrwebNodes(() => (mirror.replayer ? mirror.replayer.getMirror() : null), frameDocument),
    watch(callback) {
      const observer = new ResizeObserver(callback);
      observer.observe(mirror.panel);
      return () => observer.disconnect();
    },
    dispose: () => root.remove(),
  };
}
