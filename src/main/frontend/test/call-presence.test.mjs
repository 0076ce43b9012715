import test from 'node:test';
import assert from 'node:assert/strict';
import { InCallReport, callUnderWayLine, othersInCall } from '../lib/call-presence.js';

const customer = { id: 'customer', role: 'customer', name: 'Maria Jones', state: 'connected', call: true };
const alice = { id: 'a1', role: 'advisor', name: 'Alice Archer', state: 'connected', owner: true, call: true };
const ben = { id: 'b2', role: 'advisor', name: 'Ben Baker', state: 'connected', call: true };
const sam = { id: 's3', role: 'supervisor', name: 'Sam Supervisor', state: 'connected' };

test('the others in the call are those connected and in it, never us, a stage page or a silent supervisor', () => {
  const list = [customer, alice, { ...ben, call: undefined }, sam,
    { id: 'stage:a1', role: 'advisor', name: 'page', state: 'connected', call: true },
    { id: 'c4', role: 'advisor', name: 'Cleo', state: 'reconnecting', call: true }];
  assert.deepEqual(othersInCall(list, 'b2').map((p) => p.id), ['customer', 'a1']);
  assert.deepEqual(othersInCall(list, 'a1').map((p) => p.id), ['customer']);
  assert.deepEqual(othersInCall(null, 'a1'), []);
});

test('a call under way is said in a sentence with names, the customer last', () => {
  assert.equal(callUnderWayLine([customer, alice], 'staff'), 'Alice Archer and the customer are on a call.');
  assert.equal(callUnderWayLine([alice, ben, customer], 'staff'),
    'Alice Archer, Ben Baker and the customer are on a call.');
  assert.equal(callUnderWayLine([alice], 'staff'), 'Alice Archer is in the video call, waiting for someone to join.');
  assert.equal(callUnderWayLine([customer], 'staff'),
    'The customer is in the video call, waiting for someone to join.');
  assert.equal(callUnderWayLine([alice, ben], 'customer'), 'Alice Archer and Ben Baker are on a call.');
  assert.equal(callUnderWayLine([alice], 'customer'), 'Alice Archer is waiting for you in a video call.');
  assert.equal(callUnderWayLine([], 'staff'), null);
});

test('the room hears of each change once, and again after each welcome while in the call', () => {
  const sent = [];
  const report = new InCallReport((type, payload) => sent.push([type, JSON.parse(payload).inCall]));
  report.welcome();
  report.set(false);
  assert.deepEqual(sent, [], 'out of the call to begin with: nothing to say');
  report.set(true);
  report.set(true);
  report.welcome();
  report.set(false);
  report.welcome();
  assert.deepEqual(sent, [['sys.in-call', true], ['sys.in-call', true], ['sys.in-call', false]]);
});
