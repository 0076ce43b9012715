import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  anchorAt, anchorShift, arrowHead, arrowPath, chaikin, clientToDocument, documentToClient, documentToViewport,
  ellipseFrom, insideView, rectFrom, rectToDocument, resolveAnchor, simplify, smoothPath, strokePath,
  viewportToDocument,
} from '../lib/annotate/geometry.js';

const close = (actual, expected, epsilon = 1e-9) => assert.ok(Math.abs(actual - expected) <= epsilon,
  `${actual} ≉ ${expected}`);

test('client and document coordinates round-trip under scale, scroll and panel offset', () => {
  const views = [
    { scale: 1, scrollX: 0, scrollY: 0, offsetLeft: 0, offsetTop: 0 },
    { scale: 0.5, scrollX: 0, scrollY: 1200, offsetLeft: 0, offsetTop: 0 },
    { scale: 0.37, scrollX: 40, scrollY: 2500, offsetLeft: 312, offsetTop: 96 },
    { scale: 1.25, scrollX: 7, scrollY: 3, offsetLeft: -20, offsetTop: 15 },
  ];
  for (const view of views) {
    for (const client of [{ x: 0, y: 0 }, { x: 500, y: 300 }, { x: 1919, y: 1079 }]) {
      const doc = clientToDocument(client, view);
      const back = documentToClient(doc, view);
      close(back.x, client.x);
      close(back.y, client.y);
    }
  }
});

test('a click on a half-size mirror maps to the document point under it', () => {
  // the mirror's stage starts at (300, 100) in the console, is shown at 50 %, and the page is scrolled by 1000
  const view = { scale: 0.5, scrollX: 0, scrollY: 1000, offsetLeft: 300, offsetTop: 100 };
  assert.deepEqual(clientToDocument({ x: 350, y: 150 }, view), { x: 100, y: 1100 });
  assert.deepEqual(documentToClient({ x: 100, y: 1100 }, view), { x: 350, y: 150 });
});

test('a view without scale, scroll or offset is the identity', () => {
  assert.deepEqual(clientToDocument({ x: 12, y: 34 }, {}), { x: 12, y: 34 });
  assert.deepEqual(clientToDocument({ x: 12, y: 34 }, { scale: 0 }), { x: 12, y: 34 });
});

test('viewport and document coordinates differ by the scroll', () => {
  const scroll = { x: 10, y: 500 };
  assert.deepEqual(viewportToDocument({ x: 1, y: 2 }, scroll), { x: 11, y: 502 });
  assert.deepEqual(documentToViewport({ x: 11, y: 502 }, scroll), { x: 1, y: 2 });
  assert.deepEqual(rectToDocument({ left: 5, top: 6, width: 7, height: 8 }, scroll), { x: 15, y: 506, width: 7,
    height: 8 });
});

test('only points in the visible part of a sized view are inside it', () => {
  const view = { scrollX: 0, scrollY: 100, width: 800, height: 600 };
  assert.equal(insideView({ x: 10, y: 150 }, view), true);
  assert.equal(insideView({ x: 10, y: 50 }, view), false);
  assert.equal(insideView({ x: 900, y: 150 }, view), false);
  assert.equal(insideView({ x: 5000, y: 5000 }, {}), true);
});

test('an anchor records the point as fractions of the element box', () => {
  const anchor = anchorAt({ x: 150, y: 230 }, 42, { x: 100, y: 200, width: 200, height: 60 });
  assert.deepEqual(anchor, { node: 42, fx: 0.25, fy: 0.5, x: 150, y: 230 });
});

test('an anchor follows its element when it moves and when it is resized', () => {
  const anchor = anchorAt({ x: 150, y: 230 }, 42, { x: 100, y: 200, width: 200, height: 60 });
  let rect = { x: 100, y: 200, width: 200, height: 60 };
  const rectOf = (id) => (id === 42 ? rect : null);
  assert.deepEqual(resolveAnchor(anchor, rectOf), { x: 150, y: 230 });
  assert.deepEqual(anchorShift(anchor, rectOf), { dx: 0, dy: 0 });

  rect = { x: 100, y: 520, width: 200, height: 60 }; // content inserted above it
  assert.deepEqual(resolveAnchor(anchor, rectOf), { x: 150, y: 550 });
  assert.deepEqual(anchorShift(anchor, rectOf), { dx: 0, dy: 320 });

  rect = { x: 40, y: 200, width: 400, height: 120 }; // reflowed wider and taller
  assert.deepEqual(resolveAnchor(anchor, rectOf), { x: 140, y: 260 });
});

test('an anchor whose element is gone falls back to its document point', () => {
  const anchor = anchorAt({ x: 150, y: 230 }, 42, { x: 100, y: 200, width: 200, height: 60 });
  assert.deepEqual(resolveAnchor(anchor, () => null), { x: 150, y: 230 });
  assert.deepEqual(anchorShift(anchor, () => null), { dx: 0, dy: 0 });
  const loose = anchorAt({ x: 5, y: 6 }, null, null);
  assert.deepEqual(loose, { node: null, fx: 0, fy: 0, x: 5, y: 6 });
  assert.deepEqual(resolveAnchor(loose, () => ({ x: 0, y: 0, width: 1, height: 1 })), { x: 5, y: 6 });
});

test('fractions stay within 0..1 and survive an empty box', () => {
  const a = anchorAt({ x: 500, y: -5 }, 1, { x: 0, y: 0, width: 100, height: 100 });
  assert.equal(a.fx, 1);
  assert.equal(a.fy, 0);
  const b = anchorAt({ x: 5, y: 5 }, 1, { x: 5, y: 5, width: 0, height: 0 });
  assert.deepEqual([b.fx, b.fy], [0, 0]);
});

/** A wobbly line: 200 points along a sine with sub-pixel jitter. */
function wobble() {
  const points = [];
  for (let i = 0; i < 200; i++) points.push([i * 2, 50 + Math.sin(i / 20) * 30 + (i % 2 ? 0.2 : -0.2)]);
  return points;
}

function distanceToPolyline(p, line) {
  let best = Infinity;
  for (let i = 0; i < line.length - 1; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(ax + t * dx - p[0], ay + t * dy - p[1]));
  }
  return best;
}

test('simplification keeps both endpoints and every dropped point within the tolerance', () => {
  const points = wobble();
  for (const tolerance of [0.5, 1, 3]) {
    const simple = simplify(points, tolerance);
    assert.deepEqual(simple[0], points[0]);
    assert.deepEqual(simple[simple.length - 1], points[points.length - 1]);
    assert.ok(simple.length < points.length / 3, `${simple.length} points at ${tolerance} px`);
    for (const p of points) assert.ok(distanceToPolyline(p, simple) <= tolerance + 1e-9);
  }
});

test('a straight line simplifies to its endpoints; short and closed strokes survive', () => {
  const line = Array.from({ length: 50 }, (_, i) => [i, i * 2]);
  assert.deepEqual(simplify(line, 1), [[0, 0], [49, 98]]);
  assert.deepEqual(simplify([[1, 1]], 1), [[1, 1]]);
  assert.deepEqual(simplify([[1, 1], [2, 2]], 1), [[1, 1], [2, 2]]);
  const loop = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  assert.equal(simplify(loop, 1).length, 5);
});

test('Chaikin smoothing keeps the endpoints and cuts the corners', () => {
  const smooth = chaikin([[0, 0], [10, 0], [10, 10]], 2);
  assert.deepEqual(smooth[0], [0, 0]);
  assert.deepEqual(smooth[smooth.length - 1], [10, 10]);
  assert.ok(!smooth.some(([x, y]) => x === 10 && y === 0), 'the corner is cut');
});

test('a smoothed path starts and ends exactly at the stroke ends', () => {
  assert.equal(smoothPath([]), '');
  assert.equal(smoothPath([[1, 2]]), 'M1 2h0.01');
  assert.equal(smoothPath([[1, 2], [3, 4]]), 'M1 2L3 4');
  assert.equal(smoothPath([[0, 0], [10, 0], [10, 10]]), 'M0 0Q10 0 10 5L10 10');
  const d = strokePath(wobble(), 1);
  assert.match(d, /^M0 49\.8/);
  assert.match(d, /L398 /);
  assert.ok(!/e[+-]?\d|NaN/.test(d));
});

test('arrow heads point back from the tip, symmetric around the shaft', () => {
  const [left, tip, right] = arrowHead([0, 0], [100, 0], 10);
  assert.deepEqual(tip, [100, 0]);
  close(left[0], right[0]);
  close(left[1], -right[1]);
  assert.ok(left[0] < 100);
  close(Math.hypot(left[0] - 100, left[1]), 10);
  assert.match(arrowPath([0, 0], [100, 0], 3), /^M0 0L100 0M[\d.]+ -?[\d.]+L100 0L/);
});

test('rectangles and ellipses from two corners, whichever way they were dragged', () => {
  assert.deepEqual(rectFrom([50, 80], [10, 20]), { x: 10, y: 20, width: 40, height: 60 });
  assert.deepEqual(ellipseFrom([10, 20], [50, 80]), { cx: 30, cy: 50, rx: 20, ry: 30 });
});
