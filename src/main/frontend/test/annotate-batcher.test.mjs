import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameBatcher, StrokeBatcher } from '../lib/annotate/batcher.js';

/** A hand-cranked requestAnimationFrame. */
function frames() {
  let queue = new Map();
  let next = 1;
  return {
    requestFrame: (cb) => {
      const handle = next++;
      queue.set(handle, cb);
      return handle;
    },
    cancelFrame: (handle) => queue.delete(handle),
    tick() {
      const due = queue;
      queue = new Map();
      for (const cb of due.values()) cb();
    },
    get scheduled() {
      return queue.size;
    },
  };
}

test('a hundred points within one frame are one delivery', () => {
  const clock = frames();
  const deliveries = [];
  const batcher = new FrameBatcher((items) => deliveries.push(items), clock);
  for (let i = 0; i < 100; i++) batcher.add(i);
  assert.equal(deliveries.length, 0);
  assert.equal(clock.scheduled, 1);
  clock.tick();
  assert.equal(deliveries.length, 1);
  assert.deepEqual(deliveries[0], Array.from({ length: 100 }, (_, i) => i));
  clock.tick();
  assert.equal(deliveries.length, 1, 'an empty frame sends nothing');
});

test('a stroke of 100 points in one frame is begin, one points message, end', () => {
  const clock = frames();
  const sent = [];
  const strokes = new StrokeBatcher({ author: 'customer', prefix: 'x', send: (t, p) => sent.push([t, p]), ...clock });
  const id = strokes.begin('pen', { color: '#d9480f', width: 3 }, { node: 7, fx: 0.5, fy: 0.5, x: 1, y: 2 }, '/p');
  for (let i = 0; i < 100; i++) strokes.add([i, i]);
  clock.tick();
  strokes.end();
  assert.deepEqual(sent.map(([t]) => t), ['ann.begin', 'ann.points', 'ann.end']);
  assert.deepEqual(sent[0][1], { id, tool: 'pen', color: '#d9480f', width: 3,
    anchor: { node: 7, fx: 0.5, fy: 0.5, x: 1, y: 2 }, page: '/p' });
  assert.equal(sent[1][1].points.length, 100);
  assert.deepEqual(sent[2][1], { id });
});

test('points are never lost or reordered across frames, and end flushes the rest', () => {
  const clock = frames();
  const sent = [];
  const strokes = new StrokeBatcher({ author: 'a', prefix: 'x', send: (t, p) => sent.push([t, p]), ...clock });
  const id = strokes.begin('pen', { color: '#000', width: 2 }, null);
  let n = 0;
  for (const perFrame of [3, 17, 1, 40]) {
    for (let i = 0; i < perFrame; i++) strokes.add([n++, 0]);
    clock.tick();
  }
  for (let i = 0; i < 5; i++) strokes.add([n++, 0]); // no frame before the pointer comes up
  strokes.end({ text: 'ignored by pens' });
  const points = sent.filter(([t]) => t === 'ann.points');
  assert.deepEqual(points.map(([, p]) => p.points.length), [3, 17, 1, 40, 5]);
  assert.ok(points.every(([, p]) => p.id === id));
  assert.deepEqual(points.flatMap(([, p]) => p.points.map(([x]) => x)), Array.from({ length: n }, (_, i) => i));
  assert.equal(sent[sent.length - 1][0], 'ann.end');
  assert.equal(clock.scheduled, 0, 'end cancels the pending frame');
  clock.tick();
  assert.equal(sent.filter(([t]) => t === 'ann.points').length, 5);
});

test('ids are unique per author and a new stroke ends the open one first', () => {
  const clock = frames();
  const sent = [];
  const strokes = new StrokeBatcher({ author: 'advisor-1', prefix: 'r', send: (t, p) => sent.push([t, p]), ...clock });
  const first = strokes.begin('pen', { color: '#000', width: 2 }, null);
  strokes.add([1, 1]);
  const second = strokes.begin('rect', { color: '#000', width: 2 }, null);
  assert.equal(first, 'advisor-1-r-1');
  assert.equal(second, 'advisor-1-r-2');
  assert.deepEqual(sent.map(([t, p]) => [t, p.id]), [['ann.begin', first], ['ann.points', first], ['ann.end', first],
    ['ann.begin', second]]);
  assert.equal(strokes.end(), second);
  assert.equal(strokes.end(), null);
  strokes.add([5, 5]);
  clock.tick();
  assert.equal(sent.length, 5, 'points outside a stroke go nowhere');
});

test('two page loads of the same author do not reuse ids', () => {
  const a = new StrokeBatcher({ author: 'customer', send() {} });
  const b = new StrokeBatcher({ author: 'customer', send() {} });
  assert.notEqual(a.nextId(), b.nextId());
});

test('discard drops what was collected', () => {
  const clock = frames();
  const deliveries = [];
  const batcher = new FrameBatcher((items) => deliveries.push(items), clock);
  batcher.add(1);
  batcher.discard();
  clock.tick();
  assert.equal(deliveries.length, 0);
  assert.equal(batcher.pending, 0);
});
