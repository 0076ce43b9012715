// Invitations to the video call, carried by the relay (call.invite / call.accept / call.decline / call.cancel, see
// docs/protocol.md) so that the other side hears of the call wherever it is: the console, the join page's workspace,
// or a page of the firm's site. The call itself is then signalled over signaling/ as before.
//
// A new page load may be replayed frames of an earlier one (its own included), so an invitation is open until an
// answer with its id has been seen, and a participant's own frames are never taken for the other side's.

/** A random id for one invitation. */
export function inviteId() {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class CallInvites {
  /**
   * @param {object} options
   * @param {(type: string, payload: object) => void} options.send  a reliable relay frame
   * @param {(open: string|null, from: string|null) => void} [options.onInvitation]  the other side's open invitation
   *   (null: none now) and the participant id of who sent it
   * @param {() => void} [options.onDeclined]  the other side declined our invitation
   */
  constructor(options) {
    this.options = options;
    this.open = new Map(); // the other side's invitations not yet answered, in order: id -> sender's id
    this.handled = new Set(); // ids answered or cancelled (a replay must not open them again)
    this.mine = null; // our own invitation while unanswered
  }

  /** We started the call: invite the other side. */
  invite() {
    this.mine = inviteId();
    this.options.send('call.invite', { id: this.mine });
    return this.mine;
  }

  /** The other side joined the call (seen in signaling): our invitation is answered. */
  joined() {
    this.mine = null;
  }

  /** We hung up: an unanswered invitation of ours is withdrawn. */
  withdraw() {
    if (this.mine) this.options.send('call.cancel', { id: this.mine });
    this.mine = null;
  }

  /** The other side's open invitation, if any (the latest). */
  current() {
    return [...this.open.keys()].at(-1) || null;
  }

  accept(id = this.current()) {
    if (!id) return;
    this.answer(id);
    this.options.send('call.accept', { id });
  }

  decline(id = this.current()) {
    if (!id) return;
    this.answer(id);
    this.options.send('call.decline', { id });
  }

  /** Every open invitation is answered at once (we joined the call on our own). */
  acceptAll() {
    for (const id of [...this.open.keys()]) this.accept(id);
  }

  answer(id) {
    this.open.delete(id);
    this.handled.add(id);
    this.changed();
  }

  /**
   * A relay frame: true when it was a call.* frame (handled here).
   * @param {string} type
   * @param {string} payload  the frame's JSON payload
   * @param {string} from     the sender's participant id
   * @param {string} me       our own participant id
   */
  frame(type, payload, from, me) {
    if (!type.startsWith('call.')) return false;
    let id;
    try {
      id = JSON.parse(payload).id;
    } catch (e) {
      return true;
    }
    if (typeof id !== 'string') return true;
    if (from === me) {
      // our own frame of an earlier page load: what we answered stays answered
      if (type !== 'call.invite') this.answer(id);
      return true;
    }
    if (type === 'call.invite') {
      if (!this.handled.has(id)) {
        this.open.set(id, from);
        this.changed();
      }
    } else if (type === 'call.cancel') {
      this.answer(id);
    } else if (this.open.has(id)) {
      // someone else answered it (a call of more than two): it is not open for us any more; the call it started shows
      // as a call under way (call-presence.js)
      this.answer(id);
    } else if (id === this.mine) {
      this.mine = null;
      if (type === 'call.decline' && this.options.onDeclined) this.options.onDeclined();
    }
    return true;
  }

  changed() {
    const id = this.current();
    if (this.options.onInvitation) this.options.onInvitation(id, id ? this.open.get(id) : null);
  }
}
