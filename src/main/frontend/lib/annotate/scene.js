// The model drawn as a small element tree ({tag, attrs, text, children}), so what is shown can be tested without a
// browser; the DOM is built from it with setAttribute and textContent only, never markup, so a note or a name that
// looks like HTML stays text.

import {
  anchorShift, arrowPath, ellipseFrom, normalizeView, num, rectFrom, resolveAnchor, smoothPath, strokePath,
} from './geometry.js';
import { LASER_MS, RIPPLE_MS } from './model.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, sans-serif';
const NOTE_SIZE = 16;
const LABEL_CHARS = 40;
const LASER_STEPS = 8;

const el = (tag, attrs, children = [], text) => ({ tag, attrs, children, text });

function shape(a) {
  const first = a.points[0];
  const last = a.points[a.points.length - 1];
  const stroke = { fill: 'none', stroke: a.color, 'stroke-width': num(a.width), 'stroke-linecap': 'round',
    'stroke-linejoin': 'round' };
  const highlight = { fill: a.color, 'fill-opacity': '0.12', stroke: a.color, 'stroke-width': num(a.width) };
  switch (a.tool) {
    case 'pen':
      return [el('path', { d: strokePath(a.points), ...stroke })];
    case 'arrow':
      const d = a.points.length > 1 ? arrowPath(first, last, a.width) : smoothPath([first]);
      return [el('path', { d, ...stroke })];
    case 'rect': {
      const r = rectFrom(first, last);
      return [el('rect', { x: num(r.x), y: num(r.y), width: num(r.width), height: num(r.height), rx: '4',
        ...highlight })];
    }
    case 'ellipse': {
      const e = ellipseFrom(first, last);
      return [el('ellipse', { cx: num(e.cx), cy: num(e.cy), rx: num(e.rx), ry: num(e.ry), ...highlight })];
    }
    case 'text': {
      if (!a.text) return [];
      const attrs = { x: num(first[0]), y: num(first[1] + NOTE_SIZE), 'font-size': String(NOTE_SIZE),
        'font-family': FONT, fill: a.color, stroke: '#fff', 'stroke-width': '4', 'stroke-linejoin': 'round',
        'paint-order': 'stroke' };
      const lines = a.text.split('\n');
      if (lines.length === 1) return [el('text', attrs, [], a.text)];
      return [el('text', attrs, lines.map((line, i) => el('tspan', { x: attrs.x, dy: i ? '1.25em' : '0' }, [], line)))];
    }
    default:
      return [];
  }
}

const built = new WeakMap(); // annotation → {sig, children}: paths are recomputed only when points change

function annotationNode(a, rectOf, sx, sy) {
  const sig = `${a.points.length}|${a.done}|${a.text}`;
  let cached = built.get(a);
  if (!cached || cached.sig !== sig) {
    cached = { sig, children: a.points.length ? shape(a) : [] };
    built.set(a, cached);
  }
  const { dx, dy } = anchorShift(a.anchor, rectOf);
  const attrs = { transform: `translate(${num(dx - sx)} ${num(dy - sy)})`, 'data-id': a.id, 'data-author': a.author };
  // finished by its author: every point is here (while drawing, and while its last points travel, it is not)
  if (a.done) attrs['data-done'] = '';
  return { ...el('g', attrs, cached.children), key: 'a:' + a.id, sig };
}

function spotlightNode(spot, rectOf, v) {
  const rect = rectOf ? rectOf(spot.node) : null;
  if (!rect) return null;
  const pad = 6;
  const w = v.width > 0 ? v.width : 1e5;
  const h = v.height > 0 ? v.height : 1e5;
  const x = rect.x - v.scrollX - pad;
  const y = rect.y - v.scrollY - pad;
  const d = `M-10 -10H${num(w + 10)}V${num(h + 10)}H-10Z`
    + `M${num(x)} ${num(y)}h${num(rect.width + 2 * pad)}v${num(rect.height + 2 * pad)}h${num(-rect.width - 2 * pad)}Z`;
  const attrs = { d, 'fill-rule': 'evenodd', fill: 'rgb(15 23 42 / 55%)', 'data-spotlight': String(spot.node) };
  return { ...el('path', attrs), key: 'spot' };
}

function laserNode(author, trail, color, now, sx, sy) {
  const runs = [];
  let run = null;
  for (let i = 0; i < trail.length; i++) {
    const [x, y, t] = trail[i];
    const step = Math.min(LASER_STEPS - 1, Math.floor(((now - t) / LASER_MS) * LASER_STEPS));
    const point = `${num(x - sx)},${num(y - sy)}`;
    if (!run || run.step !== step) {
      const previous = run ? run.points[run.points.length - 1] : null;
      run = { step, points: previous ? [previous] : [] };
      runs.push(run);
    }
    run.points.push(point);
  }
  const children = runs.map((r) => el('polyline', { points: r.points.join(' '), fill: 'none', stroke: color,
    'stroke-width': '4', 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
    opacity: num(Math.max(0, 1 - (r.step + 0.5) / LASER_STEPS)) }));
  return { ...el('g', { 'data-laser': author }, children), key: 'l:' + author };
}

function rippleNode(r, color, now, k, sx, sy) {
  const t = Math.min(1, Math.max(0, (now - r.at) / RIPPLE_MS));
  return { ...el('circle', { cx: num(r.x - sx), cy: num(r.y - sy), r: num((6 + 26 * t) * k), fill: 'none',
    stroke: color, 'stroke-width': num(3 * k), opacity: num(1 - t) }), key: `r:${r.author}:${r.at}` };
}

function pointerNode(person, at, k, sx, sy) {
  const name = person.name.length > LABEL_CHARS ? person.name.slice(0, LABEL_CHARS - 1) + '…' : person.name;
  const children = [el('circle', { r: '6', fill: person.color, stroke: '#fff', 'stroke-width': '2' })];
  if (name) {
    children.push(el('rect', { x: '10', y: '8', rx: '6', height: '18', width: String(name.length * 7 + 12),
      fill: person.color }));
    children.push(el('text', { x: '16', y: '21', 'font-size': '12', 'font-family': FONT, fill: '#fff' }, [], name));
  }
  return { ...el('g', { transform: `translate(${num(at.x - sx)} ${num(at.y - sy)}) scale(${num(k)})`,
    'data-pointer': person.id }, children), key: 'p:' + person.id, sig: name + '|' + person.color };
}

/**
 * The overlay's content for the current view: top-level nodes with a `key` (and a `sig` when their children only
 * change with it), in the overlay's own coordinates (the shared page's viewport, unscaled).
 * @param {import('./model.js').AnnotationModel} model
 * @param {object} context  {view, rectOf(node), page, now}
 */
export function buildScene(model, { view, rectOf, page = null, now = model.now() } = {}) {
  const v = normalizeView(view);
  const k = 1 / v.scale; // pointers and ripples keep their size on a shrunk mirror
  const sx = v.scrollX;
  const sy = v.scrollY;
  const nodes = [];
  const spot = model.activeSpotlight();
  const spotNode = spot && spotlightNode(spot, rectOf, v);
  if (spotNode) nodes.push(spotNode);
  for (const a of model.annotations.values()) {
    if (page !== null && a.page !== null && a.page !== page) continue;
    nodes.push(annotationNode(a, rectOf, sx, sy));
  }
  for (const [author, trail] of model.lasers) {
    nodes.push(laserNode(author, trail, model.person(author).color, now, sx, sy));
  }
  for (const r of model.ripples) nodes.push(rippleNode(r, model.person(r.author).color, now, k, sx, sy));
  for (const [author, p] of model.pointers) {
    if (author === model.me?.id) continue;
    if (page !== null && p.page != null && p.page !== page) continue; // pointing at another page
    const at = p.anchor ? resolveAnchor(p.anchor, rectOf) : p;
    nodes.push(pointerNode(model.person(author), at, k, sx, sy));
  }
  return nodes;
}

const escapeXml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tree as SVG markup, every value escaped (tests, debugging, a recording's still image). */
export function toSvgString(nodes) {
  return (Array.isArray(nodes) ? nodes : [nodes]).map((n) => {
    const attrs = Object.entries(n.attrs || {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
    const inner = n.text != null ? escapeXml(n.text) : toSvgString(n.children || []);
    return `<${n.tag}${attrs}>${inner}</${n.tag}>`;
  }).join('');
}

/** Builds DOM elements for a node: attributes by setAttribute, text by textContent. */
export function toDom(node, doc) {
  const element = doc.createElementNS(SVG_NS, node.tag);
  for (const [k, v] of Object.entries(node.attrs || {})) element.setAttribute(k, v);
  if (node.text != null) element.textContent = node.text;
  for (const child of node.children || []) element.appendChild(toDom(child, doc));
  return element;
}

/**
 * Brings `parent`'s children in line with the nodes, reusing elements by key: attributes are updated in place and
 * children rebuilt only when a node's `sig` changed (or it has none).
 * @param {Map} cache  key → {el, tag, attrs, sig}; keep one per parent between calls
 */
export function patch(parent, nodes, doc, cache) {
  const seen = new Set();
  nodes.forEach((node, index) => {
    seen.add(node.key);
    let entry = cache.get(node.key);
    if (!entry || entry.tag !== node.tag) {
      if (entry) entry.el.remove();
      entry = { el: toDom(node, doc), tag: node.tag, attrs: { ...node.attrs }, sig: node.sig };
      cache.set(node.key, entry);
    } else {
      for (const [k, v] of Object.entries(node.attrs)) if (entry.attrs[k] !== v) entry.el.setAttribute(k, v);
      for (const k of Object.keys(entry.attrs)) if (!(k in node.attrs)) entry.el.removeAttribute(k);
      entry.attrs = { ...node.attrs };
      if (node.sig === undefined || node.sig !== entry.sig) {
        while (entry.el.firstChild) entry.el.removeChild(entry.el.firstChild);
        if (node.text != null) entry.el.textContent = node.text;
        for (const child of node.children || []) entry.el.appendChild(toDom(child, doc));
        entry.sig = node.sig;
      }
    }
    const current = parent.childNodes[index];
    if (current !== entry.el) parent.insertBefore(entry.el, current || null);
  });
  for (const [key, entry] of cache) {
    if (!seen.has(key)) {
      entry.el.remove();
      cache.delete(key);
    }
  }
}
