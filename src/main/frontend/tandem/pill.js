// Makes tandem.js's sharing pill movable: the customer drags it (anywhere on the pill but its button) or moves it with
// the arrow keys on its grip (Shift: larger steps). It stays inside the window, and its place is remembered in
// sessionStorage, so it is where the customer left it on the next page of the site during this session.

import { tabStorage } from './tab-storage.js';

const KEY = 'tandem.pill';
const MARGIN = 8;

/** Where a box of size w×h may sit in a window of size W×H: x and y clamped into the window, MARGIN from its edges. */
export function clampInto(x, y, w, h, W, H) {
  return {
    x: Math.round(Math.max(MARGIN, Math.min(x, W - w - MARGIN))),
    y: Math.round(Math.max(MARGIN, Math.min(y, H - h - MARGIN))),
  };
}

function load(storage) {
  try {
    const saved = JSON.parse(storage.getItem(KEY) || 'null');
    return saved && Number.isFinite(saved.x) && Number.isFinite(saved.y) ? saved : null;
  } catch (e) {
    return null;
  }
}

function save(storage, at) {
  try {
    storage.setItem(KEY, JSON.stringify(at));
  } catch (e) {
    // storage full or blocked: the pill still moves, it just is not remembered
  }
}

export class Movable {
  /**
   * @param {HTMLElement} box     the fixed-position pill
   * @param {HTMLElement} grip    its focusable grip (arrow keys)
   * @param {Storage} storage     where the place is remembered
   */
  constructor(box, grip, storage = tabStorage()) {
    this.box = box;
    this.storage = storage;
    this.at = null;
    box.addEventListener('pointerdown', (e) => this.grab(e));
    grip.addEventListener('keydown', (e) => this.key(e));
    this.onResize = () => { if (this.at) this.place(this.at.x, this.at.y); };
    window.addEventListener('resize', this.onResize);
  }

  /** Puts the pill where it was left this session (call once it is in the document). */
  restore() {
    const saved = load(this.storage);
    if (saved) this.place(saved.x, saved.y);
  }

  place(x, y) {
    const r = this.box.getBoundingClientRect();
    this.at = clampInto(x, y, r.width, r.height, window.innerWidth, window.innerHeight);
    Object.assign(this.box.style, { left: this.at.x + 'px', top: this.at.y + 'px', right: 'auto', bottom: 'auto' });
    return this.at;
  }

  grab(e) {
    if (e.button !== 0 || e.target.closest('button')) return;
    e.preventDefault();
    const r = this.box.getBoundingClientRect();
    const dx = e.clientX - r.left;
    const dy = e.clientY - r.top;
    this.box.setPointerCapture(e.pointerId);
    this.box.classList.add('moving');
    const move = (m) => this.place(m.clientX - dx, m.clientY - dy);
    const drop = () => {
      this.box.removeEventListener('pointermove', move);
      this.box.removeEventListener('pointerup', drop);
      this.box.removeEventListener('pointercancel', drop);
      this.box.classList.remove('moving');
      if (this.at) save(this.storage, this.at);
    };
    this.box.addEventListener('pointermove', move);
    this.box.addEventListener('pointerup', drop);
    this.box.addEventListener('pointercancel', drop);
  }

  key(e) {
    const step = e.shiftKey ? 64 : 16;
    const by = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!by) return;
    e.preventDefault();
    const r = this.box.getBoundingClientRect();
    save(this.storage, this.place(r.left + by[0], r.top + by[1]));
  }

  dispose() {
    window.removeEventListener('resize', this.onResize);
  }
}
