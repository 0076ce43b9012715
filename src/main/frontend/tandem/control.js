// Remote control on the stage page (tandem.js while this page is on the stage): asks the person here for consent,
// shows who is in control with Stop and Esc, carries out the controller's actions under the page's policy, and
// reports each result. The relay decides who may send actions; this page decides what they may do here.

import { ControlExecutor } from '../lib/control/executor.js';
import { ConfirmHighlight, ConsentDialog, ControlBanner } from './control-ui.js';

export class StageControl {
  /**
   * @param {object} o
   * @param {import('../lib/connection.js').RelayConnection} o.connection
   * @param {(id: string) => string} o.nameOf     a participant's display name
   * @param {(id: number) => Node|null} o.nodeById
   * @param {object} o.policy    {viewOnly, maskAllInputs, privateByDefault}
   * @param {boolean} o.consent  whether requests are answered here (the customer's page) or elsewhere (the
   *                             advisor's stage page: the console answers)
   */
  constructor(o) {
    this.connection = o.connection;
    this.nameOf = o.nameOf;
    this.policy = o.policy;
    this.consent = o.consent;
    this.state = { state: 'none' };
    this.confirm = new ConfirmHighlight();
    this.executor = new ControlExecutor({
      win: window,
      nodeById: o.nodeById,
      policy: () => this.policy,
      askToConfirm: (el) => this.confirm.show(el, this.nameOf(this.state.to)),
    });
    this.dialog = new ConsentDialog((answer) => this.answer(answer));
    this.banner = new ControlBanner(() => this.revoke());
    this.onKey = (e) => {
      if (e.key === 'Escape' && e.isTrusted && this.granted()) {
        e.stopPropagation();
        this.revoke();
      }
    };
    addEventListener('keydown', this.onKey, true);
    this.requester = null;
    this.log = [];
  }

  granted() {
    return this.state.state === 'granted';
  }

  /** The control state, from sys.welcome and each sys.control. */
  setState(state) {
    this.state = state && state.state ? state : { state: 'none' };
    if (this.granted()) {
      this.dialog.hide();
      this.banner.show(this.nameOf(this.state.to));
    } else {
      this.banner.hide();
      this.confirm.hide();
    }
  }

  /** ctl.request from a participant: ask the person here, unless this site is view-only. */
  request(from) {
    if (this.policy.viewOnly) {
      this.connection.sendReliable('ctl.deny', JSON.stringify({ to: from, reason: 'view-only' }));
      return;
    }
    if (!this.consent || this.granted()) return;
    this.requester = from;
    this.dialog.show(this.nameOf(from));
  }

  answer(answer) {
    const to = this.requester;
    this.requester = null;
    if (!to) return;
    if (answer === 'page' || answer === 'session') {
      this.connection.sendReliable('ctl.grant', JSON.stringify({ to, scope: answer }));
    } else {
      this.connection.sendReliable('ctl.deny', JSON.stringify({ to }));
    }
  }

  revoke() {
    this.connection.sendReliable('ctl.revoke', '{}');
    // stop at once, before the relay's sys.control comes back: nothing more is carried out from now on
    this.setState({ state: 'none' });
  }

  /** ctl.action: carried out only while granted to its sender, and only as the policy allows. */
  action(frame) {
    let action;
    try {
      action = JSON.parse(frame.payload);
    } catch (e) {
      return;
    }
    if (!action || typeof action !== 'object') return;
    const result = this.granted() && frame.header.from === this.state.to
      ? this.executor.execute(action)
      : { id: String(action.id ?? '').slice(0, 64), ok: false, reason: 'not-granted' };
    const target = Number.isInteger(action.node) ? this.executor.nodeById(action.node) : null;
    this.log.push({ kind: action.kind, node: action.node, target: target && (target.id || target.nodeName), ...result });
    if (this.log.length > 50) this.log.shift();
    this.connection.sendReliable('ctl.result', JSON.stringify(result));
  }

  dispose() {
    removeEventListener('keydown', this.onKey, true);
    this.dialog.hide();
    this.banner.hide();
    this.confirm.hide();
  }
}
