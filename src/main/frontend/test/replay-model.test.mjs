import test from 'node:test';
import assert from 'node:assert/strict';
import {
  advance, callSpans, clock, documentAt, documentStates, landing, openingOffset, replayEvents, sessionSpan,
  timelineMarks,
} from '../supervisor/replay-model.js';
import { addMessages } from '../lib/i18n.js';
import en from '../i18n/supervisor/en.json' with { type: 'json' };

addMessages({ en }); // the marks' words: the supervisor page's English (supervisor/index.js adds every language)

const presence = (at, ...people) => ({ at, t: 'sys.presence', from: 'server',
  payload: JSON.stringify({ participants: people.map(([id, name, state]) => ({ id, role: id, name, state })) }) });

const frames = [
  presence(1000, ['customer', 'Rosa', 'connected']),
  presence(1100, ['customer', 'Rosa', 'connected'], ['adv1', 'Alice', 'connected']),
  { at: 1200, t: 'dom.mut', from: 'customer', payload: '[{"type":3,"data":{"early":true}}]' },
  { at: 2000, t: 'dom.snap', from: 'customer', payload: '[{"type":4,"data":{"width":800,"height":600}},{"type":2,"data":{}}]' },
  { at: 2500, t: 'dom.mut', from: 'customer', payload: '[{"type":3,"data":{"a":1}},{"type":3,"data":{"a":2}}]' },
  { at: 2600, t: 'dom.scroll', from: 'customer', payload: '{"type":3,"data":{"source":3}}' },
  { at: 3000, t: 'dom.nav', k: 'load', from: 'customer', payload: '{"url":"https://x/claims","title":"Claims"}' },
  { at: 3100, t: 'dom.nav', k: 'title', from: 'customer', payload: '{"url":"https://x/claims","title":"Claims (2)"}' },
  { at: 3500, t: 'ann.begin', from: 'adv1', payload: '{"id":"a1","tool":"pen"}' },
  { at: 4000, t: 'ctl.request', from: 'adv1', payload: '{}' },
  { at: 4100, t: 'sys.control', from: 'server', payload: '{"state":"granted","to":"adv1","by":"customer"}' },
  { at: 4200, t: 'dom.mut', from: 'customer', payload: 'not json' },
  presence(5000, ['customer', 'Rosa', 'reconnecting'], ['adv1', 'Alice', 'connected']),
  { at: 6000, t: 'sys.control', from: 'server', payload: '{"state":"none","reason":"left"}' },
];

test('replay events start at the first snapshot, carry relay time and end with the recording', () => {
  const { events, start, end } = replayEvents(frames);
  assert.equal(start, 2000);
  assert.equal(end, 6000);
  assert.deepEqual(events.map((e) => e.type), [4, 2, 3, 3, 3, 5]);
  assert.deepEqual(events.map((e) => e.timestamp), [2000, 2000, 2500, 2500, 2600, 6000]);
  assert.ok(!events.some((e) => e.data && e.data.early), 'nothing before the first snapshot');
});

test('a snapshot without meta gets one, and nothing shared means no events', () => {
  const { events } = replayEvents([{ at: 5, t: 'dom.snap', payload: '[{"type":2,"data":{}}]' }]);
  assert.deepEqual(events.map((e) => e.type), [4, 2, 5]);
  assert.deepEqual(replayEvents([presence(1, ['customer', 'Rosa', 'connected'])]).events, []);
});

test('marks for joins, leaves, navigation, annotations and control, named and placed', () => {
  const marks = timelineMarks(frames, 2000);
  assert.deepEqual(marks.map((m) => [m.offset, m.kind, m.label]), [
    [0, 'presence', 'Rosa joined'],
    [0, 'presence', 'Alice joined'],
    [1000, 'navigation', 'Rosa opened Claims'],
    [1500, 'annotation', 'pen by Alice'],
    [2000, 'control', 'Alice asked for control'],
    [2100, 'control', 'control granted to Alice'],
    [3000, 'presence', 'Rosa disconnected'],
    [4000, 'control', 'control ended (left)'],
  ]);
});

test('a page change is one navigation mark, not a disconnection and a reconnection', () => {
  const nav = [
    presence(1000, ['customer', 'Rosa', 'connected'], ['adv1', 'Alice', 'connected']),
    { at: 1500, t: 'dom.snap', from: 'customer', payload: '[{"type":2,"data":{}}]' },
    { at: 1600, t: 'dom.nav', k: 'load', from: 'customer', payload: '{"url":"https://x/a","title":"Home"}' },
    presence(5000, ['customer', 'Rosa', 'reconnecting'], ['adv1', 'Alice', 'connected']),
    presence(5400, ['customer', 'Rosa', 'connected'], ['adv1', 'Alice', 'connected']),
    { at: 5500, t: 'dom.snap', from: 'customer', payload: '[{"type":2,"data":{}}]' },
    { at: 5600, t: 'dom.nav', k: 'load', from: 'customer', payload: '{"url":"https://x/b","title":"Quote"}' },
    // a real drop: nobody loaded a page around it
    presence(9000, ['customer', 'Rosa', 'reconnecting'], ['adv1', 'Alice', 'connected']),
    presence(30000, ['customer', 'Rosa', 'connected'], ['adv1', 'Alice', 'connected']),
  ];
  assert.deepEqual(timelineMarks(nav, 1000).map((m) => [m.offset, m.kind, m.label]), [
    [0, 'presence', 'Rosa joined'],
    [0, 'presence', 'Alice joined'],
    [600, 'navigation', 'Rosa opened Home'],
    [4600, 'navigation', 'Rosa opened Quote'],
    [8000, 'presence', 'Rosa disconnected'],
    [29000, 'presence', 'Rosa reconnected'],
  ]);
});

const call = (at, state) => ({ at, t: 'sys.call', from: 'server', payload: JSON.stringify({ state }) });

test("an advisor's stage page is named by its advisor, an unknown sharer not at all", () => {
  const stage = [
    presence(1000, ['adv1', 'Alice', 'connected']),
    { at: 2000, t: 'dom.nav', k: 'load', from: 'stage:adv1', payload: '{"url":"https://x/q","title":"Quote"}' },
    { at: 3000, t: 'dom.nav', k: 'load', from: 'someone', payload: '{"url":"https://x/c"}' },
  ];
  assert.deepEqual(timelineMarks(stage, 1000).filter((m) => m.kind === 'navigation').map((m) => m.label),
    ['Alice opened Quote', 'page opened: https://x/c']);
  assert.deepEqual(replayEvents(stage), { events: [], start: 1000, end: 1000, first: 1000 });
});

test('the call is marked where it started and ended; a rejoin within seconds is the same call', () => {
  const calls = [call(2000, 'started'), call(4000, 'ended'), call(5000, 'started'), call(64000, 'ended'),
    call(70000, 'started')];
  assert.deepEqual(callSpans(calls), [{ start: 2000, end: 64000 }, { start: 70000, end: null }]);
  assert.deepEqual(timelineMarks(calls, 1000, 80000).map((m) => [m.offset, m.kind, m.label]), [
    [1000, 'call', 'video call started'],
    [63000, 'call', 'video call ended after 1 min 2 s'],
    [69000, 'call', 'video call started'],
    [79000, 'call', 'video call ended with the session'],
  ]);
});

test('the replay spans the session: a waiting page until the first snapshot, later frames at the end', () => {
  const { events, start, end } = replayEvents(frames, { from: 500, to: 5500 });
  assert.equal(start, 500);
  assert.equal(end, 5500);
  assert.deepEqual(events.map((e) => e.type), [4, 2, 4, 2, 3, 3, 3, 5]);
  assert.deepEqual(events.map((e) => e.timestamp), [500, 500, 2000, 2000, 2500, 2500, 2600, 5500]);
  assert.match(JSON.stringify(events[1].data.node), /No page had been shared yet/);
  const marks = timelineMarks(frames, start, end);
  assert.equal(Math.max(...marks.map((m) => m.offset)), 5000, 'a mark after the end stands at the end');
  assert.deepEqual(sessionSpan({ startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00.500Z' }),
    { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-01-01T00:01:00.500Z') });
  assert.deepEqual(sessionSpan({ startedAt: null }), {});
});

test('a mark lands three quarters of a second before its event, never before the start', () => {
  assert.equal(landing(10_000), 9_250);
  assert.equal(landing(300), 0);
});

test('clock formats minutes and seconds', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(61_500), '1:01');
  assert.equal(clock(-5), '0:00');
});

const reading = [
  { at: 1000, t: 'dom.snap', from: 'customer', payload: '[{"type":4,"data":{}},{"type":2,"data":{}}]' },
  { at: 2000, t: 'doc.open', from: 'adv1', payload: '{"documentId":"d1","versionId":"v1","title":"Home Cover"}' },
  { at: 2500, t: 'doc.view', from: 'adv1', payload: '{"page":2,"scroll":0,"zoom":1.25}' },
  { at: 2600, t: 'doc.presenter', from: 'adv1', payload: '{"to":"customer"}' },
  { at: 3000, t: 'doc.view', from: 'customer', payload: '{"page":3,"scroll":0.5,"zoom":1}' },
  { at: 4000, t: 'doc.close', from: 'adv1', payload: '{}' },
  { at: 4500, t: 'doc.view', from: 'adv1', payload: 'broken' },
];

test('the document on screen follows the replay time: title, page and zoom, none before it opens or once closed', () => {
  const states = documentStates(reading);
  assert.equal(documentAt(states, 1999), null);
  assert.deepEqual([documentAt(states, 2000).open.title, documentAt(states, 2000).page], ['Home Cover', 1]);
  assert.deepEqual([documentAt(states, 2700).page, documentAt(states, 2700).zoom], [2, 1.25]);
  assert.deepEqual([documentAt(states, 3999).page, documentAt(states, 3999).zoom], [3, 1]);
  assert.equal(documentAt(states, 4000), null);
  assert.equal(documentAt(states, 9000), null);
});

test('document opens and closes are marked on the timeline', () => {
  const marks = timelineMarks(reading, 1000).filter((m) => m.kind === 'document');
  assert.deepEqual(marks.map((m) => [m.offset, m.label]), [[1000, 'document opened: Home Cover'],
    [3000, 'document closed']]);
});

test('a session where only a document was read replays over a blank page from its opening', () => {
  const { events, start, end } = replayEvents(reading.slice(1));
  assert.equal(start, 2000);
  assert.equal(end, 4500);
  assert.deepEqual(events.map((e) => e.type), [4, 2, 5]);
  assert.equal(events[1].data.node.childNodes[0].tagName, 'html');
  assert.deepEqual(replayEvents([{ at: 5, t: 'sys.presence', payload: '{}' }]).events, []);
});

test('advance applies each frame once up to the time, and starts over after a seek backwards', () => {
  const applied = [];
  let fresh = 0;
  const cursor = { frames: [{ at: 1 }, { at: 2 }, { at: 3 }], next: 0, time: -Infinity,
    fresh() { fresh++; applied.length = 0; }, apply(f) { applied.push(f.at); } };
  advance(cursor, 2);
  advance(cursor, 2);
  assert.deepEqual(applied, [1, 2]);
  advance(cursor, 5);
  assert.deepEqual(applied, [1, 2, 3]);
  advance(cursor, 1);
  assert.equal(fresh, 1);
  assert.deepEqual(applied, [1]);
});

test('a replay opens just past the style sheets that follow the first snapshot', () => {
  const snap = '[{"type":4,"data":{}},{"type":2,"data":{}}]';
  const { events, start } = replayEvents([
    { at: 1000, t: 'dom.snap', payload: snap },
    { at: 1050, t: 'dom.mut', payload: '[{"type":3,"data":{"source":15}},{"type":3,"data":{"source":0}}]' },
    { at: 1900, t: 'dom.mut', payload: '[{"type":3,"data":{"source":0}}]' },
    { at: 2500, t: 'dom.mut', payload: '[{"type":3,"data":{"source":15}}]' },
  ]);
  assert.equal(openingOffset(events, start), 51, 'the adopted style sheets 50 ms after the snapshot are applied');
  const plain = replayEvents([{ at: 1000, t: 'dom.snap', payload: snap },
    { at: 1050, t: 'dom.mut', payload: '[{"type":3,"data":{"source":0}}]' }]);
  assert.equal(openingOffset(plain.events, plain.start), 0, 'no style events: opens at the start');
});

test('several advisors, a hand-over and a supervisor stepping in read as lines of who was there when', () => {
  const at = (ms, ...people) => ({ at: ms, t: 'sys.presence', from: 'server',
    payload: JSON.stringify({ participants: people }) });
  const notice = (ms, body) => ({ at: ms, t: 'sys.notice', from: 'server', payload: JSON.stringify(body) });
  const rosa = { id: 'customer', role: 'customer', name: 'Rosa', state: 'connected' };
  const alice = { id: 'a1', role: 'advisor', name: 'Alice Archer', state: 'connected', owner: true };
  const ben = { id: 'b2', role: 'advisor', name: 'Ben Baker', team: 'Claims', state: 'connected' };
  const sam = { id: 's3', role: 'supervisor', name: 'Sam Supervisor', state: 'connected' };
  const samIn = { ...sam, role: 'advisor', seat: 'supervisor' };
  const stage = { id: 'stage:a1', role: 'advisor', name: 'Alice Archer', state: 'connected' };
  const marks = timelineMarks([
    at(1000, rosa, alice),
    at(2000, rosa, alice, stage),
    at(3000, rosa, { ...alice, call: true }, stage),
    at(4000, rosa, { ...alice, call: true }, stage, ben),
    at(5000, rosa, { ...alice, call: true }, stage, { ...ben, call: true }),
    at(6000, rosa, { ...alice, call: true }, stage, { ...ben, call: true }, sam),
    notice(7000, { kind: 'stepped-in', id: 's3', name: 'Sam Supervisor' }),
    at(7000, rosa, { ...alice, call: true }, stage, { ...ben, call: true }, samIn),
    notice(8000, { kind: 'owner', id: 'b2', name: 'Ben Baker', team: 'Claims' }),
    at(8000, rosa, { ...alice, owner: false, call: true }, stage, { ...ben, owner: true, call: true }, samIn),
    notice(9000, { kind: 'stepped-out', id: 's3', name: 'Sam Supervisor' }),
    at(9000, rosa, { ...alice, state: 'left' }, { ...stage, state: 'left' }, { ...ben, owner: true, call: true }, sam),
    at(10000, rosa, { ...alice, state: 'left' }, { ...stage, state: 'left' }, { ...ben, owner: true, call: true },
      { ...sam, state: 'left' }),
  ], 1000);
  assert.deepEqual(marks.filter((m) => m.kind === 'presence').map((m) => [m.offset, m.label]), [
    [0, 'Rosa joined'],
    [0, 'Alice Archer joined'],
    [2000, 'Alice Archer joined the video call'],
    [3000, 'Ben Baker from Claims joined'],
    [4000, 'Ben Baker joined the video call'],
    [5000, 'Sam Supervisor started watching silently'],
    [6000, 'Sam Supervisor stepped into the conversation'],
    [7000, 'Ben Baker from Claims now leads the session'],
    [8000, 'Sam Supervisor stepped back to watching'],
    [8000, 'Alice Archer left'],
    [8000, 'Alice Archer left the video call'],
    [9000, 'Sam Supervisor stopped watching'],
  ]);
});
