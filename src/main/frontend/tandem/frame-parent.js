// The sharing page's side of frames from other origins that carry tandem.js too (an embedded calculator, a payment
// form): it asks each frame its rules let through to record (lib/cross-frame.js), and screens every message rrweb
// would merge into this page's events. rrweb accepts an event from any frame it has serialised; here only a frame
// that was asked, is still allowed, answers its latest request (its token) and has sent the snapshot it was asked
// for gets through. A frame that does not answer (no tandem.js, or a tag that does not trust this page) stays the
// labelled placeholder sanitize.js makes.

import {
  GONE, HELLO, RECORD, RRWEB, STOP, allFrames, frameMasking, frameOfWindow, isForeignFrame, isFrameEvent,
} from '../lib/cross-frame.js';

const FULL_SNAPSHOT = 2;

export class FrameParent {
  /**
   * @param {object} masking  this page's masking options {maskAllInputs, privateByDefault}
   * @param {() => void} onGone  a recorded frame's page went away: the caller takes a fresh snapshot (which asks
   *                             every frame again), so the mirror does not keep the old page in the frame
   */
  constructor(masking, onGone) {
    this.masking = masking;
    this.onGone = onGone;
    this.asked = new Map(); // the child's window → {frame, maskAll, maskAllInputs, attached, awaitSnapshot}
    this.current = null; // the frame whose event rrweb is merging right now (Capture.emit reads it)
    this.screen = (event) => this.onMessage(event);
    this.done = () => {
      this.current = null;
    };
  }

  /** Before rrweb starts: a capturing listener on the window runs before rrweb's own. */
  listen() {
    addEventListener('message', this.screen, true);
  }

  /** After rrweb started: runs after rrweb's listener, when the merged event (if any) has been emitted. */
  listenAfter() {
    addEventListener('message', this.done);
  }

  onMessage(event) {
    this.current = null;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === HELLO) {
      const frame = frameOfWindow(document, event.source);
      if (frame) this.ask(frame);
      return;
    }
    if (data.type === GONE) {
      // sent while the frame's page unloads, when the browser no longer says which window sent it: the token this
      // page gave that frame in its request tells
      const entry = [...this.asked.values()].find((e) => typeof data.token === 'string' && e.token === data.token);
      if (entry && entry.attached) {
        entry.attached = false; // once per page the frame showed: a frame cannot make this page snapshot in a loop
        this.onGone();
      }
      return;
    }
    if (data.type !== RRWEB) return;
    const entry = event.source ? this.asked.get(event.source) : null;
    if (!entry || !isFrameEvent(data)) {
      event.stopImmediatePropagation(); // not a frame this page asked: rrweb never sees it
      return;
    }
    if (data.token !== entry.token) {
      event.stopImmediatePropagation(); // recorded before the frame's latest request (under older rules)
      return;
    }
    const rules = frameMasking(entry.frame, this.masking);
    if (!rules) {
      event.stopImmediatePropagation();
      this.release(event.source); // blocked since it was asked
      return;
    }
    if ((rules.maskAll && !entry.maskAll) || (rules.maskAllInputs && !entry.maskAllInputs)) {
      event.stopImmediatePropagation();
      this.ask(entry.frame); // masked since it was asked: nothing until its snapshot under the stricter rules
      return;
    }
    if (entry.awaitSnapshot && data.event.type !== FULL_SNAPSHOT) {
      event.stopImmediatePropagation(); // changes to a page the mirror does not have yet
      return;
    }
    if (data.event.type === FULL_SNAPSHOT) {
      entry.awaitSnapshot = false;
      entry.attached = true;
    }
    this.current = entry.frame;
  }

  /** Asks one frame to record with the masking this page's rules require (again: a fresh snapshot). */
  ask(frame) {
    const win = frame.contentWindow;
    if (!win || !isForeignFrame(frame)) return; // a frame of this origin is recorded by rrweb as part of the page
    const rules = frameMasking(frame, this.masking);
    if (!rules) {
      if (this.asked.has(win)) this.release(win);
      return;
    }
    const token = randomToken();
    this.asked.set(win, { frame, ...rules, token, attached: false, awaitSnapshot: true });
    // the child checks who asks (this page's origin, set by the browser); the request itself holds nothing private
    win.postMessage({ type: RECORD, ...rules, token }, '*');
  }

  /** Asks every frame of the page: after each full snapshot of this page, whose mirror then starts afresh. */
  askAll() {
    for (const frame of allFrames(document)) this.ask(frame);
  }

  /** Stops one frame's recording: it is blocked, or what it sent cannot be relayed. */
  release(win) {
    this.asked.delete(win);
    try {
      win.postMessage({ type: STOP }, '*');
    } catch (e) {
      // the frame is gone
    }
  }

  dispose() {
    removeEventListener('message', this.screen, true);
    removeEventListener('message', this.done);
    for (const win of [...this.asked.keys()]) this.release(win);
    this.current = null;
  }
}

function randomToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
