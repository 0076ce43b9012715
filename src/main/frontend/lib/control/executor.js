// Carries out a controller's actions on the stage page as DOM events, after the page's own policy (policy.js) has
// allowed them. Actions address elements by rrweb node id, the ids both sides share through the mirror.
//   click  {node, x?, y?}   pointer and mouse events, then click (so checkboxes toggle, links and buttons work)
//   type   {node, text}     text inserted at the caret of a field, with input events
//   key    {node, key}      Backspace, Delete, Enter (textareas only: never submits a form), Tab is not supported
//   select {node, value}    the option with that value is chosen, with input and change events
//   scroll {node?, dx, dy}  the nearest scrollable element (or the page) scrolls
// The events it dispatches are remembered, so the page's click tracking can tell them from the owner's own.

import { composedClosest, treeParent } from '../composed.js';
import { confirmTarget, isTextEntry, refusal } from './policy.js';

const dispatched = new WeakSet();

/** Whether an event was made by the executor (a controller's action), not by the person at this page. */
export function isControlEvent(event) {
  return dispatched.has(event);
}

export class ControlExecutor {
  /**
   * @param {object} o
   * @param {Window} o.win
   * @param {(id: number) => Node|null} o.nodeById
   * @param {() => object} o.policy  the current policy options: {viewOnly, maskAllInputs, privateByDefault}
   * @param {(el: Element) => void} [o.askToConfirm]  highlight an element the owner must press themselves
   */
  constructor(o) {
    this.win = o.win;
    this.doc = o.win.document;
    this.nodeById = o.nodeById;
    this.policy = o.policy;
    this.askToConfirm = o.askToConfirm || (() => {});
  }

  /** Runs one action; returns {id, ok, reason?} for ctl.result. */
  execute(action) {
    const id = typeof action.id === 'string' ? action.id.slice(0, 64) : '';
    const done = (reason) => (reason ? { id, ok: false, reason } : { id, ok: true });
    let el = null;
    if (Number.isInteger(action.node)) {
      const node = this.nodeById(action.node);
      el = node && node.nodeType === 3 ? node.parentElement : node; // a text node: its element
    } else if (action.kind === 'scroll') {
      el = this.doc.scrollingElement || this.doc.documentElement;
    }
    if (el && !el.isConnected) el = null;
    const reason = refusal(el, this.policy());
    if (reason === 'needs-confirm' && action.kind === 'click') {
      this.askToConfirm(confirmTarget(el));
      return done(reason);
    }
    if (reason && !(reason === 'needs-confirm' && action.kind === 'scroll')) return done(reason);
    switch (action.kind) {
      case 'click':
        return done(this.click(el, action));
      case 'type':
        return done(this.type(el, String(action.text ?? '').slice(0, 1000)));
      case 'key':
        return done(this.key(el, String(action.key ?? '')));
      case 'select':
        return done(this.select(el, String(action.value ?? '')));
      case 'scroll':
        return done(this.scroll(el, Number(action.dx) || 0, Number(action.dy) || 0));
      default:
        return done('unsupported');
    }
  }

  fire(el, event) {
    dispatched.add(event);
    return el.dispatchEvent(event);
  }

  click(el, action) {
    const win = this.win;
    const box = el.getBoundingClientRect();
    // where the controller clicked (document coordinates), else the element's centre
    const inside = Number.isFinite(action.x) && Number.isFinite(action.y);
    const clientX = inside ? action.x - win.scrollX : box.left + box.width / 2;
    const clientY = inside ? action.y - win.scrollY : box.top + box.height / 2;
    const init = { bubbles: true, cancelable: true, composed: true, view: win, clientX, clientY, button: 0 };
    const pointer = { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true };
    const PointerEventClass = win.PointerEvent || win.MouseEvent;
    this.fire(el, new PointerEventClass('pointerdown', { ...pointer, buttons: 1 }));
    this.fire(el, new win.MouseEvent('mousedown', { ...init, buttons: 1, detail: 1 }));
    const focusable = composedClosest(el, 'input, select, textarea, button, a[href], [tabindex], [contenteditable]');
    if (focusable && typeof focusable.focus === 'function') focusable.focus({ preventScroll: true });
    this.fire(el, new PointerEventClass('pointerup', pointer));
    this.fire(el, new win.MouseEvent('mouseup', { ...init, detail: 1 }));
    this.fire(el, new win.MouseEvent('click', { ...init, detail: 1 }));
    return null;
  }

  type(el, text) {
    if (!isTextEntry(el)) return 'not-editable';
    if (el.disabled || el.readOnly) return 'not-editable';
    el.focus({ preventScroll: true });
    if (el.isContentEditable && el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA') {
      this.doc.execCommand('insertText', false, text);
      return null;
    }
    insertAtCaret(el, text);
    this.fire(el, new this.win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return null;
  }

  key(el, key) {
    if (!isTextEntry(el) || el.disabled || el.readOnly) return 'not-editable';
    el.focus({ preventScroll: true });
    const init = { bubbles: true, cancelable: true, key };
    const proceed = this.fire(el, new this.win.KeyboardEvent('keydown', init));
    let inputType = null;
    if (proceed) {
      if (key === 'Backspace') inputType = deleteAtCaret(el, -1) ? 'deleteContentBackward' : null;
      else if (key === 'Delete') inputType = deleteAtCaret(el, 1) ? 'deleteContentForward' : null;
      else if (key === 'Enter' && el.tagName === 'TEXTAREA') {
        insertAtCaret(el, '\n');
        inputType = 'insertLineBreak';
      } else if (!['Enter', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Escape'].includes(key)) {
        return 'unsupported';
      } else if (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End') {
        moveCaret(el, key);
      }
    }
    if (inputType) this.fire(el, new this.win.InputEvent('input', { bubbles: true, inputType }));
    this.fire(el, new this.win.KeyboardEvent('keyup', init));
    return null;
  }

  select(el, value) {
    if (el.tagName !== 'SELECT' || el.disabled) return 'not-selectable';
    const option = [...el.options].find((o) => o.value === value);
    if (!option || option.disabled) return 'no-such-option';
    el.focus({ preventScroll: true });
    el.value = value;
    this.fire(el, new this.win.Event('input', { bubbles: true }));
    this.fire(el, new this.win.Event('change', { bubbles: true }));
    return null;
  }

  scroll(el, dx, dy) {
    const clamp = (v) => Math.max(-5000, Math.min(5000, v));
    const target = scrollableAncestor(el, this.win);
    if (target) target.scrollBy(clamp(dx), clamp(dy));
    else this.win.scrollBy(clamp(dx), clamp(dy));
    return null;
  }
}

/** The element itself or the nearest ancestor that can scroll in either direction; null for the page. */
function scrollableAncestor(el, win) {
  const root = win.document.scrollingElement || win.document.documentElement;
  for (let e = el; e && e !== root && e.nodeType === 1; e = treeParent(e)) {
    const style = win.getComputedStyle(e);
    const y = /(auto|scroll|overlay)/.test(style.overflowY) && e.scrollHeight > e.clientHeight;
    const x = /(auto|scroll|overlay)/.test(style.overflowX) && e.scrollWidth > e.clientWidth;
    if (x || y) return e;
  }
  return null;
}

function selection(el) {
  try {
    return [el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, true];
  } catch (e) {
    return [el.value.length, el.value.length, false]; // email and number fields have no selection API
  }
}

function insertAtCaret(el, text) {
  const [start, end, ranged] = selection(el);
  if (ranged && typeof el.setRangeText === 'function' && el.selectionStart !== null) {
    el.setRangeText(text, start, end, 'end');
  } else {
    el.value = el.value.slice(0, start) + text + el.value.slice(end);
  }
}

function deleteAtCaret(el, direction) {
  let [start, end, ranged] = selection(el);
  if (start === end) {
    if (direction < 0 && start === 0) return false;
    if (direction > 0 && end >= el.value.length) return false;
    if (direction < 0) start -= 1;
    else end += 1;
  }
  if (ranged && el.selectionStart !== null) el.setRangeText('', start, end, 'end');
  else el.value = el.value.slice(0, start) + el.value.slice(end);
  return true;
}

function moveCaret(el, key) {
  const [start, , ranged] = selection(el);
  if (!ranged || el.selectionStart === null) return;
  const length = el.value.length;
  const at = key === 'Home' ? 0 : key === 'End' ? length : Math.max(0, Math.min(length, start + (key === 'ArrowLeft' ? -1 : 1)));
  el.setSelectionRange(at, at);
}
