// Screen sharing in the call, as the relay carries it (docs/protocol.md): `call.screen-ask` (the advisor asks the
// customer to share a screen) and `call.screen` (the sender started or stopped sharing, or declined an ask). The
// picture itself goes in the call (Call.shareScreen); these frames only say what it is and ask for consent.
//
// A new page load may be replayed frames of an earlier one, so an ask is open until an answer with its id has been
// seen (our own answers included), and a participant's own frames are never taken for the other side's.

import { inviteId } from './call-invites.js';

export class ScreenShareFrames {
  /**
   * @param {object} options
   * @param {(type: string, payload: object) => void} options.send  a reliable relay frame
   * @param {(ask: string|null) => void} [options.onAsk]  the other side's open ask (null: none now)
   * @param {(sharing: boolean) => void} [options.onRemote]  the other side started or stopped sharing its screen
   * @param {() => void} [options.onDeclined]  the other side declined our ask
   */
  constructor(options) {
    this.options = options;
    this.handled = new Set();
    this.open = null; // the other side's open ask
    this.mine = null; // our own ask while unanswered
  }

  /** Asks the other side (the customer) to share a screen. */
  ask() {
    this.mine = inviteId();
    this.options.send('call.screen-ask', { id: this.mine });
  }

  /** We started or stopped sharing; `answers`: the ask this answers. */
  sharing(on) {
    const answers = on ? this.open : null;
    if (answers) this.close(answers);
    this.options.send('call.screen', { on, ...(answers ? { answers } : {}) });
  }

  /** We decline the open ask. */
  decline() {
    const id = this.open;
    if (!id) return;
    this.close(id);
    this.options.send('call.screen', { on: false, answers: id, declined: true });
  }

  close(id) {
    this.handled.add(id);
    if (this.open === id) {
      this.open = null;
      if (this.options.onAsk) this.options.onAsk(null);
    }
  }

  /** The call ended: an open ask goes with it. */
  reset() {
    if (this.open) this.close(this.open);
    this.mine = null;
  }

  /** A relay frame: true when it was call.screen or call.screen-ask (handled here). */
  frame(type, payload, from, me) {
    if (type !== 'call.screen' && type !== 'call.screen-ask') return false;
    let body;
    try {
      body = JSON.parse(payload);
    } catch (e) {
      return true;
    }
    if (!body || typeof body !== 'object') return true;
    if (from === me) {
      if (typeof body.answers === 'string') this.handled.add(body.answers); // answered on an earlier page load
      return true;
    }
    if (type === 'call.screen-ask') {
      if (typeof body.id === 'string' && !this.handled.has(body.id)) {
        this.open = body.id;
        if (this.options.onAsk) this.options.onAsk(body.id);
      }
      return true;
    }
    if (body.answers && body.answers === this.mine) {
      this.mine = null;
      if (body.declined && this.options.onDeclined) this.options.onDeclined();
    }
    if (this.options.onRemote) this.options.onRemote(body.on === true);
    return true;
  }
}
