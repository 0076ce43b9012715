// Who is in the session's video call, as the relay's presence says it (`call: true`, from each client's sys.in-call,
// see docs/protocol.md): each client tells the room whether it is in the call, again after every sys.welcome (the
// room forgets it with the connection), and a console or workspace that is not in it reads who is, to offer "Join the
// call" with a sentence saying who is talking. Pure apart from the send; covered by node tests.

import { isStagePage, listOfNames } from './people.js';
import { t } from './i18n.js';

/** Tells the room whether this client is in the call: once per change, and again after each welcome. */
export class InCallReport {
  /** @param {(type: string, payload: string) => void} sendControl  a control frame (dropped while not connected) */
  constructor(sendControl) {
    this.sendControl = sendControl;
    this.on = false;
  }

  set(on) {
    if (on === this.on) return;
    this.on = on;
    this.sendControl('sys.in-call', JSON.stringify({ inCall: on }));
  }

  /** The relay welcomed a (new) connection, which is out of the call until it hears otherwise. */
  welcome() {
    if (this.on) this.sendControl('sys.in-call', JSON.stringify({ inCall: true }));
  }
}

/** The others in the call now: connected, `call: true`, not us, not a stage page; advisors in presence order. */
export function othersInCall(participants, me) {
  return (participants || []).filter((p) => p && p.call === true && p.state === 'connected' && p.id !== me
    && !isStagePage(p) && p.role !== 'supervisor');
}

/**
 * A sentence saying who is in the call, for someone who is not: "Alice Archer and the customer are on a call.",
 * "Alice Archer is in the video call, waiting for someone to join.", or null when nobody is in it.
 * @param {object[]} others  from othersInCall
 * @param {'staff'|'customer'} viewer
 */
export function callUnderWayLine(others, viewer = 'staff') {
  if (!others || !others.length) return null;
  const advisors = others.filter((p) => p.role !== 'customer').map((p) => p.name || t('people.anAdvisor'));
  const customer = others.some((p) => p.role === 'customer');
  const names = customer && viewer === 'staff' ? [...advisors, t('people.theCustomerInList')] : advisors;
  if (!names.length) return null;
  const who = listOfNames(names);
  const sentence = who.charAt(0).toUpperCase() + who.slice(1);
  if (names.length > 1) return t('callPanel.running.many', { names: sentence });
  return viewer === 'customer' ? t('callPanel.running.waitingForYou', { name: sentence })
    : t('callPanel.running.waiting', { name: sentence });
}
