import test from 'node:test';
import assert from 'node:assert/strict';
import { followUpReason, followUpState, ladderSentence, loopSentence, rungLabel } from '../lib/ladder-words.js';

test('rungs are words of the loyalty ladder', () => {
  assert.equal(rungLabel('supporter'), 'Supporter');
  assert.equal(rungLabel('ADVOCATE'), 'Advocate');
  assert.equal(rungLabel(null), '');
});

test('a move on the ladder says which way, from and to, and by which rule or person', () => {
  assert.equal(ladderSentence({ kind: 'rule', direction: 'up', from: 'client', to: 'supporter',
    rule: "A promoter's rating makes a client a supporter" }),
  "Moved up from client to supporter by the rule \u201cA promoter's rating makes a client a supporter\u201d.");
  assert.equal(ladderSentence({ kind: 'staff', direction: 'down', from: 'client', to: 'customer',
    changedByName: 'Sam Supervisor', reason: 'Cancelled the car policy' }),
  'Sam Supervisor moved them down from client to customer: \u201cCancelled the car policy\u201d.');
  assert.match(ladderSentence({ kind: 'start', direction: 'up', from: 'prospect', to: 'customer' }),
    /^Placed on the ladder as customer/);
});

test('follow-ups say why they were opened and whether they are overdue', () => {
  assert.equal(followUpReason({ reason: 'detractor', score: 3 }), 'Rated 3 out of 10: a detractor');
  assert.match(followUpReason({ reason: 'escalated' }), /escalated/);
  assert.match(followUpState({ overdue: true, dueAt: '2026-12-01T10:00:00Z' }, 'en-GB'), /^Overdue since /);
  assert.match(followUpState({ overdue: false, dueAt: '2026-12-01T10:00:00Z' }, 'en-GB'), /^Due /);
  assert.match(followUpState({ closedAt: '2026-12-01T10:00:00Z', closedByName: 'Alice Archer' }, 'en-GB'),
    /^Closed .+ by Alice Archer$/);
  assert.equal(loopSentence({ detractors: 4, closedInTime: 3, withinDays: 7, share: 75 }),
    'Loop closed within 7 days for 3 of 4 detractors (75 %).');
  assert.equal(loopSentence({ detractors: 0 }), 'No detractor rated a session in this period.');
});
