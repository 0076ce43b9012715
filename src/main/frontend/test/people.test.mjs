import test from 'node:test';
import assert from 'node:assert/strict';
import { Narrator, advisorColours, listOfNames, nameWithTeam, noticeLine, ownerOf, peopleList, presenceLines,
  staffPresent }
  from '../lib/people.js';
import { AnnotationModel } from '../lib/annotate/model.js';

const customer = { id: 'customer', role: 'customer', name: 'Maria Jones', state: 'connected' };
const alice = { id: 'a1', role: 'advisor', name: 'Alice Archer', state: 'connected', owner: true };
const ben = { id: 'b2', role: 'advisor', name: 'Ben Baker', team: 'Claims', state: 'connected' };
const sam = { id: 's3', role: 'supervisor', name: 'Sam Supervisor', state: 'connected' };
const samIn = { ...sam, role: 'advisor', seat: 'supervisor' };
const stage = { id: 'stage:a1', role: 'advisor', name: 'Alice Archer (page)', state: 'connected' };

test('names read as people say them', () => {
  assert.equal(nameWithTeam(ben), 'Ben Baker from Claims');
  assert.equal(nameWithTeam(alice), 'Alice Archer');
  assert.equal(listOfNames(['Alice']), 'Alice');
  assert.equal(listOfNames(['Alice', 'Ben']), 'Alice and Ben');
  assert.equal(listOfNames(['Alice', 'Ben', 'Carol']), 'Alice, Ben and Carol');
  assert.equal(listOfNames([]), '');
});

test('the first presence list says nothing; a colleague joining is one line with their team', () => {
  assert.deepEqual(presenceLines(null, [customer, alice]), []);
  assert.deepEqual(presenceLines([customer, alice], [customer, alice, ben], { viewer: 'customer', me: 'customer' }),
    ['Ben Baker from Claims joined']);
  assert.deepEqual(presenceLines([customer, alice, ben], [customer, alice, { ...ben, state: 'left' }]),
    ['Ben Baker left']);
  // reconnecting is not leaving, and coming back from reconnecting is not joining
  assert.deepEqual(presenceLines([customer, alice, ben], [customer, alice, { ...ben, state: 'reconnecting' }]), []);
  assert.deepEqual(presenceLines([customer, alice, { ...ben, state: 'reconnecting' }], [customer, alice, ben]), []);
  // gone from the list altogether
  assert.deepEqual(presenceLines([customer, alice, ben], [customer, alice]), ['Ben Baker left']);
});

test('no line about oneself, the stage page, or silent supervisors; the customer is announced to staff only', () => {
  assert.deepEqual(presenceLines([customer, alice], [customer, alice, ben], { me: 'b2' }), []);
  assert.deepEqual(presenceLines([customer, alice], [customer, alice, stage]), []);
  assert.deepEqual(presenceLines([customer, alice], [customer, alice, sam], { me: 'a1' }), []);
  const away = { ...customer, state: 'left' };
  assert.deepEqual(presenceLines([away, alice], [customer, alice], { me: 'a1' }), ['The customer is back.']);
  assert.deepEqual(presenceLines([away, alice], [customer, alice], { me: 'customer', viewer: 'customer' }), []);
});

test('a supervisor stepping in or out is said by the notice, not by presence', () => {
  assert.deepEqual(presenceLines([customer, alice], [customer, alice, samIn], { viewer: 'customer' }), []);
  assert.deepEqual(presenceLines([customer, alice, samIn], [customer, alice], { viewer: 'customer' }), []);
  assert.deepEqual(presenceLines([customer, alice, samIn], [customer, alice, sam], { me: 'a1' }), []);
  assert.equal(noticeLine({ kind: 'stepped-in', id: 's3', name: 'Sam Supervisor' }, { viewer: 'customer' }),
    'Sam Supervisor joined the conversation');
  assert.equal(noticeLine({ kind: 'stepped-out', id: 's3', name: 'Sam Supervisor' }, { me: 'a1' }),
    'Sam Supervisor left the conversation');
  assert.match(noticeLine({ kind: 'stepped-in', id: 's3', name: 'Sam Supervisor' }, { me: 's3' }), /^You joined/);
});

test('a new lead: the customer hears who their advisor is now, staff who leads', () => {
  const notice = { kind: 'owner', id: 'b2', name: 'Ben Baker' };
  assert.equal(noticeLine(notice, { viewer: 'customer' }), 'Your advisor is now Ben Baker');
  assert.equal(noticeLine(notice, { me: 'a1' }), 'Ben Baker now leads this session');
  assert.equal(noticeLine(notice, { me: 'b2' }), 'You now lead this session');
  assert.equal(noticeLine({ kind: 'something-else' }), null);
  assert.equal(noticeLine(null), null);
});

test('people: the customer first, then the lead, then the others; customers never see supervisors watching', () => {
  const all = [sam, ben, customer, alice, stage, { id: 'x', role: 'advisor', name: 'Gone', state: 'left' }];
  const staff = peopleList(all, { me: 'a1' });
  assert.deepEqual(staff.map((p) => p.name), ['Maria Jones', 'Alice Archer', 'Ben Baker', 'Sam Supervisor']);
  assert.deepEqual(staff.map((p) => p.detail), ['customer', 'leads the session', 'Claims', 'watching silently']);
  assert.equal(staff[1].you, true);
  const theirs = peopleList([alice, ben, samIn], { viewer: 'customer' });
  assert.deepEqual(theirs.map((p) => `${p.name}: ${p.detail}`),
    ['Alice Archer: your advisor', 'Ben Baker: Claims', 'Sam Supervisor: supervisor']);
  assert.deepEqual(staffPresent(all).map((p) => p.id), ['b2', 'a1']);
  assert.equal(ownerOf(all).id, 'a1');
  assert.equal(ownerOf([customer, { ...alice, owner: undefined }]), null);
});

test('each advisor has a colour of their own, the same in every browser, and the stage page its advisor’s', () => {
  const staffView = advisorColours([customer, alice, sam, ben, stage]);
  const customerView = advisorColours([customer, alice, ben, stage]);
  assert.equal(staffView.get('a1'), '#1f5fbf');
  assert.notEqual(staffView.get('b2'), staffView.get('a1'));
  assert.deepEqual([...customerView], [...staffView]);
  assert.equal(staffView.get('stage:a1'), staffView.get('a1'));
  // a supervisor who steps in takes a colour of their own, and nobody else's changes
  const stepped = advisorColours([customer, alice, samIn, ben]);
  assert.equal(stepped.get('b2'), staffView.get('b2'));
  assert.ok(![stepped.get('a1'), stepped.get('b2')].includes(stepped.get('s3')));
  // one who left keeps their place: the next one does not take their colour
  const after = advisorColours([customer, { ...alice, state: 'left' }, ben, { id: 'c4', role: 'advisor', state: 'connected' }]);
  assert.equal(after.get('b2'), staffView.get('b2'));
  assert.ok(!['#1f5fbf', after.get('b2')].includes(after.get('c4')));
});

test('the annotation model gives advisors their presence colour, and one’s own colour follows presence', () => {
  const model = new AnnotationModel({ me: { id: 'b2', name: 'Ben Baker', role: 'advisor' } });
  model.setParticipants([customer, alice, ben]);
  assert.equal(model.person('a1').color, '#1f5fbf');
  assert.equal(model.person('b2').color, advisorColours([customer, alice, ben]).get('b2'));
  assert.notEqual(model.person('b2').color, '#1f5fbf');
  assert.equal(model.person('customer').color, '#d9480f');
  // kept once given, even if the list later forgets those before them
  const before = model.person('b2').color;
  model.setParticipants([customer, ben]);
  assert.equal(model.person('b2').color, before);
});

test('the customer hears a hand-over as one line; staff hear who came and went', () => {
  const heard = [];
  const customerSide = new Narrator({ me: 'customer', viewer: 'customer' });
  const staffSide = new Narrator({ me: 'c3', viewer: 'advisor' });
  const staffHeard = [];
  const both = (fn) => {
    heard.push(...[].concat(fn(customerSide) ?? []));
    staffHeard.push(...[].concat(fn(staffSide) ?? []));
  };
  both((n) => n.presence([customer, alice], { quiet: true }));
  both((n) => n.notice({ kind: 'owner', id: 'b2', name: 'Ben Baker' }));
  both((n) => n.presence([customer, { ...alice, owner: false }, { ...ben, owner: true }]));
  both((n) => n.presence([customer, { ...alice, owner: false, state: 'left' }, { ...ben, owner: true }]));
  assert.deepEqual(heard, ['Your advisor is now Ben Baker']);
  assert.deepEqual(staffHeard, ['Ben Baker now leads this session', 'Ben Baker from Claims joined', 'Alice Archer left']);
  // a colleague who merely joins is still announced to the customer
  assert.deepEqual(customerSide.presence([customer, { ...ben, owner: true },
    { id: 'c3', role: 'advisor', name: 'Cleo Clark', state: 'connected' }]), ['Cleo Clark joined']);
});
