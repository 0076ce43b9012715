// The console's remote-control panel. On the customer's page: "Request control", then the customer's consent, and
// while granted the mirror takes clicks, typing and scrolling (lib/control/driver.js). On the advisor's own page: hand
// control to the customer, take it back, and answer the customer's requests. The result the customer's page reports
// for each action (done; or a masked field, an element the site keeps from remote control, a button only the customer
// may press, an element that is gone) replaces the last one in the status line.

import { language, localize, localizeAttr, t, unlocalize } from '../lib/staff-messages.js';

/** Why the customer's page refused an action: console.control.reason.<reason>. */
const REASONS = ['protected', 'no-control', 'needs-confirm', 'not-found', 'view-only', 'not-editable', 'not-granted',
  'unsupported'];
const reasonKey = (reason) => (REASONS.includes(reason) ? `console.control.reason.${reason}` : null);

/** What was done on the customer's page: console.control.done.<kind>. */
const DONE = ['click', 'type', 'key', 'select', 'scroll'];

export class ConsoleControl {
  /**
   * @param {object} o
   * @param {object} o.el       request, release, hand, takeBack, status, consent (dialog), consentText, allow, deny
   * @param {(type: string, payload: object) => void} o.send  sends a reliable frame
   * @param {() => string} o.customerName
   * @param {(id: string) => string} [o.nameOf]  a participant's name (another advisor in control)
   */
  constructor(o) {
    this.el = o.el;
    this.send = o.send;
    this.customerName = o.customerName;
    this.nameOf = o.nameOf || (() => '');
    this.me = null;
    this.stage = 'customer';
    this.state = { state: 'none' };
    this.remoteControl = true;
    this.tool = null;
    this.driver = null;
    this.requestedFrom = null;
    this.readOnlyText = null;
    this.sent = new Map(); // action id -> kind, for the result's sentence (the latest few)
    this.el.request.onclick = () => {
      this.send('ctl.request', { scope: 'page' });
      this.status('console.control.asked', 'asked');
    };
    this.el.release.onclick = () => this.send('ctl.revoke', {});
    this.el.takeBack.onclick = () => this.send('ctl.revoke', {});
    this.el.hand.onclick = () => this.send('ctl.grant', { to: 'customer', scope: 'page' });
    this.el.allow.onclick = () => {
      this.el.consent.close();
      this.send('ctl.grant', { to: this.requestedFrom || 'customer', scope: 'page' });
    };
    this.el.deny.onclick = () => {
      this.el.consent.close();
      this.send('ctl.deny', { to: this.requestedFrom || 'customer' });
    };
    this.render();
  }

  /** From sys.welcome. */
  welcome(welcome) {
    this.me = welcome.participantId;
    this.remoteControl = welcome.remoteControl !== false;
    this.stage = welcome.stage.mode;
    this.state = welcome.control || { state: 'none' };
    this.render();
  }

  setStage(mode) {
    this.stage = mode;
    this.render();
  }

  setTool(tool) {
    this.tool = tool;
    this.render();
  }

  /** The session is over (or the customer stopped or left): nothing can be asked or done; null: live again. */
  readOnly(text) {
    this.readOnlyText = text;
    this.render();
  }

  /** An action the driver sent: its kind, to say what was done when its result comes back. */
  action(action) {
    this.sent.set(action.id, action.kind);
    if (this.sent.size > 64) this.sent.delete(this.sent.keys().next().value);
  }

  setDriver(driver) {
    this.driver = driver;
    this.render();
  }

  /** Handles the control frames; returns whether it did. */
  frame(type, frame) {
    const payload = () => JSON.parse(frame.payload);
    switch (type) {
      case 'sys.control':
        this.state = payload();
        this.render();
        return true;
      case 'ctl.request':
        if (this.stage === 'advisor' && frame.header.from !== this.me) {
          this.requestedFrom = frame.header.from;
          localize(this.el.consentText, 'console.control.asks', { name: this.customerName() });
          if (!this.el.consent.open) this.el.consent.showModal();
        }
        return true;
      case 'ctl.deny': {
        const reason = payload().reason;
        if (reason === 'view-only') this.status(reasonKey('view-only'), 'denied');
        else this.status('console.control.declined', 'denied', { name: this.customerName() });
        return true;
      }
      case 'ctl.result': {
        const result = payload();
        const kind = this.sent.get(result.id);
        this.sent.delete(result.id);
        if (result.ok) this.status(DONE.includes(kind) ? `console.control.done.${kind}` : 'console.control.done.other', 'done');
        else this.status(reasonKey(result.reason) || 'console.control.refused', 'refused');
        this.el.status.dataset.lastResult = result.ok ? 'ok' : result.reason;
        return true;
      }
      case 'sys.error': {
        const error = payload();
        if (!error.type || !error.type.startsWith('ctl.')) return false;
        // the relay's own sentence in English; in another language the words for what went wrong
        if (error.code === 'view-only') this.status(reasonKey('view-only'), 'error');
        else if (language() === 'en' && error.detail) this.status(null, 'error', null, error.detail);
        else this.status('console.control.failed', 'error');
        return true;
      }
      case 'ctl.action':
        return true; // another participant's action on the page: the mirror shows its effect
      default:
        return false;
    }
  }

  /** The status line says message `key` (with `args`), or `text` as it is. */
  status(key, kind, args, text) {
    if (key) localize(this.el.status, key, args);
    else {
      unlocalize(this.el.status);
      this.el.status.textContent = text || '';
    }
    this.el.status.dataset.note = kind;
  }

  render() {
    const granted = this.state.state === 'granted';
    const mine = granted && this.state.to === this.me;
    const customerStage = this.stage === 'customer';
    const over = this.readOnlyText !== null;
    this.el.request.hidden = !customerStage || granted;
    this.el.request.disabled = !this.remoteControl || over;
    localizeAttr(this.el.request, 'title', this.remoteControl ? 'console.tools.ctlRequestTitle' : reasonKey('view-only'));
    this.el.release.hidden = !(customerStage && mine);
    this.el.hand.hidden = customerStage || granted;
    this.el.hand.disabled = !this.remoteControl || over;
    this.el.takeBack.hidden = customerStage || !granted;
    this.el.release.disabled = over;
    this.el.takeBack.disabled = over;
    this.el.status.dataset.state = granted ? 'granted' : 'none';
    this.el.status.dataset.holder = granted ? this.state.to : '';
    delete this.el.status.dataset.note;
    const say = (key, args) => localize(this.el.status, key, args);
    if (over) {
      unlocalize(this.el.status);
      this.el.status.textContent = this.readOnlyText;
    } else if (mine && customerStage) {
      say(this.tool ? 'console.control.controllingDrawing' : 'console.control.controlling', { name: this.customerName() });
    } else if (granted && !customerStage) {
      say('console.control.customerControls', { name: this.customerName() });
    } else if (granted) {
      const holder = this.nameOf(this.state.to);
      if (holder) say('console.control.holder', { name: holder });
      else say('console.control.someone');
    } else if (this.state.reason === 'transfer') {
      say('console.control.endedHandOver');
    } else if (this.state.reason === 'revoked' || this.state.reason === 'released') {
      say(this.state.by === this.me ? 'console.control.ended' : 'console.control.takenBack');
    } else if (this.state.reason === 'navigated') {
      say('console.control.endedPage');
    } else if (this.remoteControl) {
      unlocalize(this.el.status);
    } else {
      say(reasonKey('view-only'));
    }
    if (this.driver) this.driver.setActive(mine && customerStage && !this.tool && !over);
  }
}
