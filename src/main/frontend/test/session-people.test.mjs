import test from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM(`<!doctype html><body><section id="s"><ul id="people"></ul>
  <button id="in" hidden></button><button id="out" hidden></button><p id="status"></p><ol id="lines"></ol></section>`,
{ url: 'https://tandem.example/console/' });
globalThis.window = window;
globalThis.document = window.document;
globalThis.sessionStorage = window.sessionStorage;
const { SessionPeople } = await import('../console/people.js');
const $ = (id) => window.document.getElementById(id);

function people(events) {
  const p = new SessionPeople({
    el: { section: $('s'), list: $('people'), lines: $('lines'), stepIn: $('in'), stepOut: $('out'),
      stepStatus: $('status') },
    onChange: (view) => events.push(['change', view.owner, view.role, view.seat]),
    onHandedOver: (lead) => events.push(['handed', lead.name]),
    onLeave: (lead) => events.push(['leave', lead.name]),
  });
  p.reset({ id: 's1' });
  return p;
}

const customer = { id: 'customer', role: 'customer', name: 'Maria Jones', state: 'connected' };
const alice = { id: 'a1', role: 'advisor', name: 'Alice Archer', state: 'connected', owner: true };
const ben = { id: 'b2', role: 'advisor', name: 'Ben Baker', team: 'Claims', state: 'connected' };

test('the lead who hands over is told once, and leaves a moment after the new lead is connected', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const events = [];
  const p = people(events);
  p.welcome({ participantId: 'a1', role: 'advisor', participants: [customer, alice] });
  assert.deepEqual(events, [['change', true, 'advisor', null]]);
  p.notice({ kind: 'owner', id: 'b2', name: 'Ben Baker' });
  p.presence([customer, { ...alice, owner: false }, { ...ben, owner: true, state: 'reconnecting' }]);
  p.presence([customer, { ...alice, owner: false }, { ...ben, owner: true, state: 'reconnecting' }]);
  assert.deepEqual(events.filter((e) => e[0] !== 'change'), [['handed', 'Ben Baker']]);
  p.presence([customer, { ...alice, owner: false }, { ...ben, owner: true }]);
  t.mock.timers.tick(2000);
  assert.equal(events.some((e) => e[0] === 'leave'), false, 'both are present for a moment');
  t.mock.timers.tick(600);
  assert.deepEqual(events.filter((e) => e[0] === 'leave'), [['leave', 'Ben Baker']]);
  assert.deepEqual([...$('lines').querySelectorAll('li span')].map((s) => s.textContent),
    ['Ben Baker now leads this session', 'Ben Baker from Claims joined']);
  assert.deepEqual([...$('people').querySelectorAll('li')].map((li) => li.querySelector('.who').textContent
    + ' / ' + li.querySelector('.meta').textContent),
  ['Maria Jones / customer', 'Ben Baker / Claims · leads the session', 'Alice Archer (you) / ']);
});

test('a colleague never leads until presence says so; a supervisor steps in and back out on the same seat', () => {
  const events = [];
  const p = people(events);
  p.welcome({ participantId: 'b2', role: 'advisor', participants: [customer, alice, ben] });
  assert.deepEqual(events.at(-1), ['change', false, 'advisor', null]);
  const sam = { id: 's3', role: 'supervisor', name: 'Sam Supervisor', state: 'connected' };
  const watcher = people([]);
  watcher.welcome({ participantId: 's3', role: 'supervisor', participants: [customer, alice, sam] });
  assert.equal($('in').hidden, false);
  assert.equal($('out').hidden, true);
  watcher.presence([customer, alice, { ...sam, role: 'advisor', seat: 'supervisor' }]);
  assert.equal($('in').hidden, true);
  assert.equal($('out').hidden, false);
  watcher.notice({ kind: 'stepped-in', id: 's3', name: 'Sam Supervisor' });
  assert.match($('lines').textContent, /You joined the conversation/);
  watcher.presence([customer, alice, sam]);
  assert.equal($('in').hidden, false);
  // a server that does not say who leads: every advisor leads, as before
  const legacy = [];
  people(legacy).welcome({ participantId: 'a1', role: 'advisor', participants: [customer, { ...alice, owner: undefined }] });
  assert.deepEqual(legacy, [['change', true, 'advisor', null]]);
});

test('a hand-over notice before the new lead connects: told at once, tools gone, leaving once they connect', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const events = [];
  const p = people(events);
  p.welcome({ participantId: 'a1', role: 'advisor', participants: [customer, alice] });
  // the relay has moved the lead to Ben, who is not in the room yet: nobody here carries `owner`
  p.notice({ kind: 'owner', id: 'b2', name: 'Ben Baker' });
  p.presence([customer, { ...alice, owner: undefined }]);
  assert.deepEqual(events.filter((e) => e[0] === 'handed'), [['handed', 'Ben Baker']]);
  assert.equal(events.at(-1)[1], false, 'no longer the lead');
  p.presence([customer, { ...alice, owner: undefined }, { ...ben, owner: true }]);
  t.mock.timers.tick(2600);
  assert.deepEqual(events.filter((e) => e[0] === 'leave'), [['leave', 'Ben Baker']]);
});

test('a colleague handed the lead is told so, and is not mistaken for one who handed it over', () => {
  const events = [];
  const p = people(events);
  p.welcome({ participantId: 'b2', role: 'advisor', participants: [customer, alice, ben] });
  // the notice comes first, the presence list that agrees with it right after
  p.notice({ kind: 'owner', id: 'b2', name: 'Ben Baker' });
  assert.deepEqual(events.at(-1), ['change', true, 'advisor', null]);
  p.presence([customer, { ...alice, owner: false }, { ...ben, owner: true }]);
  assert.deepEqual(events.filter((e) => e[0] === 'handed'), []);
  assert.deepEqual(events.at(-1), ['change', true, 'advisor', null]);
  assert.match($('lines').textContent, /You now lead this session/);
});
