import test from 'node:test';
import assert from 'node:assert/strict';
import { auditActionLabel, auditSentence, fieldErrors, filterWords, outcomeLabel, statusLabel } from '../lib/words.js';

test('outcomes and session states are words, never keys', () => {
  assert.equal(outcomeLabel('policy_explained'), 'Policy explained');
  assert.equal(outcomeLabel('follow_up'), 'Follow-up needed');
  assert.equal(outcomeLabel('SOMETHING_NEW'), 'Something new');
  assert.equal(outcomeLabel(null), '');
  assert.equal(statusLabel('ACTIVE'), 'In progress');
  assert.equal(statusLabel('created'), 'Invited');
});

test("a problem's sentences go to the page's inputs; the rest stays general", () => {
  const problem = { detail: "Enter the customer's name.", errors: [
    { field: 'customer.name', message: "Enter the customer's name." },
    { field: 'customer.phone', message: 'Enter a phone number.' }] };
  const { fields, other } = fieldErrors(problem, (f) => (f === 'customer.name' ? 'name' : null));
  assert.deepEqual(fields, { name: "Enter the customer's name." });
  assert.deepEqual(other, ['Enter a phone number.']);
  assert.deepEqual(fieldErrors({ detail: 'No visitor is waiting with this code' }).other,
    ['No visitor is waiting with this code']);
});

test('audit entries read as sentences with names, and entries about different sessions differ', () => {
  const replay = { action: 'replay', actorName: 'Sam Supervisor', sessionId: 'a1', customerId: 'c1',
    customerName: 'Carol Customer', sessionAdvisorName: 'Alice Advisor', sessionStartedAt: '2026-12-05T14:02:00Z',
    detail: '120 frames' };
  const sentence = auditSentence(replay, 'en-GB');
  assert.match(sentence, /^Sam Supervisor replayed the session of Carol Customer with Alice Advisor of .+ \(120 recorded frames\)\.$/);
  const other = auditSentence({ ...replay, sessionId: 'a2', customerName: 'Dan Doe' }, 'en-GB');
  assert.notEqual(sentence, other);
  assert.equal(auditSentence({ action: 'erasure', actorName: 'Dev Diaz', customerId: 'c1', customerName: 'Carol Customer',
    detail: '3 sessions, 12 recording chunks' }),
  'Dev Diaz erased the personal data of customer Carol Customer (3 sessions, 12 recording parts deleted).');
  assert.equal(auditSentence({ action: 'export', actorName: 'Sam Supervisor',
    detail: '4 rows; query: status=ENDED&outcome=policy_explained&sort=-created' }),
  'Sam Supervisor exported 4 sessions from the session log as CSV (filtered by state ended, outcome policy explained).');
  assert.match(auditSentence({ action: 'watch', actorName: 'Sam Supervisor', sessionId: 'a1', customerName: 'Carol Customer' }),
    /^Sam Supervisor watched the session of Carol Customer live/);
  assert.doesNotMatch(auditSentence({ action: 'purge', detail: '3 recording chunks of sessions ended before 2026-06-01T10:00:00Z' }),
    /T10:00:00Z/);
});

test("an export's filters in words", () => {
  assert.deepEqual(filterWords('minDuration=300&recorded=true&customer=abc&sort=-created'),
    [`lasting at least ${new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'minute' }).format(5)}`,
      'recorded yes', 'one customer']);
});

test('dashboard colours follow meaning', async () => {
  const { outcomeColour, npsColour, GOOD, BAD, WARN } = await import('../supervisor/colours.js');
  assert.equal(outcomeColour('resolved'), GOOD);
  assert.equal(outcomeColour('escalated'), BAD);
  assert.equal(npsColour(-20), BAD);
  assert.equal(npsColour(35), GOOD);
  assert.equal(npsColour(0), WARN);
});

test('branding and site changes read as sentences', () => {
  assert.equal(auditSentence({ action: 'branding', actorName: 'Dev Diaz', detail: 'Changed the name and the colour.' }),
    "Dev Diaz changed the firm's branding: changed the name and the colour.");
  assert.equal(auditSentence({ action: 'site_added', actorName: 'Dev Diaz', detail: 'https://www.insurer.example' }),
    'Dev Diaz allowed the site https://www.insurer.example to use Tandem.');
  assert.match(auditSentence({ action: 'site_removed', actorName: 'Dev Diaz', detail: 'https://a.example' }),
    /^Dev Diaz removed the site https:\/\/a\.example: /);
});

test('colleagues joining, hand-overs and stepping in read as sentences with names', () => {
  const session = { sessionId: 's1', customerName: 'Carla Client', sessionAdvisorName: 'Alice Archer' };
  assert.match(auditSentence({ ...session, action: 'invite', actorName: 'Alice Archer', detail: 'join: Ben Baker' }),
    /^Alice Archer asked Ben Baker to join the session of Carla Client with Alice Archer/);
  assert.match(auditSentence({ ...session, action: 'invite', actorName: 'Alice Archer',
    detail: 'transfer: team Claims' }), /^Alice Archer asked the Claims team to take over the session of Carla Client/);
  assert.match(auditSentence({ ...session, action: 'withdraw', actorName: 'Alice Archer',
    detail: 'join: Ben Baker' }), /^Alice Archer withdrew the invitation asking Ben Baker to join the session/);
  assert.match(auditSentence({ ...session, action: 'join', actorName: 'Ben Baker', detail: 'invited by Alice Archer' }),
    /^Ben Baker joined the session of Carla Client.*, invited by Alice Archer\.$/);
  assert.match(auditSentence({ ...session, action: 'transfer', actorName: 'Cleo Clark',
    detail: 'from Alice Archer (team Claims)' }),
  /^Cleo Clark took over the session of Carla Client.* from Alice Archer, offered to the Claims team\.$/);
  assert.match(auditSentence({ ...session, action: 'step_in', actorName: 'Sam Supervisor' }),
    /^Sam Supervisor stepped into the session of Carla Client/);
  assert.match(auditSentence({ ...session, action: 'step_out', actorName: 'Sam Supervisor' }),
    /^Sam Supervisor stepped back out of the session/);
  for (const action of ['invite', 'withdraw', 'join', 'transfer', 'step_in', 'step_out']) {
    assert.doesNotMatch(auditActionLabel(action), /_/);
  }
});

test('changes to webhooks read as sentences', () => {
  assert.equal(auditSentence({ action: 'webhook_added', actorName: 'Dev Diaz', detail: 'https://crm.example/hooks' }),
    'Dev Diaz started sending events to https://crm.example/hooks.');
  assert.equal(auditSentence({ action: 'webhook_changed', actorName: 'Dev Diaz',
    detail: 'https://crm.example/hooks (touchpoint.completed,feedback.received, off)' }),
  'Dev Diaz changed the events sent to https://crm.example/hooks (touchpoint.completed, feedback.received); '
    + 'sending is off.');
  assert.match(auditSentence({ action: 'webhook_removed', actorName: 'Dev Diaz', detail: 'https://crm.example/hooks' }),
    /^Dev Diaz stopped sending events to https:\/\/crm\.example\/hooks/);
  assert.match(auditSentence({ action: 'redeliver', actorName: 'Dev Diaz', detail: 'delivery d1 of event e1' }),
    /^Dev Diaz sent a failed event again \(delivery d1 of event e1\)\.$/);
  for (const action of ['webhook_added', 'webhook_changed', 'webhook_removed', 'redeliver']) {
    assert.doesNotMatch(auditActionLabel(action), /_/);
  }
});

test('staff words follow the staff member\'s language; problems keep English titles but read translated', async () => {
  const { setLanguage } = await import('../lib/i18n.js');
  const { problemWords } = await import('../lib/words.js');
  const { invitationState } = await import('../lib/invitations.js');
  try {
    setLanguage('de');
    assert.equal(statusLabel('ACTIVE'), 'Läuft');
    assert.equal(outcomeLabel('quote_sent'), 'Angebot gesendet');
    assert.equal(invitationState({ status: 'declined', invitee: { name: 'Ben Baker' } }), 'Ben Baker hat abgelehnt');
    assert.equal(problemWords({ type: 'urn:tandem:problem:session-ended', title: 'Session ended', detail: 'Over.' }),
      'Diese Sitzung ist beendet.');
    setLanguage('fr');
    assert.equal(problemWords({ type: 'urn:tandem:problem:something-new', title: 'New' }),
      'Une erreur s’est produite. Réessayez dans un instant.');
  } finally {
    setLanguage('en');
  }
  assert.equal(problemWords({ type: 'urn:tandem:problem:session-ended', detail: 'Over.' }), 'Over.');
});
