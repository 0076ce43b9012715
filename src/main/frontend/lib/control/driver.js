// The controlling side of remote control, over a mirror of the stage page: while control is granted, a transparent
// overlay turns the controller's clicks, typing, option choices and wheel into ctl.action frames addressed by rrweb
// node id. Nothing happens in the mirror itself (it runs no script); the stage page carries the actions out and the
// mirror shows the result.

import { clientToDocument } from '../annotate/geometry.js';
import { isTextEntry } from './policy.js';
import { localizeAttr } from '../i18n.js';

let counter = 0;

export class ControlDriver {
  /**
   * @param {object} o
   * @param {HTMLElement} o.panel  the mirror's panel
   * @param {object} o.surface     view(), elementAt(x, y), nodeIdOf(el) (annotate/surfaces.js mirrorSurface)
   * @param {(action: object) => void} o.send  sends one ctl.action payload
   */
  constructor(o) {
    this.panel = o.panel;
    this.surface = o.surface;
    this.send = o.send;
    this.focusNode = null;
    this.pendingText = '';
    this.wheel = null;
    this.doc = this.panel.ownerDocument;
    const overlay = this.doc.createElement('div');
    overlay.className = 'tandem-control-overlay';
    overlay.tabIndex = 0;
    localizeAttr(overlay, 'aria-label', 'control.overlay');
    overlay.style.cssText = 'position:absolute;left:0;top:0;width:var(--tandem-mirror-width,100%);'
      + 'height:var(--tandem-mirror-height,100%);z-index:6;cursor:pointer;outline:none;display:none;'
      + 'box-shadow:inset 0 0 0 3px #2f9e44;';
    this.panel.appendChild(overlay);
    this.overlay = overlay;
    this.listeners = [];
    this.listen(overlay, 'click', (e) => this.click(e));
    this.listen(overlay, 'keydown', (e) => this.keydown(e));
    this.listen(overlay, 'wheel', (e) => this.wheelMove(e), { passive: false });
  }

  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.listeners.push(() => target.removeEventListener(type, handler, options));
  }

  /** On while control is granted to us and no drawing tool is in hand. */
  setActive(active) {
    this.active = Boolean(active);
    this.overlay.style.display = this.active ? 'block' : 'none';
    if (!this.active) {
      this.closeOptions();
      this.focusNode = null;
      this.pendingText = '';
    }
  }

  action(kind, fields) {
    const action = { id: 'a' + (++counter), kind, ...fields };
    this.send(action);
    return action;
  }

  target(e) {
    const p = clientToDocument({ x: e.clientX, y: e.clientY }, this.surface.view());
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    const element = this.surface.elementAt(x, y);
    const node = element ? this.surface.nodeIdOf(element) : null;
    return { x, y, element, node };
  }

  click(e) {
    e.preventDefault();
    this.overlay.focus({ preventScroll: true });
    this.flushText();
    this.closeOptions();
    const { x, y, element, node } = this.target(e);
    if (node == null) return;
    const select = element.closest ? element.closest('select') : null;
    if (select) {
      const selectNode = this.surface.nodeIdOf(select);
      this.focusNode = null;
      this.openOptions(select, selectNode, e);
      return;
    }
    this.action('click', { node, x, y });
    this.focusNode = isTextEntry(element) ? node : null;
  }

  keydown(e) {
    if (!this.active || this.focusNode == null || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key.length === 1) {
      e.preventDefault();
      this.pendingText += e.key;
      if (!this.textTimer) this.textTimer = setTimeout(() => this.flushText(), 30);
      return;
    }
    if (['Backspace', 'Delete', 'Enter', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
      e.preventDefault();
      this.flushText();
      this.action('key', { node: this.focusNode, key: e.key });
    }
  }

  /** Typed characters go as one action per short burst, in order with the keys around them. */
  flushText() {
    clearTimeout(this.textTimer);
    this.textTimer = null;
    if (!this.pendingText || this.focusNode == null) {
      this.pendingText = '';
      return;
    }
    const text = this.pendingText;
    this.pendingText = '';
    this.action('type', { node: this.focusNode, text });
  }

  wheelMove(e) {
    if (!this.active) return;
    e.preventDefault();
    const scale = this.surface.view().scale || 1;
    if (!this.wheel) {
      const { node } = this.target(e);
      this.wheel = { node, dx: 0, dy: 0 };
      requestAnimationFrame(() => {
        const w = this.wheel;
        this.wheel = null;
        const fields = { dx: Math.round(w.dx), dy: Math.round(w.dy) };
        if (w.node != null) fields.node = w.node;
        this.action('scroll', fields);
      });
    }
    this.wheel.dx += e.deltaX / scale;
    this.wheel.dy += e.deltaY / scale;
  }

  /** A select cannot open in the mirror: its options are offered here, as the stage page has them. */
  openOptions(select, node, e) {
    const list = this.doc.createElement('div');
    list.className = 'tandem-control-options';
    list.setAttribute('role', 'listbox');
    const box = this.panel.getBoundingClientRect();
    const room = { width: this.panel.clientWidth, height: this.panel.clientHeight };
    list.style.cssText = 'position:absolute;z-index:7;left:0;top:0;visibility:hidden;'
      + 'background:#fff;border:1px solid #8a94a6;border-radius:6px;box-shadow:0 4px 14px rgb(0 0 0 / 20%);'
      + `max-height:${Math.max(80, Math.min(320, room.height - 16))}px;overflow:auto;padding:4px;font:14px system-ui;`
      + `max-width:${Math.max(120, room.width - 16)}px;box-sizing:border-box;`;
    for (const option of select.querySelectorAll('option')) {
      const item = this.doc.createElement('button');
      item.type = 'button';
      item.setAttribute('role', 'option');
      item.dataset.value = option.getAttribute('value') ?? option.textContent;
      item.textContent = option.textContent; // text, never HTML
      item.style.cssText = 'display:block;width:100%;text-align:left;border:0;background:none;padding:4px 10px;'
        + 'cursor:pointer;';
      item.onclick = (click) => {
        click.stopPropagation();
        this.action('select', { node, value: item.dataset.value });
        this.closeOptions();
        this.overlay.focus({ preventScroll: true });
      };
      list.appendChild(item);
    }
    this.panel.appendChild(list);
    // where it was clicked, but always within the panel's visible area: opened upwards or leftwards if need be
    const at = { x: e.clientX - box.left, y: e.clientY - box.top };
    const size = { width: list.offsetWidth, height: list.offsetHeight };
    const x = at.x + size.width + 8 > room.width ? Math.max(8, room.width - size.width - 8) : at.x;
    const y = at.y + size.height + 8 > room.height ? Math.max(8, at.y - size.height) : at.y;
    list.style.left = x + this.panel.scrollLeft + 'px';
    list.style.top = y + this.panel.scrollTop + 'px';
    list.style.visibility = 'visible';
    this.options = list;
  }

  closeOptions() {
    if (this.options) this.options.remove();
    this.options = null;
  }

  dispose() {
    this.flushText();
    this.closeOptions();
    this.listeners.forEach((off) => off());
    this.overlay.remove();
  }
}
