// The console's remote-control panel. On the customer's page: "Request control", then the customer's consent, and
// while granted the mirror takes clicks, typing and scrolling (lib/control/driver.js). On the advisor's own page: hand
// control to the customer, take it back, and answer the customer's requests. The result the customer's page reports
// for each action (done; or a masked field, an element the site keeps from remote control, a button only the customer
// may press, an element that is gone) replaces the last one in the status line.

const REASONS = {
  protected: 'That part of the page is masked: it is private to the customer, so you cannot click or type there.',
  'no-control': 'The site does not allow remote control of that element: only the customer can use it.',
  'needs-confirm': 'That button needs the customer’s own click: it is highlighted on their page for them to press.',
  'not-found': 'That element is no longer on the customer’s page. Try again on what the mirror shows now.',
  'view-only': 'This site is view-only: remote control is off.',
  'not-editable': 'That is not a field you can type in.',
  'not-granted': 'Control has ended.',
  unsupported: 'The customer’s page cannot do that action.',
};

const DONE = {
  click: 'Clicked on the customer’s page.',
  type: 'Typed on the customer’s page.',
  key: 'Key pressed on the customer’s page.',
  select: 'Option chosen on the customer’s page.',
  scroll: 'Scrolled the customer’s page.',
};

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
      this.status('Asked the customer for control…', 'asked');
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
          this.el.consentText.textContent = `${this.customerName()} asks to control your page.`;
          if (!this.el.consent.open) this.el.consent.showModal();
        }
        return true;
      case 'ctl.deny': {
        const reason = payload().reason;
        this.status(reason === 'view-only' ? REASONS['view-only'] : `${this.customerName()} declined.`, 'denied');
        return true;
      }
      case 'ctl.result': {
        const result = payload();
        const kind = this.sent.get(result.id);
        this.sent.delete(result.id);
        if (result.ok) this.status(DONE[kind] || 'Done on the customer’s page.', 'done');
        else this.status(REASONS[result.reason] || 'The customer’s page did not do that.', 'refused');
        this.el.status.dataset.lastResult = result.ok ? 'ok' : result.reason;
        return true;
      }
      case 'sys.error': {
        const error = payload();
        if (!error.type || !error.type.startsWith('ctl.')) return false;
        this.status(error.code === 'view-only' ? REASONS['view-only'] : error.detail, 'error');
        return true;
      }
      case 'ctl.action':
        return true; // another participant's action on the page: the mirror shows its effect
      default:
        return false;
    }
  }

  status(text, kind) {
    this.el.status.textContent = text;
    this.el.status.dataset.note = kind;
  }

  render() {
    const granted = this.state.state === 'granted';
    const mine = granted && this.state.to === this.me;
    const customerStage = this.stage === 'customer';
    const over = this.readOnlyText !== null;
    this.el.request.hidden = !customerStage || granted;
    this.el.request.disabled = !this.remoteControl || over;
    this.el.request.title = this.remoteControl ? `${this.el.request.getAttribute('aria-label')} (R)`
      : REASONS['view-only'];
    this.el.release.hidden = !(customerStage && mine);
    this.el.hand.hidden = customerStage || granted;
    this.el.hand.disabled = !this.remoteControl || over;
    this.el.takeBack.hidden = customerStage || !granted;
    this.el.release.disabled = over;
    this.el.takeBack.disabled = over;
    this.el.status.dataset.state = granted ? 'granted' : 'none';
    this.el.status.dataset.holder = granted ? this.state.to : '';
    delete this.el.status.dataset.note;
    if (over) {
      this.el.status.textContent = this.readOnlyText;
    } else if (mine && customerStage) {
      this.el.status.textContent = `You are controlling ${this.customerName()}’s page`
        + (this.tool ? ' (put the drawing tool down to click)' : '');
    } else if (granted && !customerStage) {
      this.el.status.textContent = `${this.customerName()} is controlling your page`;
    } else if (granted) {
      const holder = this.nameOf(this.state.to);
      this.el.status.textContent = holder ? `${holder} is in control` : 'Another participant is in control';
    } else if (this.state.reason === 'transfer') {
      this.el.status.textContent = 'Control ended with the hand-over: ask the customer again if you need it.';
    } else if (this.state.reason === 'revoked' || this.state.reason === 'released') {
      this.el.status.textContent = this.state.by === this.me ? 'Control ended.' : 'Control was taken back.';
    } else if (this.state.reason === 'navigated') {
      this.el.status.textContent = 'Control ended: the page changed.';
    } else {
      this.el.status.textContent = this.remoteControl ? '' : REASONS['view-only'];
    }
    if (this.driver) this.driver.setActive(mine && customerStage && !this.tool && !over);
  }
}
