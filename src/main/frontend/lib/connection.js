// A relay connection that survives drops: reliable frames stay in an outbox until the server acknowledges them and
// are resent after a reconnect (sys.welcome.acked tells where to resume); received reliable frames are counted so a
// reconnect resumes by room sequence number. Heartbeats measure the round trip.

import { decodeFrame, encodeFrame, payloadJson } from './frames.js';

/** Close codes after which reconnecting is pointless (docs/protocol.md). */
const FINAL = new Set([4400, 4403, 4404, 4409, 4410, 4413]);
const PING_EVERY_MS = 5000;
/**
 * Bytes the browser may hold unsent before latest-wins frames (pointer, scroll, viewport) wait instead of queueing
 * behind them: the relay slows a participant over its rate, and a queue of stale pointer moves helps nobody.
 */
const LATEST_BACKLOG_BYTES = 64 * 1024;
const LATEST_RETRY_MS = 50;

export class RelayConnection {
  /**
   * @param {object} options
   * @param {string} options.url        ws(s) URL of /ws/sessions/{id}
   * @param {() => string} options.authorization  "Bearer <token>" or "Customer <credential>", read at each connect
   * @param {string} [options.epoch]    page-load id; a new one per page load
   * @param {(type: string, frame: object) => void} options.onFrame   every frame the server sends
   * @param {(state: string, detail?: object) => void} [options.onState]  connecting/open/reconnecting/closed
   * @param {typeof WebSocket} [options.WebSocketImpl]
   */
  constructor(options) {
    this.options = options;
    this.epoch = options.epoch || randomId();
    this.seq = 0;
    this.outbox = []; // [{s, bytes}] not yet acknowledged
    this.lastN = 0; // last room sequence number applied
    this.rtt = -1;
    this.attempt = 0;
    this.closedForGood = false;
    this.socket = null;
    this.welcomed = false;
    this.pongs = 0;
    this.heldLatest = new Map(); // type|key -> the latest frame, while the socket is backed up
    this.latestTimer = null;
    // every connection of this window, for diagnostics and for tests that wait until a connection has settled
    if (typeof window !== 'undefined') (window.__tandemRelays ||= []).push(this);
  }

  /**
   * Resolves once the server has answered a heartbeat sent now and every reliable frame sent before it is
   * acknowledged: everything this connection sent earlier has been handled by the relay, and everything the relay
   * queued for this connection before that has arrived. Rejects after `timeoutMs` or when the connection closes.
   */
  settled(timeoutMs = 10000) {
    const pongs = this.pongs;
    this.ping();
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.pongs > pongs && this.outbox.length === 0) resolve(true);
        else if (this.closedForGood) reject(new Error('the connection closed'));
        else if (Date.now() - started > timeoutMs) reject(new Error('the relay did not answer in time'));
        else setTimeout(check, 10);
      };
      check();
    });
  }

  connect() {
    if (this.closedForGood) return;
    const WS = this.options.WebSocketImpl || WebSocket;
    this.state('connecting');
    const socket = new WS(this.options.url, [
      'tandem.v1',
      encodeURIComponent('quarkus-http-upgrade#Authorization#' + this.options.authorization()),
    ]);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.welcomed = false;
    socket.onopen = () => {
      this.raw({ t: 'sys.hello' }, JSON.stringify({ epoch: this.epoch, resume: this.lastN }));
    };
    socket.onmessage = (event) => this.received(event.data);
    socket.onclose = (event) => this.dropped(socket, event.code);
    socket.onerror = () => {};
  }

  /** Sends a reliable frame: numbered, kept until acknowledged, resent after reconnects. */
  sendReliable(type, payload, key) {
    const s = ++this.seq;
    const header = { t: type, s, ts: Date.now() };
    if (key) header.k = key;
    const bytes = encodeFrame(header, payload);
    this.outbox.push({ s, bytes });
    if (this.welcomed) this.socket.send(bytes);
    return s;
  }

  /**
   * Sends a latest-wins frame now if connected; nothing is kept across a drop (the next one replaces it anyway). While
   * the socket has more than LATEST_BACKLOG_BYTES unsent, only the latest frame per type and key waits, and goes once
   * the backlog drains.
   */
  sendLatest(type, payload, key) {
    if (!this.welcomed) return false;
    const header = { t: type, ts: Date.now() };
    if (key) header.k = key;
    const bytes = encodeFrame(header, payload);
    const slot = type + '|' + (key || '');
    if (this.socket.bufferedAmount > LATEST_BACKLOG_BYTES) {
      this.heldLatest.set(slot, bytes);
      this.drainLatestSoon();
    } else {
      this.heldLatest.delete(slot); // an older one still held must not follow this one
      this.socket.send(bytes);
    }
    return true;
  }

  drainLatestSoon() {
    if (this.latestTimer) return;
    this.latestTimer = setTimeout(() => {
      this.latestTimer = null;
      if (!this.welcomed || !this.heldLatest.size) return;
      if (this.socket.bufferedAmount > LATEST_BACKLOG_BYTES) {
        this.drainLatestSoon();
        return;
      }
      for (const bytes of this.heldLatest.values()) this.socket.send(bytes);
      this.heldLatest.clear();
    }, LATEST_RETRY_MS);
  }

  /** Sends a server-handled control frame (sys.stage, sys.auth). */
  sendControl(type, payload) {
    if (this.welcomed) this.raw({ t: type }, payload);
  }

  /** Opens again after a final close (e.g. 4401 once a fresh token is at hand), resuming where it stopped. */
  reopen() {
    if (!this.closedForGood || this.socket?.readyState === 1) return;
    this.closedForGood = false;
    this.attempt = 0;
    this.connect();
  }

  /** Bytes waiting to be acknowledged. */
  pendingBytes() {
    return this.outbox.reduce((sum, f) => sum + f.bytes.length, 0);
  }

  /** Closes for good: 1000, or 4000 when the customer pressed Stop (docs/protocol.md). */
  close(code = 1000, reason = 'bye') {
    this.closedForGood = true;
    clearInterval(this.pinger);
    clearTimeout(this.retry);
    clearTimeout(this.latestTimer);
    this.latestTimer = null;
    this.heldLatest.clear();
    if (this.socket) this.socket.close(code, reason);
    this.state('closed', { code, byUs: true });
  }

  raw(header, payload) {
    this.socket.send(encodeFrame(header, payload));
  }

  received(data) {
    let frame;
    try {
      frame = decodeFrame(data);
    } catch (e) {
      return;
    }
    const type = frame.header.t;
    if (frame.header.n) this.lastN = Math.max(this.lastN, frame.header.n);
    switch (type) {
      case 'sys.welcome':
        this.welcome(payloadJson(frame));
        break;
      case 'sys.ack':
        this.acknowledge(payloadJson(frame).s);
        break;
      case 'sys.pong': {
        const sent = payloadJson(frame)?.sent;
        if (typeof sent === 'number') this.rtt = Math.max(0, Math.round(performance.now() - sent));
        this.pongs++;
        break;
      }
      case 'sys.reset':
        this.lastN = payloadJson(frame).n;
        break;
      default:
        break;
    }
    this.options.onFrame(type, frame);
  }

  welcome(welcome) {
    this.welcomed = true;
    this.attempt = 0;
    this.acknowledge(welcome.acked);
    for (const f of this.outbox) this.socket.send(f.bytes);
    clearInterval(this.pinger);
    this.pinger = setInterval(() => this.ping(), PING_EVERY_MS);
    this.ping();
    this.state('open', welcome);
  }

  acknowledge(s) {
    while (this.outbox.length && this.outbox[0].s <= s) this.outbox.shift();
  }

  ping() {
    if (!this.welcomed) return;
    const header = { t: 'sys.ping' };
    if (this.rtt >= 0) header.r = this.rtt;
    this.raw(header, JSON.stringify({ sent: performance.now() }));
  }

  dropped(socket, code) {
    if (socket !== this.socket) return;
    this.welcomed = false;
    this.heldLatest.clear(); // stale by the time a new socket is welcomed
    clearInterval(this.pinger);
    if (this.closedForGood) return;
    if (FINAL.has(code) || code === 4401 || code === 1008) {
      this.closedForGood = true;
      this.state('closed', { code });
      return;
    }
    this.attempt++;
    const delay = Math.min(10000, 250 * 2 ** Math.min(this.attempt, 6)) * (0.75 + Math.random() * 0.5);
    this.state('reconnecting', { code, delay });
    this.retry = setTimeout(() => this.connect(), code === 1001 ? 100 : delay);
  }

  state(state, detail) {
    if (this.options.onState) this.options.onState(state, detail);
  }
}

export function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** ws(s)://host/ws/sessions/{id} for a Tandem base URL. */
export function relayUrl(base, sessionId) {
  const url = new URL('/ws/sessions/' + encodeURIComponent(sessionId), base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
