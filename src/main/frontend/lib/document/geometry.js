// Page coordinates of the shared document viewer: highlights and views are stored as fractions of the page, so they
// sit on the same text at any zoom and on any screen. Pure functions, unit-tested with node --test.

/** Client rectangles (e.g. a text selection's) as [x, y, w, h] fractions of the page box, clipped to it. */
export function toPageRects(clientRects, pageBox) {
  const out = [];
  for (const r of clientRects) {
    const x0 = Math.max(r.left, pageBox.left);
    const y0 = Math.max(r.top, pageBox.top);
    const x1 = Math.min(r.right ?? r.left + r.width, pageBox.left + pageBox.width);
    const y1 = Math.min(r.bottom ?? r.top + r.height, pageBox.top + pageBox.height);
    if (x1 - x0 < 0.5 || y1 - y0 < 0.5) continue;
    out.push([x0 - pageBox.left, y0 - pageBox.top, x1 - x0, y1 - y0].map((v, i) =>
      round(v / (i % 2 === 0 ? pageBox.width : pageBox.height))));
  }
  return out.slice(0, 200);
}

/** A view as sent in doc.view: page from 1, scroll a fraction 0..1, zoom within bounds. */
export function normaliseView(view, pages) {
  const page = Math.min(Math.max(1, Math.round(Number(view.page) || 1)), Math.max(1, pages || 1));
  const scroll = Math.min(Math.max(0, Number(view.scroll) || 0), 1);
  const zoom = Math.min(Math.max(0.25, Number(view.zoom) || 1), 5);
  return { page, scroll: round(scroll), zoom: round(zoom) };
}

/** The scroll fraction of a scroll container, and back. */
export function scrollFraction(el) {
  const range = el.scrollHeight - el.clientHeight;
  return range > 0 ? el.scrollTop / range : 0;
}

export function scrollTopFor(el, fraction) {
  return Math.max(0, el.scrollHeight - el.clientHeight) * fraction;
}

function round(v) {
  return Math.round(v * 10000) / 10000;
}
