// The live mirror of the sharer's page: rrweb's Replayer in live mode, rebuilt on every snapshot, inside rrweb's
// iframe (sandbox="allow-same-origin", so no script in the mirrored page can run; the page CSP limits what it may
// load). Scaled to the largest size that fits its panel (or 1:1 with scrolling) and centred, keeping the sharer's
// viewport geometry; it follows the sharer's scrolling or lets the viewer scroll freely; the sharer's pointer is drawn
// on top.

import { Replayer } from 'rrweb';
import { payloadJson } from './frames.js';
import { canvasFramePlugin } from './canvas.js';
import { Defuser } from './defuse.js';
import { t } from './i18n.js';

/** A text drawn centred on a placeholder (an SVG background: the placeholder itself gets no content or layout). */
function label(text) {
  const svg = "<svg xmlns='http://www.w3.org/2000/svg'><text x='50%' y='50%' text-anchor='middle' "
    + "dominant-baseline='central' font-family='system-ui,sans-serif' font-size='13' fill='#3e4c59' "
    + `stroke='#f5f7fa' stroke-width='4' paint-order='stroke'>${xml(text)}</text></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

function xml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HATCH = 'repeating-linear-gradient(45deg,#eef1f5,#eef1f5 8px,#dde3ea 8px,#dde3ea 16px)';

/**
 * The mirror's own styles, inserted into the mirrored page before its style sheets. A placeholder (lib/sanitize.js)
 * is sized as a border box, so its class's padding and border do not add to the size it was sent with, and is drawn
 * hatched with its label; a frame from another site keeps its size and says why it is empty.
 */
export const mirrorStyleRules = () => [
  `.rr-block, [data-tandem-placeholder] { background: ${label(t('mirror.hidden'))} no-repeat center, ${HATCH} `
    + '!important }',
  '[data-tandem-placeholder=block], [data-tandem-placeholder=inline] { box-sizing: border-box !important }',
  '[data-tandem-placeholder=inline] { display: inline-block !important; vertical-align: text-bottom }',
  // scripting is off in the mirror, so a canvas is no bitmap: a box of its size showing its image (lib/canvas.js)
  'canvas { display: inline-block }',
  'canvas > * { display: none !important }',
  `iframe[data-tandem-placeholder=frame] { background: ${label(t('mirror.otherSite'))} no-repeat `
    + `center, ${HATCH} !important }`,
];

/**
 * rrweb Replayer options for showing a customer's page, live or recorded: no mouse tail, no script in the mirror
 * (canvas frames are drawn from outside, lib/canvas.js), no focus stealing, and placeholders drawn as labelled hatched
 * boxes.
 */
export function replayerOptions(root, extra = {}) {
  return {
    root,
    mouseTail: false,
    showWarning: false,
    showDebug: false,
    triggerFocus: false,
    UNSAFE_replayCanvas: false,
    insertStyleRules: mirrorStyleRules(), // the labels in the viewer's language (the customer's, in the workspace)
    plugins: [canvasFramePlugin()],
    ...extra,
  };
}

/**
 * The mirrored page's frame: a white backdrop (a page that paints no background of its own shows the browser's white,
 * as it does for the customer, not whatever is behind the mirror), no border (the browser's default 2 px would make it
 * 4 px larger than the sharer's viewport, cropped by the stage) and a name that screen readers announce.
 */
export function whiteBackdrop(replayer) {
  if (!replayer || !replayer.iframe) return;
  replayer.iframe.style.background = '#fff';
  replayer.iframe.style.border = '0';
  replayer.iframe.title = "The customer's page";
}

export class Mirror {
  /**
   * @param {HTMLElement} panel  where the mirror goes; it is sized by the page
   * @param {object} [callbacks] onNav({url,title}), onFocus({visible,focused}), onViewport({width,height}),
   *                             onSnapshot()
   */
  constructor(panel, callbacks = {}) {
    this.panel = panel;
    this.callbacks = callbacks;
    this.replayer = null;
    this.viewport = { width: 1280, height: 800 };
    this.pointer = null;
    this.stage = document.createElement('div');
    this.stage.className = 'tandem-mirror-stage';
    this.stage.style.cssText = 'position:absolute;left:0;top:0;transform-origin:0 0;';
    panel.style.position = panel.style.position || 'relative';
    panel.style.overflow = 'hidden';
    panel.appendChild(this.stage);
    this.resizeObserver = new ResizeObserver(() => this.fit());
    this.resizeObserver.observe(panel);
    // the view: 'fit' (the largest scale that fits the panel, centred) or 'actual' (1:1, the panel scrolls); and
    // whether the mirrored page follows the sharer's scrolling or the viewer scrolls it freely (wheel on the panel)
    this.viewMode = 'fit';
    this.follow = true;
    this.scrolls = new Map(); // the sharer's latest scroll position per scrolled node, to return to on "follow"
    this.onWheel = (e) => this.freeWheel(e);
    panel.addEventListener('wheel', this.onWheel, { passive: false });
  }

  /** 'fit' or 'actual' (1:1 with scrolling). */
  setViewMode(mode) {
    this.viewMode = mode === 'actual' ? 'actual' : 'fit';
    this.panel.dataset.view = this.viewMode;
    this.fit();
  }

  /** Follow the sharer's scrolling (true), or let the viewer scroll the mirrored page freely (false). */
  setFollow(follow) {
    this.follow = Boolean(follow);
    this.panel.dataset.follow = String(this.follow);
    if (this.follow) {
      for (const event of this.scrolls.values()) this.add(event);
      this.placePointer();
    }
  }

  freeWheel(e) {
    if (this.follow || e.defaultPrevented) return; // following, or the control overlay sends it to the sharer
    const doc = this.document();
    if (!doc || !doc.defaultView) return;
    e.preventDefault();
    doc.defaultView.scrollBy(e.deltaX / (this.scale || 1), e.deltaY / (this.scale || 1));
    this.placePointer();
    if (this.callbacks.onLocalScroll) this.callbacks.onLocalScroll();
  }

  /** Feeds one relay frame; returns true if it was a mirror frame. */
  frame(type, frame) {
    switch (type) {
      case 'sys.reset':
      case 'sys.stage':
        this.clear();
        return true;
      case 'dom.snap':
        this.snapshot(payloadJson(frame));
        return true;
      case 'dom.mut':
        for (const event of payloadJson(frame)) this.add(event);
        return true;
      case 'dom.scroll': {
        const event = payloadJson(frame);
        if (event && event.data) this.scrolls.set(event.data.id, event);
        if (this.follow) this.add(event);
        this.placePointer();
        return true;
      }
      case 'dom.viewport': {
        const event = payloadJson(frame);
        this.setViewport(event.data.width, event.data.height);
        this.add(event);
        return true;
      }
      case 'dom.nav':
        if (this.callbacks.onNav) this.callbacks.onNav(payloadJson(frame), frame.header.k);
        return true;
      case 'dom.focus':
        if (this.callbacks.onFocus) this.callbacks.onFocus(payloadJson(frame));
        return true;
      default:
        return false;
    }
  }

  /** Draws a participant's pointer (document coordinates of the mirrored page). */
  showPointer(id, label, color, position) {
    if (!this.pointer) {
      this.pointer = document.createElement('div');
      this.pointer.className = 'tandem-pointer';
      this.pointer.setAttribute('aria-hidden', 'true');
      this.pointer.style.cssText = 'position:absolute;z-index:10;pointer-events:none;width:14px;height:14px;'
        + 'margin:-7px 0 0 -7px;border-radius:50%;border:2px solid #fff;box-shadow:0 0 0 1px rgb(0 0 0 / 35%);';
      this.pointerLabel = document.createElement('span');
      this.pointerLabel.style.cssText = 'position:absolute;left:14px;top:10px;white-space:nowrap;font:12px system-ui;'
        + 'color:#fff;padding:1px 6px;border-radius:6px;';
      this.pointer.appendChild(this.pointerLabel);
      this.stage.appendChild(this.pointer);
    }
    this.pointer.dataset.participant = id;
    this.pointer.style.background = color;
    this.pointerLabel.style.background = color;
    this.pointerLabel.textContent = label;
    this.pointerAt = position;
    this.placePointer();
  }

  clear() {
    if (this.replayer) {
      try {
        this.replayer.destroy();
      } catch (e) {
        // already detached
      }
    }
    this.replayer = null;
    for (const child of [...this.stage.children]) {
      if (child !== this.pointer) child.remove();
    }
  }

  snapshot(events) {
    this.clear();
    this.scrolls.clear();
    const meta = events.find((e) => e.type === 4);
    if (meta) this.setViewport(meta.data.width, meta.data.height);
    this.replayer = new Replayer([], replayerOptions(this.stage, { liveMode: true }));
    this.defuser = new Defuser();
    whiteBackdrop(this.replayer);
    // Events are stamped on arrival (see add): live mode plays them at once, whatever the sharer's clock says.
    this.baseline = Date.now();
    this.replayer.startLive(this.baseline);
    for (const event of events) this.add(event);
    const wrapper = this.stage.querySelector('.replayer-wrapper');
    if (wrapper) wrapper.style.position = 'relative';
    this.fit();
    if (this.callbacks.onSnapshot) this.callbacks.onSnapshot();
  }

  add(event) {
    if (!this.replayer || !event) return;
    // rrweb plays an event once (timestamp - baseline) has elapsed since startLive, so an arrival stamp plays it on
    // the next tick. A stamp before the baseline would be cast "sync" (into rrweb's virtual DOM), so never use one.
    this.replayer.addEvent({ ...this.defuser.defuse(event), timestamp: Math.max(Date.now(), this.baseline) });
  }

  /** The mirrored document, for tests and for anchoring annotations. */
  document() {
    const iframe = this.stage.querySelector('iframe');
    return iframe ? iframe.contentDocument : null;
  }

  setViewport(width, height) {
    if (!width || !height) return;
    this.viewport = { width, height };
    if (this.callbacks.onViewport) this.callbacks.onViewport(this.viewport);
    this.fit();
  }

  /** Scales the sharer's viewport to the largest size that fits the panel (or 1:1) and centres it. */
  fit() {
    const { width, height } = this.viewport;
    const room = { width: this.panel.clientWidth, height: this.panel.clientHeight };
    const scale = this.viewMode === 'actual' ? 1 : Math.min(room.width / width, room.height / height) || 1;
    this.scale = scale;
    this.offset = { x: Math.max(0, Math.floor((room.width - width * scale) / 2)),
      y: Math.max(0, Math.floor((room.height - height * scale) / 2)) };
    this.stage.style.width = width + 'px';
    this.stage.style.height = height + 'px';
    this.stage.style.left = this.offset.x + 'px';
    this.stage.style.top = this.offset.y + 'px';
    this.stage.style.transform = `scale(${scale})`;
    this.panel.dataset.scale = scale.toFixed(3);
    // the scrollable extent at 1:1, for overlays that must cover all of it (the control overlay)
    this.panel.style.setProperty('--tandem-mirror-width', Math.max(room.width, this.offset.x + width * scale) + 'px');
    this.panel.style.setProperty('--tandem-mirror-height',
      Math.max(room.height, this.offset.y + height * scale) + 'px');
  }

  placePointer() {
    if (!this.pointer || !this.pointerAt) return;
    const doc = this.document();
    const win = doc && doc.defaultView;
    const scrollX = win ? win.scrollX || doc.documentElement.scrollLeft : 0;
    const scrollY = win ? win.scrollY || doc.documentElement.scrollTop : 0;
    this.pointer.style.left = this.pointerAt.x - scrollX + 'px';
    this.pointer.style.top = this.pointerAt.y - scrollY + 'px';
  }

  dispose() {
    this.clear();
    this.panel.removeEventListener('wheel', this.onWheel);
    this.resizeObserver.disconnect();
    this.stage.remove();
  }
}
