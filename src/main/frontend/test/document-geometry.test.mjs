import test from 'node:test';
import assert from 'node:assert/strict';
import { normaliseView, toPageRects } from '../lib/document/geometry.js';

test('selection rectangles become page fractions, the same at any zoom', () => {
  const at1 = toPageRects([{ left: 110, top: 220, width: 50, height: 10 }], { left: 100, top: 200, width: 500, height: 1000 });
  const at2 = toPageRects([{ left: 120, top: 240, width: 100, height: 20 }], { left: 100, top: 200, width: 1000, height: 2000 });
  assert.deepEqual(at1, [[0.02, 0.02, 0.1, 0.01]]);
  assert.deepEqual(at2, at1);
});

test('rectangles outside the page are clipped or dropped', () => {
  const rects = toPageRects([{ left: 0, top: 0, width: 50, height: 50 }, { left: 550, top: 210, width: 100, height: 10 }],
    { left: 100, top: 200, width: 500, height: 1000 });
  assert.deepEqual(rects, [[0.9, 0.01, 0.1, 0.01]]);
});

test('views are bounded: page within the document, scroll 0..1, zoom 0.25..5', () => {
  assert.deepEqual(normaliseView({ page: 9, scroll: 2, zoom: 99 }, 3), { page: 3, scroll: 1, zoom: 5 });
  assert.deepEqual(normaliseView({ page: 'x', scroll: -1, zoom: 0 }, 3), { page: 1, scroll: 0, zoom: 1 });
  assert.deepEqual(normaliseView({ page: 2, scroll: 0.5, zoom: 1.5 }, 3), { page: 2, scroll: 0.5, zoom: 1.5 });
});
