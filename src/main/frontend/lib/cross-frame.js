// The rules between a page that shares (the parent) and a page of another origin framed in it that also carries
// tandem.js (the child): who may ask whom, and what the child must mask. tandem/frame-child.js and
// tandem/frame-parent.js do the talking; everything deciding trust is here, so it is tested on its own.
//   - the child records only for a parent its own tag lists (data-tandem-frame-parents) and only when that parent
//     asks: the asking message's origin (set by the browser, not by the sender) must be in the list, and it must come
//     from the child's own parent window;
//   - the parent asks, and accepts events from, only frames of its own page that its rules let through: nothing in or
//     on a [data-tandem-block] area is asked; a frame in a [data-tandem-mask] area (or in a page that masks all input
//     or is private by default and does not reveal the frame) asks the child to mask accordingly.

import { BLOCK_SELECTOR, Zones } from './masking.js';

/** The child says it is there (on every page load), so a parent that already shares asks it at once. */
export const HELLO = 'tandem:frame-hello';
/** The parent asks the child to record (again: a fresh full snapshot), with the masking the parent requires. */
export const RECORD = 'tandem:frame-record';
/** The parent no longer wants the child's events. */
export const STOP = 'tandem:frame-stop';
/** The child's page is going away (a navigation inside the frame): its mirror must not go stale. */
export const GONE = 'tandem:frame-gone';
/** rrweb's own message type for a child's event (rrweb's IframeManager merges these into the parent's stream). */
export const RRWEB = 'rrweb';

/**
 * The origins a child trusts, from its tag's data-tandem-frame-parents: space-separated origins such as
 * "https://www.bank.example". Anything that is not exactly an http(s) origin (a path, a wildcard, "null") is ignored.
 */
export function parseFrameParents(value) {
  if (typeof value !== 'string') return [];
  const origins = [];
  for (const token of value.trim().split(/\s+/)) {
    const origin = exactOrigin(token.replace(/\/$/, ''));
    if (origin && !origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function exactOrigin(text) {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password
      && !/[?#*]/.test(text);
    return bare && url.origin !== 'null' ? url.origin : null;
  } catch (e) {
    return null;
  }
}

/** Whether an origin (a MessageEvent's origin) is one of the trusted parents; never "null" or an empty one. */
export function trustsOrigin(parents, origin) {
  return typeof origin === 'string' && origin !== 'null' && origin !== '' && parents.includes(origin);
}

/**
 * Whether a message is a parent's request the child may act on: the right type, sent by the child's own parent
 * window, from a trusted origin. Returns the masking the parent asks for ({maskAll, maskAllInputs}) and the parent's
 * name for this frame (token), or null.
 */
export function recordRequest(event, parents, parentWindow) {
  if (!event || event.source !== parentWindow || !trustsOrigin(parents, event.origin)) return null;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== RECORD) return null;
  return { maskAll: data.maskAll === true, maskAllInputs: data.maskAllInputs === true,
    token: typeof data.token === 'string' ? data.token.slice(0, 64) : '' };
}

/** Whether a message is the trusted parent telling the child to stop. */
export function stopRequest(event, parents, parentWindow) {
  return Boolean(event && event.source === parentWindow && trustsOrigin(parents, event.origin) && event.data
    && typeof event.data === 'object' && event.data.type === STOP);
}

/**
 * Whether the page this child is framed in appears to be a trusted parent, to decide before any message whether the
 * child stays quiet (no "Get help", no session of its own) or behaves as a page of its own. Only a hint: recording
 * starts on a verified request (recordRequest). `ancestorOrigins` (Chromium, Safari) or the referrer's origin.
 */
export function framedByTrustedParent(win, parents) {
  if (!parents.length || win.parent === win) return false;
  const ancestors = win.location && win.location.ancestorOrigins;
  if (ancestors && ancestors.length) return trustsOrigin(parents, ancestors[0]);
  try {
    const referrer = win.document && win.document.referrer;
    return referrer ? trustsOrigin(parents, new URL(referrer).origin) : false;
  } catch (e) {
    return false;
  }
}

/**
 * A frame whose document this page cannot read (another origin, or sandboxed without allow-same-origin), or that is
 * still on its first empty document while it loads a page of another origin (its src): recorded as foreign either
 * way, so whether its page has arrived when this page is snapshotted decides nothing.
 */
export function isForeignFrame(frame) {
  try {
    if (!frame.contentDocument) return true;
  } catch (e) {
    return true;
  }
  const src = typeof frame.getAttribute === 'function' ? frame.getAttribute('src') : null;
  if (!src) return false;
  try {
    const doc = frame.ownerDocument;
    const url = new URL(src, doc.baseURI);
    return /^https?:$/.test(url.protocol) && url.origin !== doc.defaultView.location.origin;
  } catch (e) {
    return false;
  }
}

/** The iframe of this document (and its open shadow roots) whose window sent a message, or null. */
export function frameOfWindow(doc, source) {
  if (!source) return null;
  for (const frame of allFrames(doc)) {
    if (frame.contentWindow === source) return frame;
  }
  return null;
}

/** Every iframe of a document, also inside open shadow roots. */
export function allFrames(doc) {
  const frames = [];
  const roots = [doc];
  while (roots.length) {
    const root = roots.pop();
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'IFRAME') frames.push(el);
      if (el.shadowRoot) roots.push(el.shadowRoot);
    }
  }
  return frames;
}

/**
 * What the parent's rules say of a frame: null when it must not be recorded at all (blocked, or inside a block),
 * otherwise the masking the child must apply on top of its own.
 * @param {Element} frame  the iframe
 * @param {object} masking  the parent's masking options {maskAllInputs, privateByDefault}
 */
export function frameMasking(frame, masking = {}, zones = new Zones()) {
  if (!frame || !frame.isConnected) return null;
  let blocked;
  try {
    blocked = frame.matches(BLOCK_SELECTOR) || zones.insideBlock(frame);
  } catch (e) {
    blocked = true;
  }
  if (blocked) return null;
  const maskAll = zones.inMask(frame) || (Boolean(masking.privateByDefault) && !zones.revealed(frame));
  return { maskAll, maskAllInputs: maskAll || Boolean(masking.maskAllInputs) };
}

/**
 * Whether a message is an rrweb event the parent may merge: rrweb's shape, a page or change event only (no custom,
 * plugin or annotation events, which rrweb would pass through unchanged). The sender is checked apart.
 */
export function isFrameEvent(data) {
  if (!data || typeof data !== 'object' || data.type !== RRWEB) return false;
  const event = data.event;
  if (!event || typeof event !== 'object' || !event.data || typeof event.data !== 'object') return false;
  return event.type === 2 || event.type === 3 || event.type === 4;
}
