// The annotation overlay: an SVG over the shared page (the customer's own, or the advisor's scaled mirror of it)
// that turns pointer input into annotation and pointer messages, and draws everyone's messages anchored to the
// page's elements. Thin DOM glue: state is in model.js, drawing in scene.js, geometry in geometry.js.

import { FrameBatcher, StrokeBatcher } from './batcher.js';
import { anchorAt, clientToDocument, distance, documentToViewport, insideView, normalizeView } from './geometry.js';
import { AnnotationModel, LIMITS, TOOLS, safeColor } from './model.js';
import { SVG_NS, buildScene, patch } from './scene.js';
import { t } from '../i18n.js';

const DRAWING = new Set(TOOLS);
const POINTING = new Set(['laser', 'spotlight']);
const MIN_STEP = 1.5; // px between recorded points: closer ones add bytes, not shape
const round = (n) => Math.round(n * 10) / 10;

export class AnnotationLayer {
  /**
   * @param {object} o
   * @param {Element|ShadowRoot} o.root    receives the SVG (and the note editor); sized like the shared viewport
   * @param {EventTarget} [o.eventTarget]  where pointing is tracked when no drawing tool is on (window, mirror panel)
   * @param {() => object} o.view          {scale, scrollX, scrollY, offsetLeft, offsetTop, width?, height?}
   * @param {(el: Element) => number|null} o.nodeIdOf   rrweb id of an element
   * @param {(id: number) => object|null} o.rectOf      an element's box in document coordinates, null if gone
   * @param {(x: number, y: number) => Element|null} o.elementAt  the page element at a document point
   * @param {{id: string, name: string, color: string, role: string}} o.me
   * @param {(type: string, payload: object) => void} o.send
   * @param {string|null} [o.page]         the page annotations belong to (the sharer's URL)
   * @param {boolean} [o.trackPointer]     send ptr.move (default true)
   * @param {boolean} [o.trackClicks]      send ptr.click (default true)
   * @param {() => object} [o.anchorFields] added to every anchor (a document page surface: {doc, page, w, h})
   * @param {boolean} [o.pagePointer]      ptr.move carries `page`, so it is drawn only over that page (documents)
   * @param {Document} [o.document]
   * @param {Function} [o.requestFrame] @param {Function} [o.cancelFrame] @param {() => number} [o.now]
   */
  constructor(o) {
    this.root = o.root;
    this.doc = o.document || o.root.ownerDocument || globalThis.document;
    this.eventTarget = o.eventTarget || null;
    this.view = o.view || (() => ({}));
    this.nodeIdOf = o.nodeIdOf || (() => null);
    this.rectOf = o.rectOf || (() => null);
    this.elementAt = o.elementAt || (() => null);
    this.me = o.me;
    this.sendOut = o.send;
    this.page = o.page ?? null;
    this.trackPointer = o.trackPointer !== false;
    this.trackClicks = o.trackClicks !== false;
    this.anchorFields = o.anchorFields || null;
    this.pagePointer = o.pagePointer === true;
    this.now = o.now || (() => performance.now());
    this.requestFrame = o.requestFrame || ((cb) => requestAnimationFrame(cb));
    this.cancelFrame = o.cancelFrame || ((h) => cancelAnimationFrame(h));
    const frames = { requestFrame: this.requestFrame, cancelFrame: this.cancelFrame };

    this.model = new AnnotationModel({ me: o.me, now: this.now });
    this.strokes = new StrokeBatcher({ author: o.me.id, ...frames, send: (type, payload) => {
      if (type !== 'ann.points') this.model.apply(type, payload, this.me.id, { local: true }); // points: on add
      this.emit(type, payload, false);
    } });
    this.laserBatch = new FrameBatcher((points) => this.emit('ptr.laser', { points }, false), frames);
    // only the last position of a frame is sent, anchored to the element under it (one hit test per frame)
    this.moveBatch = new FrameBatcher((moves) => this.emit('ptr.move', this.pointer(moves[moves.length - 1]), false),
      frames);
    this.tool = null;
    this.style = { color: this.model.person(o.me.id).color, width: 3 };
    this.stroke = null; // {id, last, count}
    this.spotNode = null;
    this.editor = null;
    this.frame = 0;
    this.cache = new Map();

    this.svg = this.doc.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.svg.setAttribute('class', 'tandem-annotations');
    this.svg.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;overflow:visible;'
      + 'pointer-events:none;touch-action:none;';
    this.root.appendChild(this.svg);
    this.listeners = [];
    this.listen(this.svg, 'pointerdown', (e) => this.down(e));
    this.listen(this.svg, 'pointermove', (e) => this.drawMove(e));
    this.listen(this.svg, 'pointerup', (e) => this.up(e));
    this.listen(this.svg, 'pointercancel', (e) => this.up(e));
    if (this.eventTarget) {
      const options = { capture: true, passive: true };
      this.listen(this.eventTarget, 'pointermove', (e) => this.trackMove(e), options);
      this.listen(this.eventTarget, 'pointerdown', (e) => this.trackDown(e), options);
    }
  }

  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.listeners.push(() => target.removeEventListener(type, handler, options));
  }

  /** Applies a message from another participant (payload: object or JSON text); returns whether it changed. */
  apply(type, payload, from) {
    if (typeof payload === 'string') {
      try {
        payload = JSON.parse(payload);
      } catch (e) {
        return false;
      }
    }
    const changed = this.model.apply(type, payload, from);
    if (changed) this.invalidate();
    return changed;
  }

  /** Names, roles and colours from sys.presence: [{id, name, role, state, color?}]. */
  setParticipants(list) {
    this.model.setParticipants(list);
    if (!this.styleChosen) this.style.color = this.model.person(this.me.id).color; // presence gives my colour
    this.invalidate();
  }

  setPage(page) {
    this.page = page ?? null;
    this.invalidate();
  }

  /** A new page was loaded on the stage: the page changes, and earlier pages' drawings go unless kept. */
  navigated(page) {
    this.model.navigated(page);
    this.setPage(page);
  }

  /** Advisors: keep annotations per page (true) or let them vanish on navigation (false, the default). */
  setKeep(keep) {
    if (this.me.role !== 'advisor') return;
    this.emit('ann.keep', { keep: Boolean(keep) });
  }

  /** null (just point), 'pen', 'arrow', 'rect', 'ellipse', 'text', 'laser' or 'spotlight'. */
  setTool(tool = null) {
    if (tool !== null && !DRAWING.has(tool) && !POINTING.has(tool)) throw new Error('unknown tool ' + tool);
    this.finishStroke();
    this.closeEditor(true);
    if (this.tool === 'laser') this.laserBatch.flush();
    if (this.tool === 'spotlight' && tool !== 'spotlight') this.spotlight(null);
    this.tool = tool;
    // a finger on the page scrolls it: on a touch screen the laser and spotlight take the finger, as drawing does
    const takesPointer = DRAWING.has(tool) || (POINTING.has(tool) && this.touchScreen());
    this.svg.style.pointerEvents = takesPointer ? 'auto' : 'none';
    this.svg.style.cursor = tool === 'text' ? 'text' : DRAWING.has(tool) ? 'crosshair' : '';
  }

  /** Whether the primary pointer is a finger (a phone or tablet), not a mouse. */
  touchScreen() {
    const win = this.doc.defaultView;
    return Boolean(win && typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches);
  }

  setStyle({ color, width } = {}) {
    if (color) this.styleChosen = true;
    this.style.color = safeColor(color, this.style.color);
    if (width) this.style.width = Math.min(32, Math.max(1, width));
  }

  /** Removes my most recent annotation on this page; returns its id. */
  undo() {
    this.finishStroke();
    const ids = this.model.ownIds(this.page ?? undefined);
    const id = ids[ids.length - 1];
    if (!id) return null;
    this.emit('ann.undo', { id });
    return id;
  }

  clearOwn() {
    this.finishStroke();
    this.emit('ann.clear', { author: this.me.id });
  }

  /** Everyone's annotations; advisors only (the others' layers ignore it from anyone else). */
  clearAll() {
    if (this.me.role !== 'advisor') return false;
    this.finishStroke();
    this.emit('ann.clear-all', {});
    return true;
  }

  /** Applies my own message locally and sends it. */
  emit(type, payload, applyLocally = true) {
    if (applyLocally) this.model.apply(type, payload, this.me.id, { local: true });
    this.sendOut(type, payload);
    this.invalidate();
  }

  toDocument(e, view = this.view()) {
    const p = clientToDocument({ x: e.clientX, y: e.clientY }, view);
    return { x: round(p.x), y: round(p.y) };
  }

  anchorFor(p) {
    const element = this.elementAt(p.x, p.y);
    const node = element ? this.nodeIdOf(element) : null;
    const rect = node != null ? this.rectOf(node) : null;
    const anchor = anchorAt(p, rect ? node : null, rect);
    return this.anchorFields ? { ...anchor, ...this.anchorFields() } : anchor;
  }

  down(e) {
    if (!DRAWING.has(this.tool) || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const p = this.toDocument(e);
    if (this.tool === 'text') {
      this.openEditor(p);
      return;
    }
    try {
      this.svg.setPointerCapture(e.pointerId); // keep the stroke when the pointer leaves the overlay
    } catch (error) {
      // not an active pointer (synthetic events): the stroke still works inside the overlay
    }
    const id = this.strokes.begin(this.tool, this.style, this.anchorFor(p), this.page);
    this.stroke = { id, last: null, count: 0 };
    this.addPoint(p);
  }

  addPoint(p) {
    const point = [p.x, p.y];
    if (this.stroke.last && distance(this.stroke.last, point) < MIN_STEP) return;
    if (++this.stroke.count > LIMITS.pointsPerStroke) return; // everyone else would drop them too
    this.stroke.last = point;
    this.strokes.add(point);
    if (this.model.apply('ann.points', { id: this.stroke.id, points: [point] }, this.me.id, { local: true })) {
      this.invalidate();
    }
  }

  drawMove(e) {
    if (!DRAWING.has(this.tool)) return;
    e.stopPropagation();
    if (!this.stroke) {
      this.pointAt(this.toDocument(e));
      return;
    }
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const view = this.view();
    for (const each of events.length ? events : [e]) this.addPoint(this.toDocument(each, view));
  }

  up(e) {
    if (!this.stroke) return;
    e.stopPropagation();
    if (e.type === 'pointerup') this.addPoint(this.toDocument(e));
    this.finishStroke();
  }

  finishStroke() {
    if (!this.stroke) return;
    this.stroke = null;
    this.strokes.end();
  }

  /** Pointer tracking while no drawing tool captures the pointer (the laser and spotlight just point). */
  trackMove(e) {
    if (DRAWING.has(this.tool)) return;
    const view = this.view();
    const p = this.toDocument(e, view);
    if (!insideView(p, view)) return;
    if (this.tool === 'laser') {
      const t = Math.round(this.now());
      this.laserBatch.add([p.x, p.y, t]);
      this.model.apply('ptr.laser', { points: [[p.x, p.y, t]] }, this.me.id, { local: true });
      this.invalidate();
      return;
    }
    if (this.tool === 'spotlight') {
      const element = this.elementAt(p.x, p.y);
      const node = element ? this.nodeIdOf(element) : null;
      if (node !== this.spotNode) this.spotlight(node);
    }
    this.pointAt(p);
  }

  pointAt(p) {
    if (this.trackPointer) this.moveBatch.add(p);
  }

  pointer(p) {
    const anchor = this.anchorFor(p);
    const move = anchor.node != null ? { x: p.x, y: p.y, anchor } : { x: p.x, y: p.y };
    if (this.pagePointer && this.page !== null) move.page = this.page;
    return move;
  }

  trackDown(e) {
    // only the person's own clicks: a controller's click carried out here is theirs, so never echoed back
    if (DRAWING.has(this.tool) || !this.trackClicks || e.button !== 0 || e.isTrusted === false) return;
    const view = this.view();
    const p = this.toDocument(e, view);
    if (insideView(p, view)) this.emit('ptr.click', p, false);
  }

  spotlight(node) {
    this.spotNode = node ?? null;
    this.emit('ptr.spotlight', { node: this.spotNode });
  }

  /** A one-line editor for a text note at document point p; Enter or leaving it commits, Escape cancels. */
  openEditor(p) {
    this.closeEditor(true);
    const v = normalizeView(this.view());
    const at = documentToViewport(p, { x: v.scrollX, y: v.scrollY });
    const input = this.doc.createElement('input');
    input.type = 'text';
    input.maxLength = LIMITS.text;
    input.setAttribute('aria-label', t('annotate.note'));
    input.style.cssText = `position:absolute;left:${at.x}px;top:${at.y}px;transform:scale(${1 / v.scale});`
      + 'transform-origin:0 0;font:16px system-ui,sans-serif;min-width:12em;padding:2px 4px;z-index:1;'
      + `border:2px solid ${this.style.color};border-radius:4px;pointer-events:auto;`;
    this.editor = { input, at: p };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation(); // the page's shortcuts must not see a note being typed
      if (e.key === 'Enter') this.closeEditor(true);
      if (e.key === 'Escape') this.closeEditor(false);
    });
    input.addEventListener('blur', () => this.closeEditor(true));
    this.root.appendChild(input);
    input.focus();
  }

  closeEditor(commit) {
    const editor = this.editor;
    if (!editor) return;
    this.editor = null;
    const value = editor.input.value.trim().slice(0, LIMITS.text);
    editor.input.remove();
    if (!commit || !value) return;
    const p = editor.at;
    this.strokes.begin('text', this.style, this.anchorFor(p), this.page);
    this.strokes.add([p.x, p.y]);
    const id = this.strokes.id;
    this.model.apply('ann.points', { id, points: [[p.x, p.y]] }, this.me.id, { local: true });
    this.strokes.end({ text: value });
  }

  /** Redraws on the next animation frame (after scroll, resize, DOM changes, or new messages). */
  invalidate() {
    if (this.frame || this.disposed) return;
    this.frame = this.requestFrame(() => {
      this.frame = 0;
      this.render();
      if (this.model.animating()) this.invalidate();
    });
  }

  /** Recomputes every position from its anchor and the current view, now. */
  render() {
    const now = this.now();
    this.model.prune(now);
    const nodes = buildScene(this.model, { view: this.view(), rectOf: this.rectOf, page: this.page, now });
    patch(this.svg, nodes, this.doc, this.cache);
  }

  dispose() {
    this.finishStroke();
    this.closeEditor(false);
    this.laserBatch.flush();
    this.moveBatch.discard();
    if (this.frame) this.cancelFrame(this.frame);
    this.disposed = true;
    this.listeners.forEach((off) => off());
    this.listeners = [];
    this.svg.remove();
  }
}
