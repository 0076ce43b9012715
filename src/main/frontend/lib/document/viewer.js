// Renders one policy document version: a PDF page with pdf.js (canvas, text layer for selecting text, an overlay for
// highlights placed in page fractions), or sanitised HTML in a frame that may not run script. The view is
// {page, scroll, zoom}; the session module decides whose view is shown. With `fitWidth` (the customer's workspace, on
// a phone) zoom 1 is the page fitted to the scroll box's width (lib/document/geometry.js fitScale), and it is drawn
// again at the new width when the box changes (a phone turned on its side): each side keeps its own size of the
// page, and drawings and highlights, kept in the page's units and fractions, stay on the same spot of it.

import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import { backingRatio, fitScale, normaliseView, scrollFraction, scrollTopFor, toPageRects } from './geometry.js';
import { localizeAttr, t } from '../i18n.js';

// the worker is bundled from the same npm package by the build (assets/pdf.worker.js)
pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.js';

export class DocumentViewer {
  /**
   * @param {HTMLElement} root  filled with the scroll box
   * @param {object} options    onScroll(): the user scrolled (not the program); fitWidth: zoom 1 is the page fitted
   *                            to the box's width, fitted again when the box's width changes
   */
  constructor(root, options = {}) {
    this.options = options;
    this.scroller = document.createElement('div');
    this.scroller.className = 'doc-scroll';
    // a scroll box the keyboard can reach and scroll (WCAG 2.1.1), named for screen readers
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'region');
    localizeAttr(this.scroller, 'aria-label', 'document.pages');
    root.replaceChildren(this.scroller);
    this.current = { page: 1, scroll: 0, zoom: 1 };
    this.pages = 1;
    this.highlights = new Map();
    this.renders = 0;
    this.rendered = null;
    this.pageBox = null;
    this.pageSize = null; // the shown PDF page at zoom 1: the unit of drawings on it
    this.renderedListeners = new Set();
    this.scroller.addEventListener('scroll', () => this.scrolled(this.scroller));
    this.scale = 1; // of the page drawn now: its zoom times the fit to the box
    if (options.fitWidth) {
      this.scroller.dataset.fit = 'width';
      this.resizeObserver = new ResizeObserver(() => this.refit());
      this.resizeObserver.observe(this.scroller);
    }
  }

  /** The scale of a page at a zoom: the zoom, times the fit of the page to the box's width when fitting. */
  scaleFor(zoom, pageWidth) {
    return zoom * (this.options.fitWidth ? fitScale(pageWidth, this.scroller.clientWidth) : 1);
  }

  /** The box's width changed (turned, resized): the shown page is drawn again at its new fit, at the same scroll. */
  async refit() {
    if (!this.pdf || !this.rendered || !this.pageSize) return;
    const scale = this.scaleFor(this.rendered.zoom, this.pageSize.width);
    if (Math.abs(scale - this.scale) * this.pageSize.width < 1) return;
    const { page, zoom } = this.rendered;
    await this.renderPage(page, zoom);
    if (this.rendered && this.rendered.page === page && this.rendered.zoom === zoom) {
      this.scrollTo(this.scroller, this.current.scroll);
    }
  }

  /** Loads a version's bytes: {versionId, contentType}. */
  async load(meta, bytes) {
    this.meta = meta;
    this.highlights.clear();
    if (this.pdf) this.pdf.destroy();
    this.pdf = null;
    this.frame = null;
    this.pageBox = null;
    this.pageSize = null;
    if (meta.contentType === 'application/pdf') {
      this.pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false,
        enableXfa: false, disableFontFace: false }).promise;
      this.pages = this.pdf.numPages;
    } else {
      this.pages = 1;
      const frame = document.createElement('iframe');
      frame.className = 'doc-html';
      frame.setAttribute('sandbox', 'allow-same-origin'); // no scripts; same origin only so scroll can be synced
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.title = meta.title || t('document.title');
      frame.srcdoc = new TextDecoder().decode(bytes);
      this.scroller.replaceChildren(frame);
      this.frame = frame;
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow.addEventListener('scroll', () => this.scrolled(frame.contentDocument.scrollingElement));
    }
    this.rendered = null;
    await this.show(this.current);
  }

  view() {
    return { ...this.current };
  }

  /** Calls back after each PDF page render (a new page box); returns the unsubscribe function. */
  onRendered(callback) {
    this.renderedListeners.add(callback);
    return () => this.renderedListeners.delete(callback);
  }

  /** Shows a view (re-rendering the page only when page or zoom changed). */
  async show(view) {
    const next = normaliseView(view, this.pages);
    const redraw = !this.rendered || this.rendered.page !== next.page || this.rendered.zoom !== next.zoom;
    this.current = next;
    if (this.frame) {
      const doc = this.frame.contentDocument;
      doc.body.style.zoom = String(next.zoom);
      this.scrollTo(doc.scrollingElement, next.scroll);
      this.rendered = next;
      return;
    }
    if (redraw && this.pdf) await this.renderPage(next.page, next.zoom);
    this.scrollTo(this.scroller, next.scroll);
  }

  /** Scrolls for a view; the scroll event this causes is not the user's, so it is not reported. */
  scrollTo(el, fraction) {
    const top = scrollTopFor(el, fraction);
    if (Math.abs(el.scrollTop - top) < 1) return;
    this.ignoreScrollAt = top;
    el.scrollTop = top;
  }

  scrolled(el) {
    if (this.ignoreScrollAt !== undefined && Math.abs(el.scrollTop - this.ignoreScrollAt) < 2) {
      this.ignoreScrollAt = undefined;
      return;
    }
    this.ignoreScrollAt = undefined;
    this.current.scroll = scrollFraction(el);
    if (this.options.onScroll) this.options.onScroll(this.view());
  }

  async renderPage(number, zoom) {
    const token = ++this.renders;
    const page = await this.pdf.getPage(number);
    if (token !== this.renders) return;
    const unscaled = page.getViewport({ scale: 1 });
    const scale = this.scaleFor(zoom, unscaled.width);
    const viewport = page.getViewport({ scale });
    const box = document.createElement('div');
    box.className = 'doc-page';
    box.dataset.page = String(number);
    box.style.width = viewport.width + 'px';
    box.style.height = viewport.height + 'px';
    box.style.setProperty('--scale-factor', String(scale));
    box.style.setProperty('--total-scale-factor', String(scale));
    box.style.setProperty('--user-unit', '1');
    const canvas = document.createElement('canvas');
    // crisp on a dense screen: the canvas holds the screen's pixels, not CSS px
    const ratio = backingRatio(window.devicePixelRatio || 1, viewport.width, viewport.height);
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = viewport.width + 'px';
    canvas.style.height = viewport.height + 'px';
    const text = document.createElement('div');
    text.className = 'textLayer';
    const overlay = document.createElement('div');
    overlay.className = 'doc-highlights';
    box.append(canvas, text, overlay);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0] }).promise;
    if (token !== this.renders) return;
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
    if (token !== this.renders) return;
    this.scroller.replaceChildren(box);
    this.pageBox = box;
    this.pageSize = { width: unscaled.width, height: unscaled.height };
    this.overlay = overlay;
    this.rendered = { page: number, zoom };
    this.scale = scale;
    this.drawHighlights();
    for (const callback of this.renderedListeners) callback(this.rendered);
  }

  /** The current text selection on the shown PDF page, in page fractions, or null. */
  selection() {
    const sel = window.getSelection();
    if (!this.pageBox || !sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    if (!this.pageBox.contains(range.commonAncestorContainer)) return null;
    const rects = toPageRects(range.getClientRects(), this.pageBox.getBoundingClientRect());
    return rects.length ? { page: this.current.page, rects, text: sel.toString().slice(0, 200) } : null;
  }

  /** A highlight: {id, author, color, page, rects}; drawn whenever its page is shown. */
  addHighlight(h) {
    this.highlights.set(h.id, h);
    this.drawHighlights();
  }

  removeHighlight(id) {
    this.highlights.delete(id);
    this.drawHighlights();
  }

  removeBy(author) {
    for (const [id, h] of this.highlights) if (author === null || h.author === author) this.highlights.delete(id);
    this.drawHighlights();
  }

  drawHighlights() {
    if (!this.overlay || !this.rendered) return;
    const marks = [];
    for (const h of this.highlights.values()) {
      if (h.page !== this.rendered.page) continue;
      for (const [x, y, w, hh] of h.rects) {
        const mark = document.createElement('div');
        mark.className = 'doc-highlight';
        mark.dataset.id = h.id;
        mark.dataset.author = h.author;
        Object.assign(mark.style, { left: x * 100 + '%', top: y * 100 + '%', width: w * 100 + '%',
          height: hh * 100 + '%', background: h.color || 'rgba(255, 214, 0, 0.45)' });
        marks.push(mark);
      }
    }
    this.overlay.replaceChildren(...marks);
  }

  dispose() {
    this.renders++;
    this.scale = 1;
    if (this.pdf) this.pdf.destroy();
    this.pdf = null;
    this.pageBox = null;
    this.pageSize = null;
    this.rendered = null;
    this.scroller.replaceChildren();
  }
}
