// Turns the page into relay frames with rrweb: a full snapshot (dom.snap), incremental batches (dom.mut), and
// latest-wins frames for scroll, viewport, tab focus and the pointer; canvases as sampled images (lib/canvas.js). Masking options are applied by rrweb before
// any event exists, and every event is checked once more against the composed rules (shadow roots, slots, frames:
// lib/sanitize.js) before it is sent, so nothing sensitive leaves the page. Frames of other origins that carry
// tandem.js are recorded by their own page under their own rules and this page's (frame-parent.js, frame-child.js).

import { record, EventType, IncrementalSource } from 'rrweb';
import { notePasswordTypeChange, rememberPasswords, rrwebMaskingOptions } from '../lib/masking.js';
import { PLACEHOLDER_ATTRIBUTE, sanitizeEvent } from '../lib/sanitize.js';
import { canvasFrame, canvasRecordOptions, DEFAULT_FPS } from '../lib/canvas.js';
import { FrameParent } from './frame-parent.js';

const BATCH_MS = 50;
/** A framed page's event larger than this is sent in a message of its own. */
const ALONE_BYTES = 16 * 1024;
/** A framed page's event larger than this is not sent (the relay's message limit is 256 KiB, docs/protocol.md). */
const FRAME_EVENT_BYTES = 240 * 1024;
const encoder = new TextEncoder();

/** Remembers the page's password fields, also those added or switched later (masking.js); returns the cleanup. */
export function watchPasswords(doc) {
  rememberPasswords(doc);
  const watcher = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.attributeName === 'type') notePasswordTypeChange(m.target, m.oldValue);
      for (const node of m.addedNodes || []) rememberPasswords(node.parentNode || node);
    }
  });
  watcher.observe(doc, { subtree: true, childList: true, attributes: true, attributeFilter: ['type'],
    attributeOldValue: true });
  return () => watcher.disconnect();
}

/**
 * Starts rrweb with Tandem's capture options and the masking rules (the object is read on every decision, so a
 * change to it applies from the next event); returns rrweb's stop function. Used by the sharing page and by a page
 * framed in it (frame-child.js), so both record alike. `mergeFrames`: rrweb merges the events that frames of other
 * origins post (frame-parent.js decides which); only a top-level page may say so, since rrweb then posts a framed
 * page's own events to its parent instead of emitting them (the advisor's stage page is framed in the console).
 */
export function startRecording(emit, masking, canvasFps = DEFAULT_FPS, mergeFrames = false) {
  const options = (canvas) => ({
    emit,
    ...rrwebMaskingOptions(masking),
    ...canvas,
    collectFonts: false,
    inlineStylesheet: true,
    sampling: { mousemove: false, scroll: 100, ...canvas.sampling },
    slimDOMOptions: { script: true, comment: true, headFavicon: true, headMetaHttpEquiv: true },
    recordCrossOriginIframes: mergeFrames,
  });
  const canvas = canvasRecordOptions(canvasFps);
  try {
    return record(options(canvas));
  } catch (e) {
    // rrweb starts its canvas encoder as a worker from a blob: URL; a site whose CSP forbids that still shares
    // its page, its canvases as empty boxes of their size
    if (!canvas.recordCanvas) throw e;
    return record(options({ ...canvasRecordOptions(0), recordCanvas: false }));
  }
}

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
    // frames of other origins with tandem.js are mirrored inside this page, when it is the top page
    this.frames = window.parent === window ? new FrameParent(masking, () => this.snapshot()) : null;
  }

  start() {
    if (this.stop) return;
    this.cleanups.push(watchPasswords(document));
    if (this.frames) this.frames.listen();
    this.stop = startRecording((event) => this.emit(event), this.masking, this.canvasFps, Boolean(this.frames));
    if (this.frames) this.frames.listenAfter();
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
    if (this.frames) this.frames.dispose();
    if (this.stop) this.stop();
    this.stop = null;
    this.flush();
    clearTimeout(this.timer);
    this.cleanups.forEach((c) => c());
    this.cleanups = [];
  }

  emit(recorded) {
    const from = this.frames && this.frames.current;
    if (from) {
      this.emitFromFrame(recorded, from);
      return;
    }
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
      if (this.frames) this.frames.askAll(); // the mirror starts afresh: so do the frames in it
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

  /**
   * An event of a framed page of another origin, merged by rrweb (ids made this page's): masked in the frame by its
   * own rules and the ones this page asked for (frame-parent.js). The frame's page, when it arrives, takes the place
   * of the frame's placeholder label.
   */
  emitFromFrame(event, frame) {
    if (!event || event.type !== EventType.IncrementalSnapshot) return;
    const attach = event.data.source === IncrementalSource.Mutation && event.data.isAttachIframe;
    const events = attach ? [event, unmarkPlaceholder(event)] : [event];
    const payload = JSON.stringify(events);
    const large = payload.length > ALONE_BYTES / 3 ? encoder.encode(payload).length : 0;
    if (large > FRAME_EVENT_BYTES) {
      // more than the relay takes in one message: the frame stays (or goes back to) its placeholder
      this.frames.release(frame.contentWindow);
      this.frames.current = null; // what follows is this page's own snapshot
      if (!attach) this.snapshot();
      return;
    }
    if (event.data.source === IncrementalSource.Scroll) {
      this.flush();
      this.connection.sendLatest('dom.scroll', payload.slice(1, -1), 'n' + event.data.id);
      return;
    }
    if (attach || large > ALONE_BYTES) {
      this.flush();
      this.connection.sendReliable('dom.mut', payload);
      return;
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

/** The change that takes the placeholder label off a frame whose page has just been attached in the mirror. */
function unmarkPlaceholder(attach) {
  const add = attach.data.adds && attach.data.adds[0];
  return { type: EventType.IncrementalSnapshot, timestamp: attach.timestamp,
    data: { source: IncrementalSource.Mutation, adds: [], removes: [], texts: [],
      attributes: add ? [{ id: add.parentId, attributes: { [PLACEHOLDER_ATTRIBUTE]: null } }] : [] } };
}
