// The small UI tandem.js adds to a site page: the "you are sharing" pill with a Stop button and a connection status,
// docked in a corner and movable so it never sits on the site's navigation. Each lives in a shadow root marked
// data-tandem-block, so it is neither mirrored nor styled by the page; each wears the firm's branding (brand.js) and
// speaks the customer's language (lib/i18n.js; its host carries lang and dir, the site's own <html> is left alone).

import { brand } from './brand.js';
import { Movable } from './pill.js';
import { listOfNames } from '../lib/people.js';
import { holdFocus } from './focus.js';
import { localize, localizeAttr, register } from '../lib/i18n.js';

const STYLE = `
  :host { all: initial; }
  .bar { position: fixed; z-index: 2147483647; left: 50%; top: 8px; transform: translateX(-50%);
    display: flex; gap: 12px; align-items: center; padding: 8px 14px; border-radius: 999px;
    background: var(--brand, #163a63); color: var(--brand-ink, #fff); font: 14px/1.3 system-ui, sans-serif;
    box-shadow: 0 4px 16px rgb(0 0 0 / 25%); }
  .dot { width: 9px; height: 9px; border-radius: 50%; background: #f5b400; box-shadow: 0 0 0 2px #fff; }
  .dot.on { background: #2fd47a; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 4px 12px; background: #fff;
    color: var(--brand, #163a63); cursor: pointer; }
  button:focus-visible, [tabindex]:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
  [hidden] { display: none !important; }
  /* on a touch screen every target is at least 44 px (a fingertip), whatever the box's own sizes say */
  @media (pointer: coarse) {
    button, [role=button] { min-width: 44px; min-height: 44px; }
  }
`;

/** A phone (or any narrow window): what floats spans the screen's width, above the drawing tools' strip. */
const NARROW = '@media (max-width: 480px)';

/** The pill: docked in the bottom-left corner, small, movable by drag and by the arrow keys on its grip. */
const PILL = `
  .bar { top: auto; left: auto; inset-inline-start: 16px; bottom: 16px; transform: none; gap: 8px; padding-block: 6px;
    padding-inline: 6px 8px; font-size: 13px;
    max-width: min(460px, calc(100vw - 32px)); cursor: grab; user-select: none; touch-action: none; }
  .bar.moving { cursor: grabbing; }
  .grip { display: grid; place-items: center; width: 22px; height: 22px; border-radius: 50%; cursor: grab;
    font-size: 14px; line-height: 1; color: inherit; opacity: 0.85; }
  .logo { height: 20px; max-width: 64px; object-fit: contain; background: #fff; border-radius: 4px; padding: 1px 3px; }
  .text { display: flex; flex-wrap: wrap; column-gap: 6px; min-width: 0; }
  .status { opacity: 0.85; }
  .status::before { content: "· "; }
  .status:empty { display: none; }
  button { padding: 3px 10px; font-weight: 600; }
  .said { position: absolute; inset-inline-start: 0; bottom: calc(100% + 8px); width: max-content; max-width: min(420px, 90vw);
    padding: 8px 12px; border-radius: 10px; background: #fff; color: #14213d; font-weight: 600;
    box-shadow: 0 4px 16px rgb(0 0 0 / 25%); border-inline-start: 4px solid var(--brand, #163a63); cursor: default; }
  .said:empty { display: none; }
  ${NARROW} { .bar { bottom: 126px; } }
`;

export class SharingBanner {
  /**
   * @param {string} advisorName
   * @param {() => void} onStop
   * @param {() => void} [onCall]  "Video call": the customer starts the call and invites the advisor
   */
  constructor(advisorName, onStop, onCall) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'banner');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}${PILL}</style><div class="bar" role="region" aria-label="Screen sharing"
      data-i18n-aria-label="banner.label">
      <span class="grip" tabindex="0" role="button" aria-label="Move this banner (arrow keys)"
        data-i18n-aria-label="banner.move" title="Drag to move, or use the arrow keys" data-i18n-title="banner.moveTitle"
        >⠿</span>
      <img class="logo" data-brand-logo alt="" hidden><span class="dot" aria-hidden="true"></span>
      <span class="text"><strong class="firm" data-brand-name translate="no" hidden></strong><span class="who"></span>
      <span class="status" role="status"></span></span>
      <button type="button" class="call" data-i18n="banner.videoCall" hidden>Video call</button>
      <button type="button" class="stop" data-i18n="banner.stop">Stop sharing</button>
      <span class="said" role="status" aria-live="polite"></span></div>`;
    this.text = root.querySelector('.who');
    this.status = root.querySelector('.status');
    this.dot = root.querySelector('.dot');
    this.said = root.querySelector('.said');
    this.bar = root.querySelector('.bar');
    this.setPeople(advisorName ? [advisorName] : []);
    root.querySelector('.stop').addEventListener('click', onStop);
    this.call = root.querySelector('.call');
    if (onCall) {
      this.call.hidden = false;
      if (advisorName) localizeAttr(this.call, 'aria-label', 'banner.startCallWith', { name: advisorName });
      else localizeAttr(this.call, 'aria-label', 'banner.startCall');
      this.call.addEventListener('click', onCall);
    }
    this.root = root;
    register(root, this.host);
    this.mover = new Movable(root.querySelector('.bar'), root.querySelector('.grip'));
    brand(this.host).then(() => this.mover.onResize());
  }

  /** Who the page is shared with: "Sharing this page with Alice Archer and Ben Baker". */
  setPeople(names) {
    names = names.filter(Boolean);
    if (!names.length) {
      localize(this.text, 'banner.sharingWithAdvisor');
      localizeAttr(this.bar, 'title', 'banner.titleAdvisor');
      return;
    }
    const who = listOfNames(names);
    if (this.text.getAttribute('data-i18n-args') !== JSON.stringify({ who })) {
      localize(this.text, 'banner.sharingWith', { who });
    }
    localizeAttr(this.bar, 'title', 'banner.title', { who });
  }

  /** One line for the customer above the pill ("Ben Baker from Claims joined"), for a few seconds. */
  say(line) {
    this.said.textContent = line;
    (this.lines ||= []).push(line);
    clearTimeout(this.saidTimer);
    this.saidTimer = setTimeout(() => { this.said.textContent = ''; }, 12000);
  }

  /** The last line said, for tests and assistive tech. */
  saidText() {
    return this.said.textContent;
  }

  /** The "Video call" button is offered while no call is under way. */
  setCallAvailable(available) {
    this.call.hidden = !available;
  }

  show() {
    document.documentElement.appendChild(this.host);
    this.mover.restore();
  }

  /** The connection's state in words: a message key (banner.status.*) and its arguments. */
  setStatus(key, connected, args) {
    localize(this.status, key, args);
    this.dot.classList.toggle('on', connected);
  }

  /** The status text, for tests and assistive tech. */
  statusText() {
    return this.status.textContent;
  }

  remove() {
    this.mover.dispose();
    this.host.remove();
  }
}

/** Shown on the customer's site page while the advisor's page is on the stage: a way to go and watch it. */
export class StagePrompt {
  /** `what`: 'page' or 'document', what the advisor shows. */
  constructor(advisorName, onView, what = 'page', ui = 'stage-prompt') {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', ui);
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .bar { top: auto; bottom: 16px; }
      ${NARROW} { .bar { left: 8px; right: 8px; bottom: 8px; transform: none; border-radius: 16px; } }</style>
      <div class="bar" role="status">
      <span class="text"></span><button type="button" data-i18n="prompt.view">View it</button></div>`;
    const text = root.querySelector('.text');
    if (advisorName) localize(text, `prompt.${what}`, { name: advisorName });
    else localize(text, `prompt.${what}Advisor`);
    register(root, this.host);
    root.querySelector('button').addEventListener('click', onView);
    brand(this.host);
  }

  show() {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
  }

  hide() {
    this.host.remove();
  }
}

/** A short message for the customer (a link that cannot be used, Tandem out of reach), with a close button. */
export class Notice {
  /** `text`: words already in the customer's language, or {key, args} of a message. */
  constructor(text) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'notice');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .bar { top: auto; bottom: 16px; max-width: min(520px, calc(100vw - 32px)); border-radius: 12px; }
      ${NARROW} { .bar { left: 8px; right: 8px; bottom: 8px; max-width: none; transform: none; } }</style>
      <div class="bar" role="alert"><span class="text"></span><button type="button" data-i18n="common.close">Close</button>
      </div>`;
    if (typeof text === 'string') root.querySelector('.text').textContent = text;
    else localize(root.querySelector('.text'), text.key, text.args);
    register(root, this.host);
    root.querySelector('button').addEventListener('click', () => this.host.remove());
    brand(this.host);
    document.documentElement.appendChild(this.host);
  }
}

/**
 * After the customer pressed Stop: nothing is shared, and the pill says so and offers to share again (the same
 * session, with the same advisor) or to be done with it. It stays on the site's next pages until one is pressed.
 */
export class PausedPill {
  /**
   * @param {string} advisorName
   * @param {() => void} onShare  "Share again"
   * @param {() => void} onDone   "Done": the session is left for good on this side
   */
  constructor(advisorName, onShare, onDone) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'paused');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}${PILL}
      .bar { cursor: default; padding-block: 6px; padding-inline: 14px 8px; }
      .dot { background: #c8ced8; }</style>
      <div class="bar" role="region" aria-label="Screen sharing" data-i18n-aria-label="banner.label">
        <span class="dot" aria-hidden="true"></span><span class="text" role="status"></span>
        <button type="button" class="share" data-i18n="paused.shareAgain">Share again</button>
        <button type="button" class="done" data-i18n="paused.done">Done</button></div>`;
    const text = root.querySelector('.text');
    if (advisorName) localize(text, 'paused.stoppedWith', { name: advisorName });
    else localize(text, 'paused.stopped');
    register(root, this.host);
    root.querySelector('.share').addEventListener('click', () => { this.remove(); onShare(); });
    root.querySelector('.done').addEventListener('click', () => { this.remove(); onDone(); });
    this.root = root;
    brand(this.host);
  }

  /** Shows the pill; `focus`: the customer just pressed Stop, so the keyboard lands on "Share again". */
  show(focus = false) {
    document.documentElement.appendChild(this.host);
    if (focus) this.root.querySelector('.share').focus();
  }

  remove() {
    this.host.remove();
  }
}

/** At the end of the session: the rating question, with a close button. */
export class RatingCard {
  constructor(build) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'rating');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .card { position: fixed; z-index: 2147483647; inset-inline-end: 16px; bottom: 16px; width: min(380px, 92vw);
        background: #fff; color: #14213d; border-radius: 12px; padding: 14px 16px;
        font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 10px 40px rgb(0 0 0 / 30%); }
      .scale { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; }
      .scale button { padding: 4px 8px; border: 1px solid var(--brand, #163a63); color: #14213d; }
      .scale button[aria-pressed="true"] { background: var(--brand, #163a63); color: var(--brand-ink, #fff); }
      textarea { width: 100%; box-sizing: border-box; font: inherit; }
      .send { margin-top: 6px; background: var(--brand, #163a63); color: var(--brand-ink, #fff); }
      .close { float: inline-end; border: 0; background: none; font-size: 18px; padding: 0 4px; }
      /* a phone: the screen's width, above the help button that comes back when the session ends */
      ${NARROW} { .card { left: 8px; right: 8px; bottom: 80px; width: auto; } }</style>
      <div class="card" role="dialog" aria-label="Your session has ended" data-i18n-aria-label="rating.ended"><button
      type="button" class="close" aria-label="Close" data-i18n-aria-label="common.close">×</button><strong
      data-i18n="rating.endedTitle">Your session has ended.</strong></div>`;
    const card = root.querySelector('.card');
    this.card = card;
    root.querySelector('.close').addEventListener('click', () => this.remove());
    build(card);
    register(root, this.host);
    brand(this.host);
  }

  /** Shown with focus on its first answer; Esc closes it and focus goes back where it was. */
  show() {
    document.documentElement.appendChild(this.host);
    this.release = holdFocus(this.card, { first: this.card.querySelector('.scale button'), onEscape: () => this.remove() });
  }

  remove() {
    this.host.remove();
    if (this.release) this.release();
    this.release = null;
  }
}

/** The customer's drawing tools, beside their page: point, draw, mark and note for the advisor; undo and clear. */
export class DrawToolbar {
  constructor(onTool, onUndo, onClear) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'draw-tools');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .bar { left: auto; right: auto; inset-inline-end: 12px; top: 50%; transform: translateY(-50%); flex-direction: column; gap: 6px;
        border-radius: 14px; padding: 8px; }
      button[aria-pressed="true"] { background: #f5b400; }
      /* on a phone two rows of four along the bottom, every tool in sight, the pill just above */
      ${NARROW} { .bar { top: auto; right: 8px; bottom: 8px; left: 8px; transform: none; display: grid;
        grid-template-columns: repeat(4, 1fr); } button { padding: 4px 6px; } }</style>
      <div class="bar" role="toolbar" aria-label="Point and draw" data-i18n-aria-label="tools.label">
      <button type="button" data-tool="" aria-pressed="true" data-i18n="tools.point">Point</button>
      <button type="button" data-tool="pen" aria-pressed="false" data-i18n="tools.pen">Pen</button>
      <button type="button" data-tool="arrow" aria-pressed="false" data-i18n="tools.arrow">Arrow</button>
      <button type="button" data-tool="rect" aria-pressed="false" data-i18n="tools.box">Box</button>
      <button type="button" data-tool="text" aria-pressed="false" data-i18n="tools.note">Note</button>
      <button type="button" data-tool="laser" aria-pressed="false" data-i18n="tools.laser">Laser</button>
      <button type="button" data-action="undo" data-i18n="tools.undo">Undo</button>
      <button type="button" data-action="clear" data-i18n="tools.clear">Clear mine</button></div>`;
    register(root, this.host);
    const tools = [...root.querySelectorAll('[data-tool]')];
    for (const button of tools) {
      button.addEventListener('click', () => {
        for (const b of tools) b.setAttribute('aria-pressed', String(b === button));
        onTool(button.dataset.tool || null);
      });
    }
    root.querySelector('[data-action=undo]').addEventListener('click', onUndo);
    root.querySelector('[data-action=clear]').addEventListener('click', onClear);
    brand(this.host);
  }

  show() {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
  }

  remove() {
    this.host.remove();
  }
}
