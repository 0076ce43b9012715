// The remote-control UI on the stage page: the consent dialog naming who asks, the "is controlling this page" banner
// with a Stop button (Esc stops too), and the highlight on a [data-tandem-confirm] element the owner must press
// themselves. Shadow roots marked data-tandem-block: never mirrored, never controllable, unstyled by the page. Names
// are set as text, never as HTML.

const STYLE = `
  :host { all: initial; }
  .box { position: fixed; z-index: 2147483647; font: 14px/1.4 system-ui, sans-serif; color: #14213d; }
  .dialog { left: 50%; top: 64px; transform: translateX(-50%); width: min(420px, 92vw); background: #fff;
    border-radius: 12px; padding: 18px 20px; box-shadow: 0 10px 40px rgb(0 0 0 / 30%); }
  .dialog p { margin: 0 0 12px; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  button { font: inherit; border: 1px solid #163a63; border-radius: 999px; padding: 5px 14px; background: #fff;
    color: #163a63; cursor: pointer; }
  button.primary { background: #163a63; color: #fff; }
  .banner { left: 50%; bottom: 16px; transform: translateX(-50%); display: flex; gap: 12px; align-items: center;
    padding: 8px 14px; border-radius: 999px; background: #2f9e44; color: #fff; box-shadow: 0 4px 16px rgb(0 0 0 / 25%); }
  .banner button { background: #fff; border-color: #fff; color: #2f9e44; }
  .ring { pointer-events: none; border: 3px solid #f08c00; border-radius: 6px; box-shadow: 0 0 0 6px rgb(240 140 0 / 30%); }
  .tip { pointer-events: none; background: #f08c00; color: #fff; padding: 3px 8px; border-radius: 6px; font-size: 13px; }
  @media (pointer: coarse) {
    button { min-width: 44px; min-height: 44px; }
  }
  /* a narrow screen: the banner spans its top rather than squeezing into its right half over the drawing tools */
  @media (max-width: 480px) {
    .banner { left: 8px; right: 8px; top: 8px; bottom: auto; transform: none; border-radius: 16px; }
    .dialog { left: 8px; right: 8px; width: auto; transform: none; }
  }
`;

import { holdFocus } from './focus.js';
import { localize, localizeAttr, register, translate } from '../lib/i18n.js';

function host(kind) {
  const el = document.createElement('div');
  el.setAttribute('data-tandem-block', '');
  el.setAttribute('data-tandem-ui', kind);
  const root = el.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${STYLE}</style>`;
  register(root, el);
  return { el, root };
}

/** "<name> asks to control this page": allow here, allow for the session, or decline. */
export class ConsentDialog {
  constructor(onAnswer) {
    const { el, root } = host('control-consent');
    this.host = el;
    const box = document.createElement('div');
    box.className = 'box dialog';
    box.setAttribute('role', 'alertdialog');
    localizeAttr(box, 'aria-label', 'control.label');
    box.innerHTML = `<p class="ask"></p><p data-i18n="control.explain"></p>
      <div class="actions"><button type="button" class="primary" data-answer="page" data-i18n="control.allowPage"></button>
      <button type="button" data-answer="session" data-i18n="control.allowSession"></button>
      <button type="button" data-answer="deny" data-i18n="control.deny"></button></div>`;
    root.appendChild(box);
    translate(box);
    this.box = box;
    this.ask = box.querySelector('.ask');
    for (const button of box.querySelectorAll('button')) {
      button.addEventListener('click', (e) => {
        if (!e.isTrusted) return; // only the person at this page answers
        this.hide();
        onAnswer(button.dataset.answer);
      });
    }
    // Esc answers "Don't allow", as the person pressing it means
    this.onEscape = () => {
      this.hide();
      onAnswer('deny');
    };
    this.root = root;
  }

  show(name) {
    if (name) localize(this.ask, 'control.asks', { name });
    else localize(this.ask, 'control.asksAdvisor');
    if (!this.host.isConnected) {
      document.documentElement.appendChild(this.host);
      this.release = holdFocus(this.box, { first: this.box.querySelector('.primary'), onEscape: this.onEscape });
    }
  }

  hide() {
    this.host.remove();
    if (this.release) this.release();
    this.release = null;
  }

  get shown() {
    return this.host.isConnected;
  }
}

/** "<name> is controlling this page" with Stop; shown while control is granted. */
export class ControlBanner {
  constructor(onStop) {
    const { el, root } = host('control-banner');
    this.host = el;
    const bar = document.createElement('div');
    bar.className = 'box banner';
    bar.setAttribute('role', 'status');
    bar.innerHTML = '<span class="text"></span><button type="button" data-i18n="control.stop"></button>';
    root.appendChild(bar);
    translate(bar);
    this.text = bar.querySelector('.text');
    bar.querySelector('button').addEventListener('click', (e) => {
      if (e.isTrusted) onStop();
    });
  }

  show(name) {
    if (name) localize(this.text, 'control.controlling', { name });
    else localize(this.text, 'control.controllingAdvisor');
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
  }

  hide() {
    this.host.remove();
  }
}

/** Marks an element the owner has to press themselves, until they do or a few seconds pass. */
export class ConfirmHighlight {
  constructor() {
    const { el, root } = host('control-confirm');
    this.host = el;
    this.ring = document.createElement('div');
    this.ring.className = 'box ring';
    this.tip = document.createElement('div');
    this.tip.className = 'box tip';
    root.append(this.ring, this.tip);
    this.timer = null;
    this.target = null;
    this.place = () => this.position();
  }

  show(target, name) {
    this.hide();
    this.target = target;
    if (name) localize(this.tip, 'control.pressYourself', { name });
    else localize(this.tip, 'control.pressYourselfAdvisor');
    document.documentElement.appendChild(this.host);
    this.host.dataset.for = target.id || target.tagName.toLowerCase();
    this.position();
    addEventListener('scroll', this.place, true);
    addEventListener('resize', this.place);
    const done = (e) => {
      if (e.isTrusted && target.contains(e.target)) this.hide();
    };
    this.unlisten = () => removeEventListener('click', done, true);
    addEventListener('click', done, true);
    this.timer = setTimeout(() => this.hide(), 10000);
  }

  position() {
    if (!this.target) return;
    const r = this.target.getBoundingClientRect();
    Object.assign(this.ring.style, { left: r.left - 4 + 'px', top: r.top - 4 + 'px', width: r.width + 2 + 'px',
      height: r.height + 2 + 'px' });
    Object.assign(this.tip.style, { left: r.left + 'px', top: Math.max(0, r.top - 30) + 'px' });
  }

  hide() {
    clearTimeout(this.timer);
    if (this.unlisten) this.unlisten();
    this.unlisten = null;
    removeEventListener('scroll', this.place, true);
    removeEventListener('resize', this.place);
    this.target = null;
    this.host.remove();
  }

  get shown() {
    return this.host.isConnected;
  }
}
