// The help button on a site page: asks Tandem for a help code, shows it for the visitor to read to the advisor,
// waits until an advisor has typed it, then asks for consent. Only after "yes" does anything get shared.

import { brand } from './brand.js';
import { problemError, problemMessage, register } from '../lib/i18n.js';

const POLL_MS = 1500;

const STYLE = `
  :host { all: initial; }
  .fab { position: fixed; z-index: 2147483646; inset-inline-end: 20px; bottom: 20px; border: 0; border-radius: 999px;
    padding: 12px 18px; background: var(--brand, #163a63); color: var(--brand-ink, #fff); font: 600 15px system-ui, sans-serif; cursor: pointer;
    box-shadow: 0 4px 16px rgb(0 0 0 / 25%); }
  .panel { position: fixed; z-index: 2147483647; inset-inline-end: 20px; bottom: 20px; width: 300px; padding: 18px;
    border-radius: 14px; background: #fff; color: #1d2430; font: 14px/1.4 system-ui, sans-serif;
    box-shadow: 0 8px 28px rgb(0 0 0 / 25%); }
  .code { font: 700 30px/1.2 ui-monospace, monospace; letter-spacing: 6px; margin: 8px 0; }
  /* the code reads left to right in every language (dir=ltr); in a right-to-left one it keeps to the panel's right */
  :host([dir=rtl]) .code { text-align: right; }
  .muted { color: #5b6575; }
  .actions { display: flex; gap: 8px; margin-top: 12px; }
  .firm { display: flex; align-items: center; gap: 8px; margin: -18px -18px 12px; padding: 10px 18px;
    border-radius: 14px 14px 0 0; background: var(--brand, #163a63); color: var(--brand-ink, #fff); font-weight: 600; }
  .firm img { height: 22px; max-width: 80px; object-fit: contain; background: #fff; border-radius: 4px; padding: 1px 3px; }
  button.primary { background: var(--brand, #163a63); color: var(--brand-ink, #fff); border: 0; border-radius: 8px; padding: 8px 12px; font: inherit;
    cursor: pointer; }
  button.secondary { background: #fff; border: 1px solid #d9dee7; border-radius: 8px; padding: 8px 12px;
    font: inherit; cursor: pointer; }
  [hidden] { display: none !important; }
  @media (pointer: coarse) {
    button { min-width: 44px; min-height: 44px; }
  }
`;

export class HelpButton {
  /**
   * @param {string} base    Tandem's origin
   * @param {{crmId: string|null, hash: string|null}} customer  the site's signed-in customer (data-tandem-customer)
   *   and the firm's proof of it (data-tandem-customer-hash), or nulls
   * @param {(admission: object) => void} onAdmitted  called with the consent answer once the visitor says yes
   */
  constructor(base, customer, onAdmitted) {
    this.base = base;
    this.customer = customer || { crmId: null, hash: null };
    this.onAdmitted = onAdmitted;
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'help');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <button class="fab" id="help" type="button" data-i18n="help.button"></button>
      <div class="panel" id="panel" role="dialog" aria-live="polite" hidden>
        <div class="firm" id="firm" hidden><img data-brand-logo alt="" hidden><span data-brand-name translate="no"></span>
        </div>
        <div id="waiting">
          <div class="muted" data-i18n="help.readCode"></div>
          <div class="code" id="code" translate="no" dir="ltr"></div>
          <div class="muted" id="status" data-i18n="help.waiting"></div>
          <div class="actions"><button class="secondary" id="cancel" type="button" data-i18n="help.cancel"></button></div>
        </div>
        <div id="consent" hidden>
          <strong data-i18n="help.consentTitle"><span id="advisor" data-i18n-slot="name" translate="no"></span></strong>
          <p class="muted" data-i18n="help.consentText"></p>
          <div class="actions">
            <button class="primary" id="accept" type="button" data-i18n="help.accept"></button>
            <button class="secondary" id="decline" type="button" data-i18n="help.decline"></button>
          </div>
        </div>
        <div id="error" class="muted" hidden></div>
      </div>`;
    this.root = root;
    register(root, this.host);
    brand(this.host).then((b) => { this.$('firm').hidden = !b.name; });
    this.$ = (id) => root.getElementById(id);
    const trigger = document.querySelector('[data-tandem-help]');
    if (trigger) {
      this.$('help').hidden = true;
      trigger.addEventListener('click', () => this.request());
    }
    this.$('help').onclick = () => this.request();
    this.$('cancel').onclick = () => this.reset();
  }

  show() {
    document.documentElement.appendChild(this.host);
  }

  remove() {
    clearTimeout(this.timer);
    this.host.remove();
  }

  async request() {
    this.$('help').hidden = true;
    this.$('panel').hidden = false;
    this.$('waiting').hidden = false;
    this.$('consent').hidden = true;
    try {
      const ticket = await this.call('POST', '/api/help-requests', {},
        this.customer.crmId
          ? { customerCrmId: this.customer.crmId, ...(this.customer.hash ? { customerHash: this.customer.hash } : {}) }
          : undefined);
      this.$('code').textContent = ticket.code.slice(0, 3) + ' ' + ticket.code.slice(3);
      this.ticket = ticket;
      this.poll();
    } catch (e) {
      this.fail(e);
    }
  }

  async poll() {
    const ticket = this.ticket;
    if (!ticket) return;
    try {
      const status = await this.call('GET', '/api/help-requests/' + ticket.id, { 'X-Poll-Token': ticket.pollToken });
      if (this.ticket !== ticket) return;
      if (status.status === 'ready') {
        this.ask(status);
        return;
      }
      this.timer = setTimeout(() => this.poll(), POLL_MS);
    } catch (e) {
      this.fail(e);
    }
  }

  ask(status) {
    this.$('waiting').hidden = true;
    this.$('consent').hidden = false;
    this.$('advisor').textContent = status.advisorName;
    this.$('accept').onclick = () => this.answer(status, true);
    this.$('decline').onclick = () => this.answer(status, false);
  }

  async answer(status, accept) {
    try {
      const admission = await this.call('POST', '/api/join/consent', {}, { ticket: status.ticket, accept });
      this.reset();
      if (admission) this.onAdmitted(admission);
    } catch (e) {
      this.fail(e);
    }
  }

  reset() {
    clearTimeout(this.timer);
    this.ticket = null;
    this.$('panel').hidden = true;
    this.$('error').hidden = true;
    this.$('help').hidden = Boolean(document.querySelector('[data-tandem-help]'));
  }

  /** A problem (or an error carrying one) in the customer's language. */
  fail(problem) {
    clearTimeout(this.timer);
    this.$('error').textContent = problemMessage(problem);
    this.$('error').hidden = false;
    this.$('waiting').hidden = true;
    this.$('consent').hidden = true;
    this.timer = setTimeout(() => this.reset(), 6000);
  }

  async call(method, path, headers = {}, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return null;
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw problemError(json, response.status, 'Something went wrong');
    return json;
  }
}
