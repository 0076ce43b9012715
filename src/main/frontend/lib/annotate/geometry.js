// Pure geometry for annotations: both sides agree only on document coordinates and rrweb node ids, so everything a
// pointer or pen produces is mapped into those, and back out through the (possibly scaled and scrolled) view.
//
// Conventions: mapping functions take and return {x, y} objects (like the DOM); stroke points are [x, y] arrays
// (the wire format). A view is {scale, scrollX, scrollY, offsetLeft, offsetTop}: the client position of the shared
// viewport's top-left corner, its CSS scale (the mirror is shrunk to fit its panel), and the document's scroll.

/** A view with every field defined (scale 1, no scroll, no offset by default). */
export function normalizeView(view = {}) {
  const scale = view.scale > 0 && Number.isFinite(view.scale) ? view.scale : 1;
  return {
    scale,
    scrollX: view.scrollX || 0,
    scrollY: view.scrollY || 0,
    offsetLeft: view.offsetLeft || 0,
    offsetTop: view.offsetTop || 0,
    width: view.width,
    height: view.height,
  };
}

/** Client (browser window) coordinates of a pointer → document coordinates of the shared page. */
export function clientToDocument(client, view) {
  const v = normalizeView(view);
  return { x: (client.x - v.offsetLeft) / v.scale + v.scrollX, y: (client.y - v.offsetTop) / v.scale + v.scrollY };
}

/** Document coordinates → client coordinates in the window showing the page (or its mirror). */
export function documentToClient(point, view) {
  const v = normalizeView(view);
  return { x: (point.x - v.scrollX) * v.scale + v.offsetLeft, y: (point.y - v.scrollY) * v.scale + v.offsetTop };
}

/** Document coordinates → the shared page's own viewport (unscaled), which is where the overlay draws. */
export function documentToViewport(point, scroll) {
  return { x: point.x - (scroll.x || 0), y: point.y - (scroll.y || 0) };
}

export function viewportToDocument(point, scroll) {
  return { x: point.x + (scroll.x || 0), y: point.y + (scroll.y || 0) };
}

/** A DOMRect-like in viewport coordinates (getBoundingClientRect) → {x, y, width, height} in document coordinates. */
export function rectToDocument(rect, scroll) {
  const left = rect.left ?? rect.x;
  const top = rect.top ?? rect.y;
  return { x: left + (scroll.x || 0), y: top + (scroll.y || 0), width: rect.width, height: rect.height };
}

/** Whether a document point is inside the visible part of the view (always true when the view has no size). */
export function insideView(point, view) {
  const v = normalizeView(view);
  if (!(v.width > 0 && v.height > 0)) return true;
  return point.x >= v.scrollX && point.y >= v.scrollY && point.x <= v.scrollX + v.width
    && point.y <= v.scrollY + v.height;
}

const clamp01 = (n) => (n < 0 ? 0 : n > 1 ? 1 : n);

/**
 * The anchor of a document point: its place inside an element as fractions of the element's box (so it follows the
 * element when it moves or is resized), and the point itself for when the element is gone.
 * @param {{x:number,y:number}} point  document coordinates
 * @param {number|string|null} node    the element's rrweb id, or null
 * @param {{x:number,y:number,width:number,height:number}|null} rect  the element's box in document coordinates
 */
export function anchorAt(point, node, rect) {
  const x = point.x;
  const y = point.y;
  if (node == null || !rect) return { node: null, fx: 0, fy: 0, x, y };
  const fx = rect.width > 0 ? clamp01((x - rect.x) / rect.width) : 0;
  const fy = rect.height > 0 ? clamp01((y - rect.y) / rect.height) : 0;
  return { node, fx, fy, x, y };
}

/** Where an anchor is now, in document coordinates; rectOf(node) gives the element's current box or null. */
export function resolveAnchor(anchor, rectOf) {
  if (!anchor) return { x: 0, y: 0 };
  const rect = anchor.node != null && rectOf ? rectOf(anchor.node) : null;
  if (!rect) return { x: anchor.x, y: anchor.y };
  return { x: rect.x + anchor.fx * rect.width, y: rect.y + anchor.fy * rect.height };
}

/** How far an anchored drawing has moved since it was drawn: add it to every point recorded then. */
export function anchorShift(anchor, rectOf) {
  if (!anchor) return { dx: 0, dy: 0 };
  const now = resolveAnchor(anchor, rectOf);
  return { dx: now.x - anchor.x, dy: now.y - anchor.y };
}

function segmentDistance2(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  let t = length2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

/** Ramer–Douglas–Peucker: drops points closer than `tolerance` px to the simplified line; keeps both endpoints. */
export function simplify(points, tolerance = 1) {
  const n = points.length;
  if (n <= 2 || !(tolerance > 0)) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const limit = tolerance * tolerance;
  const stack = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let worst = 0;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(points[i], points[a], points[b]);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (worst > limit) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Chaikin corner cutting: each pass replaces corners by two points at 1/4 and 3/4; endpoints stay. */
export function chaikin(points, iterations = 1) {
  let current = points;
  for (let k = 0; k < iterations && current.length > 2; k++) {
    const next = [current[0]];
    for (let i = 0; i < current.length - 1; i++) {
      const [x0, y0] = current[i];
      const [x1, y1] = current[i + 1];
      next.push([0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1], [0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1]);
    }
    next.push(current[current.length - 1]);
    current = next;
  }
  return current;
}

/** A number as SVG path text: two decimals at most, no exponent for the coordinates we allow. */
export function num(n) {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

const pt = (p) => num(p[0]) + ' ' + num(p[1]);

/** A smooth path through the points: quadratic curves between midpoints, exact at both ends. */
export function smoothPath(points) {
  const n = points.length;
  if (!n) return '';
  if (n === 1) return `M${pt(points[0])}h0.01`; // a dot: round caps draw it
  if (n === 2) return `M${pt(points[0])}L${pt(points[1])}`;
  let d = `M${pt(points[0])}`;
  for (let i = 1; i < n - 1; i++) {
    const mid = [(points[i][0] + points[i + 1][0]) / 2, (points[i][1] + points[i + 1][1]) / 2];
    d += `Q${pt(points[i])} ${pt(mid)}`;
  }
  return d + `L${pt(points[n - 1])}`;
}

/** The path of a freehand stroke: simplified within `tolerance` px, then smoothed. */
export function strokePath(points, tolerance = 1) {
  return smoothPath(simplify(points, tolerance));
}

/** The two barbs and the tip of an arrow pointing from `from` to `to`: [left, tip, right]. */
export function arrowHead(from, to, size = 12, spread = Math.PI / 7) {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const barb = (a) => [to[0] - size * Math.cos(a), to[1] - size * Math.sin(a)];
  return [barb(angle - spread), [to[0], to[1]], barb(angle + spread)];
}

/** Shaft and head of an arrow as one path; the head grows with the line width. */
export function arrowPath(from, to, width = 3) {
  const [left, tip, right] = arrowHead(from, to, Math.max(10, width * 4));
  return `M${pt(from)}L${pt(to)}M${pt(left)}L${pt(tip)}L${pt(right)}`;
}

/** The rectangle spanned by two corners, whichever way it was dragged. */
export function rectFrom(a, b) {
  return { x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(b[0] - a[0]),
    height: Math.abs(b[1] - a[1]) };
}

/** The ellipse inscribed in the rectangle spanned by two corners. */
export function ellipseFrom(a, b) {
  const r = rectFrom(a, b);
  return { cx: r.x + r.width / 2, cy: r.y + r.height / 2, rx: r.width / 2, ry: r.height / 2 };
}

export function distance(a, b) {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}
