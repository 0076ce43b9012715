// Drawings and pointers over the replay: the console's annotation layer (lib/annotate) on the replayed page, fed the
// recorded ann.* and ptr.* frames up to the replay's position. Seeking back starts the layer afresh and feeds it again
// up to the new position; nothing is ever sent.

import { AnnotationLayer } from '../lib/annotate/layer.js';
import { mirrorSurface } from '../lib/annotate/surfaces.js';
import { advance } from './replay-model.js';

const FED = (t) => t.startsWith('ann.') || t.startsWith('ptr.') || t === 'sys.presence' || t === 'dom.nav'
  || t === 'sys.stage';

export class ReplayOverlay {
  /**
   * @param {HTMLElement} panel     the player
   * @param {object} replayer       rrweb's Replayer
   * @param {Array} frames          the recording's frames
   */
  constructor(panel, replayer, frames) {
    this.frames = frames.filter((f) => FED(f.t));
    // what mirrorSurface needs of a mirror: the panel, the scaled stage, viewport, scale and the rebuilt page
    this.view = {
      panel,
      viewport: { width: 1280, height: 800 },
      scale: 1,
      replayer,
      get stage() {
        return panel.querySelector('.replayer-wrapper') || panel;
      },
      document: () => (replayer.iframe ? replayer.iframe.contentDocument : null),
    };
    this.participants = [];
    this.page = null;
    this.fresh();
    this.next = 0;
    this.time = -Infinity;
  }

  /** The replayed page's size and scale changed. */
  fit(width, height, scale) {
    this.view.viewport = { width, height };
    this.view.scale = scale;
    if (this.layer) this.layer.invalidate();
  }

  /** Shows what had been drawn and pointed at by `time` (epoch ms of the recording). */
  seek(time) {
    advance(this, time);
  }

  apply(f) {
    if (f.t === 'sys.presence') {
      this.participants = JSON.parse(f.payload).participants || [];
      this.layer.setParticipants(this.participants);
    } else if (f.t === 'sys.stage') {
      this.fresh(); // drawings belong to the page that was on the stage
    } else if (f.t === 'dom.nav') {
      this.page = JSON.parse(f.payload).url.split('#')[0];
      if (f.k === 'load') this.layer.navigated(this.page);
      else this.layer.setPage(this.page);
    } else {
      this.layer.apply(f.t, f.payload, f.from);
    }
  }

  fresh() {
    this.dispose();
    this.surface = mirrorSurface(this.view);
    this.layer = new AnnotationLayer({
      ...this.surface,
      eventTarget: null,
      me: { id: 'replay', name: 'Replay', role: 'supervisor', color: '#000' },
      page: this.page,
      send: () => {},
      trackPointer: false,
      trackClicks: false,
    });
    if (this.participants.length) this.layer.setParticipants(this.participants);
  }

  dispose() {
    if (this.layer) this.layer.dispose();
    if (this.surface) this.surface.dispose();
    this.layer = null;
    this.surface = null;
  }
}
