// Pointer input arrives many times per frame; the relay counts messages (200/s per connection), so points are
// collected and sent once per animation frame, in order, and a stroke's last points are flushed before its end.

const defaultRequestFrame = (callback) => (typeof requestAnimationFrame === 'function'
  ? requestAnimationFrame(callback) : setTimeout(() => callback(Date.now()), 16));
const defaultCancelFrame = (handle) => (typeof cancelAnimationFrame === 'function'
  ? cancelAnimationFrame(handle) : clearTimeout(handle));

/** Collects items and hands them to `deliver(items)` once per animation frame. */
export class FrameBatcher {
  /**
   * @param {(items: any[]) => void} deliver
   * @param {object} [options]
   * @param {(cb: Function) => any} [options.requestFrame]  requestAnimationFrame by default
   * @param {(handle: any) => void} [options.cancelFrame]
   */
  constructor(deliver, options = {}) {
    this.deliver = deliver;
    this.requestFrame = options.requestFrame || defaultRequestFrame;
    this.cancelFrame = options.cancelFrame || defaultCancelFrame;
    this.items = [];
    this.handle = null;
  }

  add(item) {
    this.items.push(item);
    if (this.handle === null) this.handle = this.requestFrame(() => this.onFrame());
  }

  get pending() {
    return this.items.length;
  }

  onFrame() {
    this.handle = null;
    this.flush();
  }

  /** Delivers everything collected so far, now. */
  flush() {
    if (this.handle !== null) {
      this.cancelFrame(this.handle);
      this.handle = null;
    }
    if (!this.items.length) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  }

  /** Forgets what was collected without delivering it. */
  discard() {
    if (this.handle !== null) this.cancelFrame(this.handle);
    this.handle = null;
    this.items = [];
  }
}

/** A random id part, so ids stay unique across page loads of the same participant. */
function randomPart() {
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 6);
}

/**
 * One stroke at a time: begin → points (batched per frame) → end, as ann.begin / ann.points / ann.end messages.
 * Ids are `<author>-<random>-<counter>`: unique per author, and not reused after a reload.
 */
export class StrokeBatcher {
  /**
   * @param {object} options
   * @param {string} options.author
   * @param {(type: string, payload: object) => void} options.send
   * @param {string} [options.prefix]  the random part of ids (tests pass a fixed one)
   * @param {Function} [options.requestFrame]
   * @param {Function} [options.cancelFrame]
   */
  constructor(options) {
    this.author = options.author;
    this.send = options.send;
    this.prefix = options.prefix ?? randomPart();
    this.counter = 0;
    this.id = null;
    this.batch = new FrameBatcher((points) => this.send('ann.points', { id: this.id, points }), options);
  }

  nextId() {
    this.counter += 1;
    return `${this.author}-${this.prefix}-${this.counter}`;
  }

  get active() {
    return this.id !== null;
  }

  /**
   * Starts a stroke (ending one still open) and returns its id.
   * @param {string} tool  pen, arrow, rect, ellipse or text
   * @param {{color: string, width: number}} style
   * @param {object} anchor  see geometry.anchorAt
   * @param {string|null} [page]
   */
  begin(tool, style, anchor, page = null) {
    if (this.active) this.end();
    this.id = this.nextId();
    this.send('ann.begin', { id: this.id, tool, color: style.color, width: style.width, anchor, page });
    return this.id;
  }

  /** Adds one [x, y] point (document coordinates) to the open stroke. */
  add(point) {
    if (!this.active) return;
    this.batch.add(point);
  }

  /** Sends the points not yet sent, then ann.end (with `extra`, e.g. {text}); returns the stroke's id. */
  end(extra = {}) {
    if (!this.active) return null;
    this.batch.flush();
    const id = this.id;
    this.send('ann.end', { ...extra, id });
    this.id = null;
    return id;
  }
}
