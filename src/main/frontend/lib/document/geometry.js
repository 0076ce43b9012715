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

/**
 * The annotation layer's view of a rendered PDF page (see lib/annotate/geometry.js): drawings and pointers on a
 * document are in the page's own unscaled units (PDF points at zoom 1, origin top-left), so the page's client box
 * and its unscaled size are all it takes; the scale is measured rather than taken from the zoom, so CSS that shrinks
 * the page cannot shift a drawing.
 * @param {{left: number, top: number, width: number}} box  the page's client rectangle
 * @param {{width: number, height: number}} size            the page at zoom 1
 */
export function pageView(box, size) {
  const scale = size.width > 0 && box.width > 0 ? box.width / size.width : 1;
  return { scale, scrollX: 0, scrollY: 0, offsetLeft: box.left, offsetTop: box.top, width: size.width,
    height: size.height };
}

/** A point in page units as fractions 0..1 of the page (what both sides agree on whatever their zoom). */
export function pageFraction(point, size) {
  return { x: point.x / size.width, y: point.y / size.height };
}

/** The `page` of annotations and pointers on page `n` of a document version, apart from every web page's URL. */
export function pageKey(versionId, n) {
  return `doc:${versionId}:${n}`;
}

function round(v) {
  return Math.round(v * 10000) / 10000;
}

/** How far a page is enlarged to fill a wide box (a phone on its side: 812 px for 595, 1.36; a tablet's or a desktop's is larger). */
export const MAX_FIT = 1.5;

/**
 * The scale that fits a page `width` (PDF points) to `room` CSS px (the scroll box's inner width): a little under
 * room / width, so the drawn page (width × scale, in CSS px) fills the box's whole pixels and never scrolls sideways;
 * enlarged at most MAX_FIT times; 1 while there is no box or page to measure.
 */
export function fitScale(width, room) {
  if (!(width > 0) || !(room > 0)) return 1;
  return Math.min(MAX_FIT, Math.floor((Math.floor(room) / width) * 10000) / 10000);
}

/** The most pixels a page's canvas holds (4096²): a phone's ratio of 3 at a high zoom would take hundreds of MB. */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

/**
 * How many canvas pixels per CSS px a page of `width` × `height` CSS px is drawn with: the screen's device pixel ratio
 * (crisp on a phone's dense screen), lowered only as far as keeps the canvas within MAX_CANVAS_PIXELS.
 */
export function backingRatio(devicePixelRatio, width, height) {
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const area = width * height * ratio * ratio;
  return area > MAX_CANVAS_PIXELS ? Math.sqrt(MAX_CANVAS_PIXELS / (width * height)) : ratio;
}
