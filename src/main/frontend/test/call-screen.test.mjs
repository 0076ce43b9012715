import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScreenShareFrames } from '../lib/call-screen.js';

function side(events = []) {
  const sent = [];
  const s = new ScreenShareFrames({
    send: (type, payload) => sent.push([type, payload]),
    onAsk: (id) => events.push(['ask', id]),
    onRemote: (on) => events.push(['remote', on]),
    onDeclined: () => events.push(['declined']),
  });
  return { s, sent, events };
}

const frame = (s, [type, payload], from, me) => s.frame(type, JSON.stringify(payload), from, me);

test('the advisor asks, the customer shares: the ask is answered and the advisor hears the screen is on', () => {
  const advisor = side();
  const customer = side();
  advisor.s.ask();
  assert.equal(advisor.sent[0][0], 'call.screen-ask');
  assert.ok(frame(customer.s, advisor.sent[0], 'adv', 'cust'));
  assert.deepEqual(customer.events, [['ask', advisor.sent[0][1].id]]);
  customer.s.sharing(true);
  assert.deepEqual(customer.sent[0], ['call.screen', { on: true, answers: advisor.sent[0][1].id }]);
  assert.deepEqual(customer.events.at(-1), ['ask', null], 'the ask is closed by sharing');
  frame(advisor.s, customer.sent[0], 'cust', 'adv');
  assert.deepEqual(advisor.events, [['remote', true]]);
  customer.s.sharing(false);
  frame(advisor.s, customer.sent[1], 'cust', 'adv');
  assert.deepEqual(advisor.events.at(-1), ['remote', false]);
});

test('the customer declines: the advisor is told once; a replay on a new page load does not ask again', () => {
  const advisor = side();
  const customer = side();
  advisor.s.ask();
  frame(customer.s, advisor.sent[0], 'adv', 'cust');
  customer.s.decline();
  assert.deepEqual(customer.sent[0], ['call.screen', { on: false, answers: advisor.sent[0][1].id, declined: true }]);
  frame(advisor.s, customer.sent[0], 'cust', 'adv');
  assert.deepEqual(advisor.events, [['declined'], ['remote', false]]);

  // the customer's next page is replayed the ask and its own answer, in order or not
  const next = side();
  frame(next.s, customer.sent[0], 'cust', 'cust');
  frame(next.s, advisor.sent[0], 'adv', 'cust');
  assert.deepEqual(next.events, [], 'an answered ask does not open again');
});

test('other frames and bad payloads are left alone or ignored', () => {
  const { s, events } = side();
  assert.equal(s.frame('call.invite', '{"id":"x"}', 'adv', 'cust'), false);
  assert.equal(s.frame('doc.view', '{}', 'adv', 'cust'), false);
  assert.equal(s.frame('call.screen-ask', 'not json', 'adv', 'cust'), true);
  assert.equal(s.frame('call.screen-ask', '{"id":5}', 'adv', 'cust'), true);
  assert.equal(s.frame('call.screen-ask', 'null', 'adv', 'cust'), true);
  assert.deepEqual(events, []);
});
