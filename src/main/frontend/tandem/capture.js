// Turns the page into relay frames with rrweb: a full snapshot (dom.snap), incremental batches (dom.mut), and
// latest-wins frames for scroll, viewport, tab focus and the pointer; canvases as sampled images (lib/canvas.js). Masking options are applied by rrweb before
// any event exists, and every event is checked once more against the composed rules (shadow roots, slots, frames:
// lib/sanitize.js) before it is sent, so nothing sensitive leaves the page.

import { record, EventType, IncrementalSource } from 'rrweb';
import { notePasswordTypeChange, rememberPasswords, rrwebMaskingOptions } from '../lib/masking.js';
import { sanitizeEvent } from '../lib/sanitize.js';
import { canvasFrame, canvasRecordOptions, DEFAULT_FPS } from '../lib/canvas.js';

const BATCH_MS = 50;

export class Capture {
  /**
   * @param {import('../lib/connection.js').RelayConnection} connection
   * @param {object} masking  {maskAllInputs, privateByDefault}
   * @param {number} [canvasFps]  canvas frames per second (0: canvas is not mirrored), see lib/canvas.js
   */
  constructor(connection, masking, canvasFps = DEFAULT_FPS) {
    this.connection = connection;
    this.masking = masking;
    this.canvasFps = canvasFps;
    this.batch = [];
    this.pendingMeta = null;
    this.stop = null;
    this.timer = null;
    this.cleanups = [];
  }

  start() {
    if (this.stop) return;
    rememberPasswords(document);
    const watcher = new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes' && m.attributeName === 'type') notePasswordTypeChange(m.target, m.oldValue);
        for (const node of m.addedNodes || []) rememberPasswords(node.parentNode || node);
      }
    });
    watcher.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['type'],
      attributeOldValue: true });
    this.cleanups.push(() => watcher.disconnect());

    const options = (canvas) => ({
      emit: (event) => this.emit(event),
      ...rrwebMaskingOptions(this.masking),
      ...canvas,
      collectFonts: false,
      inlineStylesheet: true,
      sampling: { mousemove: false, scroll: 100, ...canvas.sampling },
      slimDOMOptions: { script: true, comment: true, headFavicon: true, headMetaHttpEquiv: true },
    });
    const canvas = canvasRecordOptions(this.canvasFps);
    try {
      this.stop = record(options(canvas));
    } catch (e) {
      // rrweb starts its canvas encoder as a worker from a blob: URL; a site whose CSP forbids that still shares
      // its page, its canvases as empty boxes of their size
      if (!canvas.recordCanvas) throw e;
      this.stop = record(options({ ...canvasRecordOptions(0), recordCanvas: false }));
    }
    this.navigation('load');
    this.watchTitle();
    this.watchPointer();
    this.watchFocus();
  }

  /** The server asks for a fresh snapshot (a viewer joined, or the keyframe grew too large). */
  snapshot() {
    if (this.stop) record.takeFullSnapshot(true);
  }

  dispose() {
    if (this.stop) this.stop();
    this.stop = null;
    this.flush();
    clearTimeout(this.timer);
    this.cleanups.forEach((c) => c());
    this.cleanups = [];
  }

  emit(recorded) {
    const frame = recorded && recorded.type === EventType.IncrementalSnapshot
      && recorded.data.source === IncrementalSource.CanvasMutation;
    const event = sanitizeEvent(canvasFrame(recorded), (id) => record.mirror.getNode(id), this.masking);
    if (!event) return;
    if (frame) {
      // one sampled image per message, after whatever came before it: a batch of frames could pass the relay's
      // message limit
      this.flush();
      this.connection.sendReliable('dom.mut', JSON.stringify([event]));
      return;
    }
    if (event.type === EventType.Meta) {
      this.pendingMeta = event;
      return;
    }
    if (event.type === EventType.FullSnapshot) {
      this.flush();
      const events = this.pendingMeta ? [this.pendingMeta, event] : [event];
      this.pendingMeta = null;
      this.connection.sendReliable('dom.snap', JSON.stringify(events));
      this.viewport();
      return;
    }
    if (event.type === EventType.IncrementalSnapshot) {
      const source = event.data.source;
      if (source === IncrementalSource.Scroll) {
        this.flush();
        this.connection.sendLatest('dom.scroll', JSON.stringify(event), 'n' + event.data.id);
        return;
      }
      if (source === IncrementalSource.ViewportResize) {
        this.connection.sendLatest('dom.viewport', JSON.stringify(event), 'window');
        return;
      }
    }
    this.batch.push(event);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.batch.length) return;
    const events = this.batch;
    this.batch = [];
    this.connection.sendReliable('dom.mut', JSON.stringify(events));
  }

  navigation(kind) {
    this.connection.sendReliable('dom.nav', JSON.stringify({ url: location.href, title: document.title }), kind);
  }

  viewport() {
    const payload = { type: EventType.IncrementalSnapshot, timestamp: Date.now(),
      data: { source: IncrementalSource.ViewportResize, width: innerWidth, height: innerHeight } };
    this.connection.sendLatest('dom.viewport', JSON.stringify(payload), 'window');
  }

  watchTitle() {
    let title = document.title;
    const observer = new MutationObserver(() => {
      if (document.title !== title) {
        title = document.title;
        this.navigation('title');
      }
    });
    observer.observe(document.head || document.documentElement, { subtree: true, childList: true,
      characterData: true });
    this.cleanups.push(() => observer.disconnect());
  }

  watchPointer() {
    let frame = 0;
    let last = null;
    const move = (event) => {
      last = { x: Math.round(event.pageX), y: Math.round(event.pageY) };
      if (!frame) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          this.connection.sendLatest('ptr.move', JSON.stringify(last));
        });
      }
    };
    addEventListener('pointermove', move, { passive: true, capture: true });
    this.cleanups.push(() => removeEventListener('pointermove', move, { capture: true }));
  }

  watchFocus() {
    const send = () => this.connection.sendLatest('dom.focus',
      JSON.stringify({ visible: document.visibilityState === 'visible', focused: document.hasFocus() }), 'tab');
    for (const [target, type] of [[document, 'visibilitychange'], [window, 'focus'], [window, 'blur']]) {
      target.addEventListener(type, send);
      this.cleanups.push(() => target.removeEventListener(type, send));
    }
    this.focusReporter = send;
  }
}
