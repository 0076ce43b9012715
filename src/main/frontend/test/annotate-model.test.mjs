import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationModel, DELIVERY, LASER_MS, LIMITS, RIPPLE_MS } from '../lib/annotate/model.js';
import { buildScene, toSvgString } from '../lib/annotate/scene.js';

const ADVISOR = { id: 'adv-1', name: 'Alice Advisor', role: 'advisor' };
const CUSTOMER = { id: 'customer', name: 'Carl Customer', role: 'customer' };

function model(me = ADVISOR, clock = { t: 1000 }) {
  const m = new AnnotationModel({ me, now: () => clock.t });
  m.setParticipants([ADVISOR, CUSTOMER]);
  return m;
}

function stroke(m, from, id, tool = 'pen', points = [[10, 10], [20, 20], [30, 10]], extra = {}) {
  assert.equal(m.apply('ann.begin', { id, tool, color: '#123456', width: 4, anchor: null, page: '/p' }, from), true);
  assert.equal(m.apply('ann.points', { id, points }, from), true);
  assert.equal(m.apply('ann.end', { id, ...extra }, from), true);
}

test('every message type has a delivery class: annotations reliable, pointers latest-wins', () => {
  for (const type of ['ann.begin', 'ann.points', 'ann.end', 'ann.undo', 'ann.clear', 'ann.clear-all']) {
    assert.equal(DELIVERY[type], 'reliable', type);
  }
  for (const type of ['ptr.move', 'ptr.click', 'ptr.laser', 'ptr.spotlight']) assert.equal(DELIVERY[type], 'latest');
});

test('begin, points and end build an annotation; undo by its author removes it', () => {
  const m = model();
  stroke(m, 'customer', 'customer-x-1');
  const a = m.annotations.get('customer-x-1');
  assert.equal(a.author, 'customer');
  assert.equal(a.done, true);
  assert.deepEqual(a.points, [[10, 10], [20, 20], [30, 10]]);
  assert.equal(a.color, '#123456');
  assert.equal(m.apply('ann.undo', { id: 'customer-x-1' }, 'adv-1'), false, 'nobody undoes another one\'s stroke');
  assert.equal(m.apply('ann.undo', { id: 'customer-x-1' }, 'customer'), true);
  assert.equal(m.annotations.size, 0);
});

test('only the author adds points, and not after the end', () => {
  const m = model();
  m.apply('ann.begin', { id: 's', tool: 'pen', color: '#000', width: 2 }, 'customer');
  assert.equal(m.apply('ann.points', { id: 's', points: [[1, 1]] }, 'adv-1'), false);
  assert.equal(m.apply('ann.points', { id: 's', points: [[1, 1]] }, 'customer'), true);
  m.apply('ann.end', { id: 's' }, 'customer');
  assert.equal(m.apply('ann.points', { id: 's', points: [[2, 2]] }, 'customer'), false);
  assert.equal(m.apply('ann.begin', { id: 's', tool: 'rect', color: '#000', width: 2 }, 'adv-1'), false,
    'an id is not taken over');
  assert.equal(m.annotations.get('s').tool, 'pen');
});

test('clear own keeps the others\' annotations', () => {
  const m = model();
  stroke(m, 'customer', 'c1');
  stroke(m, 'customer', 'c2', 'rect');
  stroke(m, 'adv-1', 'a1');
  assert.equal(m.apply('ann.clear', { author: 'customer' }, 'adv-1'), false, 'not someone else\'s');
  assert.equal(m.annotations.size, 3);
  assert.equal(m.apply('ann.clear', { author: 'customer' }, 'customer'), true);
  assert.deepEqual([...m.annotations.keys()], ['a1']);
});

test('clear all is honoured only from an advisor', () => {
  const m = model(CUSTOMER);
  stroke(m, 'customer', 'c1');
  stroke(m, 'adv-1', 'a1');
  assert.equal(m.apply('ann.clear-all', {}, 'customer'), false);
  assert.equal(m.apply('ann.clear-all', {}, 'stranger'), false);
  assert.equal(m.annotations.size, 2);
  assert.equal(m.apply('ann.clear-all', {}, 'adv-1'), true);
  assert.equal(m.annotations.size, 0);
});

test('bad payloads are refused or cleaned, never stored as given', () => {
  const m = model();
  assert.equal(m.apply('ann.begin', { id: 'x', tool: 'script' }, 'customer'), false);
  assert.equal(m.apply('ann.begin', null, 'customer'), false);
  assert.equal(m.apply('ann.begin', { id: 'x'.repeat(500), tool: 'pen' }, 'customer'), false);
  assert.equal(m.apply('ann.nonsense', {}, 'customer'), false);
  m.apply('ann.begin', { id: 'x', tool: 'pen', color: 'red;background:url(x)', width: 1e9,
    anchor: { node: '<b>', fx: 7, fy: -1, x: 'a', y: 3 } }, 'customer');
  const a = m.annotations.get('x');
  assert.equal(a.color, '#d9480f', 'the author\'s colour instead');
  assert.equal(a.width, 3);
  assert.deepEqual(a.anchor, { node: null, fx: 0, fy: 0, x: 0, y: 3 });
  m.apply('ann.points', { id: 'x', points: [[1, 2], ['a', 3], [NaN, 1], [1e12, 0], [3, 4, 5], 'x'] }, 'customer');
  assert.deepEqual(a.points, [[1, 2], [3, 4]]);
});

test('beyond the bound the oldest annotation goes', () => {
  const m = model();
  for (let i = 0; i <= LIMITS.annotations; i++) {
    m.apply('ann.begin', { id: 'n' + i, tool: 'pen', color: '#000', width: 2 }, 'customer');
  }
  assert.equal(m.annotations.size, LIMITS.annotations);
  assert.equal(m.annotations.has('n0'), false);
  assert.equal(m.annotations.has('n' + LIMITS.annotations), true);
});

test('an echo of my own stroke is not applied twice', () => {
  const m = model();
  m.apply('ann.begin', { id: 'mine', tool: 'pen', color: '#000', width: 2 }, 'adv-1', { local: true });
  m.apply('ann.points', { id: 'mine', points: [[1, 1]] }, 'adv-1', { local: true });
  assert.equal(m.apply('ann.points', { id: 'mine', points: [[1, 1]] }, 'adv-1'), false);
  assert.equal(m.apply('ann.begin', { id: 'mine', tool: 'pen', color: '#000', width: 2 }, 'adv-1'), false);
  assert.equal(m.annotations.get('mine').points.length, 1);
});

test('a text note keeps its text as given; empty notes and strokes without points disappear', () => {
  const m = model();
  const evil = '<img src=x onerror="alert(1)">';
  stroke(m, 'customer', 't', 'text', [[100, 200]], { text: evil });
  assert.equal(m.annotations.get('t').text, evil);
  stroke(m, 'customer', 'long', 'text', [[0, 0]], { text: 'y'.repeat(2000) });
  assert.equal(m.annotations.get('long').text.length, LIMITS.text);
  stroke(m, 'customer', 'blank', 'text', [[0, 0]], { text: '   ' });
  assert.equal(m.annotations.has('blank'), false);
  m.apply('ann.begin', { id: 'empty', tool: 'pen', color: '#000', width: 2 }, 'customer');
  m.apply('ann.end', { id: 'empty' }, 'customer');
  assert.equal(m.annotations.has('empty'), false);
});

test('markup in a note or a name is rendered as text, never as an element', () => {
  const m = model();
  m.setParticipants([{ id: 'customer', name: '<img src=x onerror=alert(1)>', role: 'customer' }]);
  stroke(m, 'customer', 't', 'text', [[100, 200]], { text: '<img src=x onerror=alert(2)><script>x()</script>' });
  stroke(m, 'customer', 'm', 'text', [[100, 300]], { text: 'line one\n<svg onload=alert(3)>' });
  m.apply('ptr.move', { x: 5, y: 5 }, 'customer');
  const svg = toSvgString(buildScene(m, { view: {}, rectOf: () => null }));
  assert.ok(!/<(img|script|svg)\b/i.test(svg), svg);
  assert.ok(!/<[a-z]+[^>]*\son[a-z]+=/i.test(svg), 'no element has an event handler attribute');
  assert.ok(svg.includes('&#60;img src=x onerror=alert(2)&#62;&#60;script&#62;'));
  assert.ok(svg.includes('&#60;img src=x onerror=alert(1)&#62;'), 'the name, as text');
  const tags = [...svg.matchAll(/<([a-z]+)/g)].map((x) => x[1]);
  assert.deepEqual([...new Set(tags)].sort(), ['circle', 'g', 'rect', 'text', 'tspan']);
});

test('pointers follow the document: scroll and the mirror scale move and counter-scale them', () => {
  const m = model();
  m.apply('ptr.move', { x: 300, y: 1500 }, 'customer');
  const [pointer] = buildScene(m, { view: { scale: 0.5, scrollX: 0, scrollY: 1200 }, rectOf: () => null });
  assert.equal(pointer.key, 'p:customer');
  assert.equal(pointer.attrs.transform, 'translate(300 300) scale(2)');
  assert.equal(pointer.children[2].text, 'Carl Customer');
});

test('an anchored pointer and an anchored stroke move with their element', () => {
  const m = model();
  let rect = { x: 100, y: 100, width: 100, height: 50 };
  const rectOf = (id) => (id === 9 ? rect : null);
  m.apply('ann.begin', { id: 's', tool: 'pen', color: '#000', width: 2,
    anchor: { node: 9, fx: 0.5, fy: 0.5, x: 150, y: 125 } }, 'customer');
  m.apply('ann.points', { id: 's', points: [[150, 125], [160, 130]] }, 'customer');
  m.apply('ptr.move', { x: 150, y: 125, anchor: { node: 9, fx: 0.5, fy: 0.5, x: 150, y: 125 } }, 'customer');
  const before = buildScene(m, { view: {}, rectOf });
  assert.equal(before.find((n) => n.key === 'a:s').attrs.transform, 'translate(0 0)');
  rect = { x: 100, y: 400, width: 300, height: 50 };
  const after = buildScene(m, { view: {}, rectOf });
  assert.equal(after.find((n) => n.key === 'a:s').attrs.transform, 'translate(100 300)');
  assert.equal(after.find((n) => n.key === 'p:customer').attrs.transform, 'translate(250 425) scale(1)');
  rect = null; // the element is gone: back to the recorded document point
  const gone = buildScene(m, { view: {}, rectOf });
  assert.equal(gone.find((n) => n.key === 'a:s').attrs.transform, 'translate(0 0)');
});

test('annotations of another page are not shown', () => {
  const m = model();
  stroke(m, 'customer', 'here');
  m.apply('ann.begin', { id: 'there', tool: 'pen', color: '#000', width: 2, page: '/other' }, 'customer');
  m.apply('ann.points', { id: 'there', points: [[1, 1]] }, 'customer');
  const keys = buildScene(m, { view: {}, page: '/p' }).map((n) => n.key);
  // the pointer was last where the pen drew, on /other: it is drawn over that page only
  assert.deepEqual(keys, ['a:here']);
  assert.deepEqual(buildScene(m, { view: {}, page: '/other' }).map((n) => n.key), ['a:there',
    'p:customer']);
});

test('a pointer on a document page is drawn over that page only', () => {
  const m = model();
  m.apply('ptr.move', { x: 300, y: 400, page: 'doc:v1:2' }, 'customer');
  assert.deepEqual(buildScene(m, { view: {}, page: 'doc:v1:1' }).map((n) => n.key), []);
  assert.deepEqual(buildScene(m, { view: {}, page: 'https://site.example/p' }).map((n) => n.key), []);
  const shown = buildScene(m, { view: { scale: 1.5 }, page: 'doc:v1:2' });
  assert.equal(shown.find((n) => n.key === 'p:customer').attrs.transform, 'translate(300 400) scale(0.67)');
  m.apply('ptr.move', { x: 5, y: 6 }, 'customer'); // back on the live page: no page, shown wherever
  assert.equal(buildScene(m, { view: {}, page: '/p' }).length, 1);
});

test('the laser trail is re-timed on arrival and gone after about two seconds', () => {
  const clock = { t: 10_000 };
  const m = model(ADVISOR, clock);
  // the sender's clock is far off ours; only the differences matter
  m.apply('ptr.laser', { points: [[0, 0, 5_000_000], [10, 0, 5_000_100], [20, 0, 5_000_200]] }, 'customer');
  assert.deepEqual(m.lasers.get('customer').map((p) => p[2]), [9_800, 9_900, 10_000]);
  assert.deepEqual(m.pointers.get('customer'), { x: 20, y: 0, anchor: null });
  clock.t += 1000;
  const [trail] = buildScene(m, { view: {} }).filter((n) => n.key === 'l:customer');
  assert.ok(trail.children.length >= 1);
  assert.ok(Number(trail.children[0].attrs.opacity) < 1);
  assert.equal(m.prune(clock.t), true);
  clock.t += LASER_MS;
  assert.equal(m.prune(clock.t), false);
  assert.equal(m.lasers.size, 0);
});

test('click ripples expand and expire', () => {
  const clock = { t: 0 };
  const m = model(ADVISOR, clock);
  m.apply('ptr.click', { x: 40, y: 50 }, 'customer');
  const [ripple] = buildScene(m, { view: {} }).filter((n) => n.key.startsWith('r:'));
  assert.deepEqual([ripple.attrs.cx, ripple.attrs.cy, ripple.attrs.opacity], ['40', '50', '1']);
  clock.t = RIPPLE_MS + 1;
  m.prune();
  assert.equal(m.ripples.length, 0);
});

test('the latest spotlight dims everything around its element; null turns it off', () => {
  const clock = { t: 0 };
  const m = model(ADVISOR, clock);
  const rectOf = (id) => (id === 3 ? { x: 100, y: 600, width: 50, height: 20 } : null);
  m.apply('ptr.spotlight', { node: 3 }, 'customer');
  const [spot] = buildScene(m, { view: { scrollY: 500, width: 800, height: 600 }, rectOf });
  assert.equal(spot.key, 'spot');
  assert.equal(spot.attrs['fill-rule'], 'evenodd');
  assert.match(spot.attrs.d, /M94 94h62v32h-62Z$/);
  assert.equal(m.apply('ptr.spotlight', { node: '<x>' }, 'customer'), false);
  assert.equal(m.apply('ptr.spotlight', { node: 1.5 }, 'customer'), false);
  assert.equal(m.apply('ptr.spotlight', { node: null }, 'customer'), true);
  assert.equal(buildScene(m, { view: {}, rectOf }).length, 0);
});

test('someone who left loses their pointer, laser and spotlight', () => {
  const m = model();
  m.apply('ptr.move', { x: 1, y: 1 }, 'customer');
  m.apply('ptr.spotlight', { node: 4 }, 'customer');
  m.setParticipants([{ ...CUSTOMER, state: 'left' }]);
  assert.equal(m.pointers.size, 0);
  assert.equal(m.spotlights.size, 0);
});

test('my own annotations in order, per page, for undo', () => {
  const m = model();
  stroke(m, 'adv-1', 'a1');
  stroke(m, 'customer', 'c1');
  stroke(m, 'adv-1', 'a2');
  assert.deepEqual(m.ownIds(), ['a1', 'a2']);
  assert.deepEqual(m.ownIds('/elsewhere'), []);
});

test('on navigation other pages\' annotations are dropped, unless the advisor keeps them per page', () => {
  const model = new AnnotationModel({ me: { id: 'adv', name: 'A', role: 'advisor' } });
  model.setParticipants([{ id: 'adv', name: 'A', role: 'advisor' }, { id: 'customer', name: 'C', role: 'customer' }]);
  const draw = (id, page) => {
    model.apply('ann.begin', { id, tool: 'pen', anchor: { x: 1, y: 1 }, page }, 'customer');
    model.apply('ann.points', { id, points: [[1, 1], [5, 5]] }, 'customer');
    model.apply('ann.end', { id }, 'customer');
  };
  draw('one', '/one');
  draw('two', '/two');
  assert.equal(model.navigated('/two'), true);
  assert.deepEqual([...model.annotations.keys()], ['two']);
  assert.equal(model.apply('ann.keep', { keep: true }, 'adv'), true);
  draw('three', '/three');
  assert.equal(model.navigated('/four'), false, 'kept per page');
  assert.deepEqual([...model.annotations.keys()], ['two', 'three']);
});

test('a drawing is marked done only once its author ended it, with all its points', () => {
  const m = model();
  m.apply('ann.begin', { id: 'box', tool: 'rect', color: '#000', width: 2, page: '/p' }, 'customer');
  m.apply('ann.points', { id: 'box', points: [[10, 10], [50, 30]] }, 'customer');
  const drawing = buildScene(m, { view: {}, rectOf: () => null })[0];
  assert.equal('data-done' in drawing.attrs, false, 'still being drawn: more points may come');
  m.apply('ann.points', { id: 'box', points: [[60, 40]] }, 'customer');
  m.apply('ann.end', { id: 'box' }, 'customer');
  const done = buildScene(m, { view: {}, rectOf: () => null })[0];
  assert.equal(done.attrs['data-done'], '');
  assert.equal(done.children[0].attrs.width, '50');
});
