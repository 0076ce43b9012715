import test from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CANVAS_PIXELS, MAX_FIT, backingRatio, fitScale, normaliseView, pageFraction, pageKey, pageView, toPageRects }
  from '../lib/document/geometry.js';
import { clientToDocument, documentToClient } from '../lib/annotate/geometry.js';

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

// an A4 page at zoom 1 is 595 × 842 units (PDF points); drawings are stored in those units
const A4 = { width: 595, height: 842 };

test('a point drawn on a page is stored in the unscaled page units, the same at any zoom and position', () => {
  // the advisor's page at zoom 1.25, its box 40 px from the left and scrolled 300 px up
  const advisor = pageView({ left: 40, top: -300, width: 595 * 1.25 }, A4);
  assert.equal(advisor.scale, 1.25);
  const p = clientToDocument({ x: 40 + 0.25 * 595 * 1.25, y: -300 + 0.6 * 842 * 1.25 }, advisor);
  assert.deepEqual(pageFraction(p, A4), { x: 0.25, y: 0.6 });
  // the customer shows the same page at zoom 0.75 in a narrower window: same fraction of their page box
  const customer = pageView({ left: 8, top: 120, width: 595 * 0.75 }, A4);
  const there = documentToClient(p, customer);
  assert.ok(Math.abs((there.x - 8) / (595 * 0.75) - 0.25) < 1e-9);
  assert.ok(Math.abs((there.y - 120) / (842 * 0.75) - 0.6) < 1e-9);
  // and after the customer zooms in to 2, still the same spot of the page
  const zoomed = documentToClient(p, pageView({ left: -200, top: 50, width: 595 * 2 }, A4));
  assert.ok(Math.abs((zoomed.x + 200) / (595 * 2) - 0.25) < 1e-9);
  assert.ok(Math.abs((zoomed.y - 50) / (842 * 2) - 0.6) < 1e-9);
});

test('the page view bounds pointing to the page and measures the scale from the box, not the zoom', () => {
  const shrunk = pageView({ left: 0, top: 0, width: 300 }, A4); // CSS narrowed a page rendered at zoom 1
  assert.equal(shrunk.scale, 300 / 595);
  assert.deepEqual([shrunk.width, shrunk.height, shrunk.scrollX, shrunk.scrollY], [595, 842, 0, 0]);
  assert.equal(pageView({ left: 0, top: 0, width: 0 }, A4).scale, 1); // not laid out yet
});

test('each document page has its own annotation page key, apart from any URL', () => {
  assert.equal(pageKey('1b9d', 2), 'doc:1b9d:2');
  assert.notEqual(pageKey('1b9d', 2), pageKey('1b9d', 3));
});

test('a page is fitted to its box\'s width, never beyond it, and enlarged within a bound', () => {
  const a4 = 595.28;
  // a phone's box (358 px): the page takes the box's width, to within a pixel, and never more
  const phone = fitScale(a4, 358);
  assert.ok(a4 * phone <= 358 && a4 * phone > 357, `${a4 * phone}`);
  // fractional room: the whole pixels of it
  assert.ok(a4 * fitScale(a4, 358.9) <= 358);
  // turned on its side (an 812 px box): enlarged to fill it
  const side = fitScale(a4, 812);
  assert.ok(a4 * side <= 812 && a4 * side > 811, `${a4 * side}`);
  // a desktop's wide box: enlarged at most MAX_FIT times
  assert.equal(fitScale(a4, 1800), MAX_FIT);
  // a box not laid out yet (0 px) or no page: its own size
  assert.equal(fitScale(a4, 0), 1);
  assert.equal(fitScale(0, 358), 1);
});

test('a page is drawn at the screen\'s pixel ratio, within a bounded canvas', () => {
  assert.equal(backingRatio(3, 358, 506), 3);
  assert.equal(backingRatio(1, 595, 842), 1);
  assert.equal(backingRatio(undefined, 595, 842), 1);
  // a phone at zoom 5: lowered just enough to stay within the bound
  const ratio = backingRatio(3, 1790, 2530);
  assert.ok(ratio < 3 && ratio > 1);
  assert.ok(Math.floor(1790 * ratio) * Math.floor(2530 * ratio) <= MAX_CANVAS_PIXELS);
  assert.ok(1790 * ratio * 2530 * ratio > MAX_CANVAS_PIXELS * 0.99);
});
