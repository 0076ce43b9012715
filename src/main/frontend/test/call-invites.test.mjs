import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallInvites } from '../lib/call-invites.js';

function invites(extra = {}) {
  const sent = [];
  const seen = [];
  const declined = [];
  const model = new CallInvites({ send: (type, payload) => sent.push({ type, ...payload }),
    onInvitation: (id) => seen.push(id), onDeclined: () => declined.push(true), ...extra });
  return { model, sent, seen, declined };
}

const frame = (model, type, id, from, me = 'customer') => model.frame(type, JSON.stringify({ id }), from, me);

test('an invitation is open until answered; accepting tells the inviter', () => {
  const { model, sent, seen } = invites();
  assert.equal(frame(model, 'call.invite', 'i1', 'adv'), true);
  assert.equal(model.current(), 'i1');
  model.accept();
  assert.deepEqual(sent, [{ type: 'call.accept', id: 'i1' }]);
  assert.equal(model.current(), null);
  assert.deepEqual(seen, ['i1', null]);
});

test('a replay of an earlier page load: own answers close invitations, own invitations are not the other side\'s', () => {
  const { model } = invites();
  frame(model, 'call.invite', 'i1', 'adv');
  frame(model, 'call.decline', 'i1', 'customer');
  frame(model, 'call.invite', 'mine', 'customer');
  assert.equal(model.current(), null);
  frame(model, 'call.invite', 'i1', 'adv'); // the same invitation again: still answered
  assert.equal(model.current(), null);
});

test('the inviter withdraws an unanswered invitation; a decline of ours is reported once', () => {
  const { model, sent, declined } = invites();
  const id = model.invite();
  assert.deepEqual(sent, [{ type: 'call.invite', id }]);
  frame(model, 'call.decline', 'other', 'adv');
  assert.equal(declined.length, 0, 'a decline of another invitation is not ours');
  frame(model, 'call.decline', id, 'adv');
  assert.equal(declined.length, 1);
  model.withdraw();
  assert.equal(sent.length, 1, 'nothing to withdraw once answered');
  const second = model.invite();
  model.withdraw();
  assert.deepEqual(sent.at(-1), { type: 'call.cancel', id: second });
});

test('a cancelled invitation disappears; other frames and bad payloads are left alone or ignored', () => {
  const { model } = invites();
  frame(model, 'call.invite', 'i1', 'adv');
  frame(model, 'call.cancel', 'i1', 'adv');
  assert.equal(model.current(), null);
  assert.equal(model.frame('dom.mut', '[]', 'customer', 'customer'), false);
  assert.equal(model.frame('call.invite', 'not json', 'adv', 'customer'), true);
  assert.equal(model.frame('call.invite', '{"id": 5}', 'adv', 'customer'), true);
  assert.equal(model.current(), null);
});
