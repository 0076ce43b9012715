import test from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamParser, acceptLabel, answerProblem, invitationHeadline, invitationState, invitationTitle,
  reconnectDelay, sendProblem, timeLeft } from '../lib/invitations.js';

const now = Date.parse('2026-12-07T10:00:00Z');
const base = { id: 'i1', sessionId: 's1', kind: 'join', status: 'pending', invitedBy: { id: 'a1', name: 'Alice Archer' },
  invitee: { id: 'b2', name: 'Ben Baker' }, team: null, note: 'Clause 7', customerName: 'Maria Jones',
  createdAt: '2026-12-07T09:59:00Z', expiresAt: '2026-12-07T10:04:00Z', answeredBy: null };

test('the invitee reads who invites, to what, for whom', () => {
  assert.equal(invitationHeadline(base), 'Alice Archer invites you to join the session with Maria Jones');
  assert.equal(invitationHeadline({ ...base, invitee: null, team: 'Claims' }),
    'Alice Archer asks Claims to join the session with Maria Jones');
  assert.equal(invitationHeadline({ ...base, kind: 'transfer' }),
    'Alice Archer wants to hand you the session with Maria Jones');
  assert.equal(invitationHeadline({ ...base, kind: 'transfer', invitee: null, team: 'Claims' }),
    'Alice Archer wants to hand the session with Maria Jones to Claims');
  assert.equal(acceptLabel(base), 'Join');
  assert.equal(acceptLabel({ ...base, kind: 'transfer' }), 'Take over');
});

test('time left is said in minutes, then seconds', () => {
  // durations in the staff member's language through Intl (English by default: en-GB)
  const minutes = (n) => new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute' }).format(n);
  const seconds = (n) => new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(n);
  assert.equal(timeLeft('2026-12-07T10:04:00Z', now), `in ${minutes(4)}`);
  assert.equal(timeLeft('2026-12-07T10:00:40Z', now), `in ${seconds(40)}`);
  assert.equal(timeLeft('2026-12-07T09:59:00Z', now), 'now');
  assert.equal(timeLeft('not a time', now), 'now');
});

test('the inviter reads each invitation’s state in a sentence', () => {
  assert.equal(invitationTitle(base), 'Invited Ben Baker');
  assert.equal(invitationTitle({ ...base, kind: 'transfer', invitee: null, team: 'Claims' }),
    'Hand over to the Claims team');
  assert.match(invitationState(base, now), /^Waiting for Ben Baker to answer \(expires in 4 mins?\)$/);
  assert.equal(invitationState({ ...base, status: 'accepted' }, now), 'Ben Baker joined');
  assert.equal(invitationState({ ...base, status: 'accepted', kind: 'transfer', invitee: null, team: 'Claims',
    answeredBy: { id: 'c3', name: 'Cleo Claims' } }, now), 'Cleo Claims took over');
  assert.equal(invitationState({ ...base, status: 'declined' }, now), 'Ben Baker declined');
  assert.equal(invitationState({ ...base, status: 'withdrawn' }, now), 'Withdrawn');
  assert.equal(invitationState({ ...base, status: 'expired' }, now), 'Expired without an answer');
});

test('refusals are sentences', () => {
  assert.match(answerProblem(409, base), /withdrawn or already answered/);
  assert.match(answerProblem(410, base), /expired/);
  assert.match(sendProblem(403), /Only the advisor who leads/);
  assert.equal(sendProblem(422, 'Ben Baker is not an advisor.'), 'Ben Baker is not an advisor.');
  assert.match(sendProblem(500), /Try again/);
});

test('the event stream is read across chunk boundaries, with comments, CRLF and multi-line data', () => {
  const parser = new EventStreamParser();
  assert.deepEqual(parser.feed(': hello\n\nevent: invi'), []);
  assert.deepEqual(parser.feed('tations\ndata: [{"id":"i1"}]\n'), []);
  assert.deepEqual(parser.feed('\n'), [{ event: 'invitations', data: '[{"id":"i1"}]', id: null }]);
  assert.deepEqual(parser.feed('event: invitations\r\ndata: [\r'), []);
  assert.deepEqual(parser.feed('\ndata: ]\r\n\r\ndata:x\n\n'),
    [{ event: 'invitations', data: '[\n]', id: null }, { event: 'message', data: 'x', id: null }]);
});

test('reconnecting backs off from about a second to about half a minute', () => {
  assert.equal(reconnectDelay(1, () => 0.5), 1000);
  assert.equal(reconnectDelay(2, () => 0.5), 2000);
  assert.equal(reconnectDelay(20, () => 0.5), 30000);
  assert.ok(reconnectDelay(20, () => 1) <= 37500);
  assert.ok(reconnectDelay(1, () => 0) >= 750);
});
