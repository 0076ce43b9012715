// tandem.js in a page framed by a trusted page of another origin (data-tandem-frame-parents): no session, banner or
// "Get help" of its own. It says hello to its parent and records only when that parent asks (lib/cross-frame.js
// checks who asks), with its own masking rules plus whatever the parent requires (mask all, mask all inputs). Its
// events are checked by sanitize.js like the sharing page's and posted to the asking origin only; rrweb in the parent
// merges them into the parent's events (frame-parent.js screens them there).

import { record, EventType } from 'rrweb';
import { sanitizeEvent } from '../lib/sanitize.js';
import { canvasFrame } from '../lib/canvas.js';
import { GONE, HELLO, RRWEB, recordRequest, stopRequest } from '../lib/cross-frame.js';
import { startRecording, watchPasswords } from './capture.js';

export class FrameChild {
  /**
   * @param {string[]} parents  the origins this page's tag trusts (parseFrameParents)
   * @param {object} masking  this page's own masking options {maskAllInputs, privateByDefault}
   * @param {number} canvasFps  canvas frames per second this page allows
   */
  constructor(parents, masking, canvasFps) {
    this.parents = parents;
    this.own = masking;
    this.masking = { ...masking, maskAll: false }; // read by rrweb's masking functions on every decision
    this.canvasFps = canvasFps;
    this.stop = null;
    this.target = null; // the origin that asked: the only one events are posted to
    this.token = null; // the parent's name for this frame, for the message sent while this page unloads
    this.cleanups = [];
    this.onMessage = (event) => this.message(event);
    this.onPageHide = () => {
      if (this.target) window.parent.postMessage({ type: GONE, token: this.token }, this.target);
    };
  }

  start() {
    addEventListener('message', this.onMessage);
    addEventListener('pagehide', this.onPageHide);
    window.__tandem = { state: 'frame', recording: false };
    // to each trusted origin: the browser delivers it only if the parent is that origin
    for (const origin of this.parents) window.parent.postMessage({ type: HELLO }, origin);
  }

  message(event) {
    if (stopRequest(event, this.parents, window.parent)) {
      this.halt();
      return;
    }
    const asked = recordRequest(event, this.parents, window.parent);
    if (!asked) return;
    this.target = event.origin;
    this.token = asked.token;
    this.masking.maskAll = asked.maskAll;
    this.masking.maskAllInputs = this.own.maskAllInputs || asked.maskAllInputs;
    if (this.stop) {
      record.takeFullSnapshot(true); // the parent's mirror starts afresh, or its rules changed
      return;
    }
    this.cleanups.push(watchPasswords(document));
    this.stop = startRecording((e, checkout) => this.emit(e, checkout), this.masking, this.canvasFps) || null;
    window.__tandem.recording = Boolean(this.stop);
  }

  emit(recorded, isCheckout) {
    if (!this.target || !recorded || recorded.type === EventType.Meta) return; // the parent keeps its own viewport
    const event = sanitizeEvent(canvasFrame(recorded), (id) => record.mirror.getNode(id), this.masking);
    if (!event) return;
    window.parent.postMessage({ type: RRWEB, event, origin: location.origin, isCheckout: Boolean(isCheckout),
      token: this.token }, this.target);
  }

  halt() {
    if (this.stop) this.stop();
    this.stop = null;
    this.target = null;
    this.cleanups.forEach((c) => c());
    this.cleanups = [];
    window.__tandem.recording = false;
  }
}
