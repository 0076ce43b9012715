// The annotation state as plain data, changed only by wire messages, so every participant who applies the same
// messages sees the same picture. Payloads come from the other side unparsed by the relay: everything is checked,
// bounded, and user text is stored as-is for the renderer to show as text.

import { advisorColours } from '../people.js';

/** How each message should travel: annotations are ordered and never dropped; pointer traffic may be coalesced. */
export const DELIVERY = Object.freeze({
  'ann.begin': 'reliable',
  'ann.points': 'reliable',
  'ann.end': 'reliable',
  'ann.undo': 'reliable',
  'ann.clear': 'reliable',
  'ann.clear-all': 'reliable',
  'ann.keep': 'reliable',
  'ptr.move': 'latest',
  'ptr.click': 'latest',
  'ptr.laser': 'latest',
  'ptr.spotlight': 'latest',
});

/** The layer's send(type, payload) over a relay connection: reliable types numbered and kept, the rest latest-wins. */
export function sendOver(connection) {
  return (type, payload) => (DELIVERY[type] === 'reliable'
    ? connection.sendReliable(type, JSON.stringify(payload))
    : connection.sendLatest(type, JSON.stringify(payload)));
}

export const TOOLS = Object.freeze(['pen', 'arrow', 'rect', 'ellipse', 'text']);
export const LASER_MS = 2000;
export const RIPPLE_MS = 700;

export const LIMITS = Object.freeze({
  annotations: 500, // the oldest goes first
  pointsPerStroke: 5000,
  pointsPerMessage: 2000,
  text: 500,
  name: 60,
  id: 100,
  laserPoints: 240,
  ripples: 16,
  coordinate: 1e6,
});

const COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d'];
const ROLE_COLORS = { advisor: '#1f5fbf', customer: '#d9480f' };

/** A stable colour for a participant: the role's colour, else one picked from the id. */
export function colorFor(id, role) {
  if (ROLE_COLORS[role]) return ROLE_COLORS[role];
  let hash = 0;
  for (const c of String(id)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

export const safeColor = (value, fallback) => (typeof value === 'string' && COLOR.test(value) ? value : fallback);

const coordinate = (n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate;
const nodeId = (n) => Number.isSafeInteger(n) && n > 0; // rrweb ids

function cleanPoint(p) {
  return Array.isArray(p) && coordinate(p[0]) && coordinate(p[1]) ? [p[0], p[1]] : null;
}

function cleanAnchor(a, fallback) {
  if (!a || typeof a !== 'object') return { node: null, fx: 0, fy: 0, ...fallback };
  const fraction = (f) => (typeof f === 'number' && f >= 0 && f <= 1 ? f : 0);
  const x = coordinate(a.x) ? a.x : fallback.x;
  const y = coordinate(a.y) ? a.y : fallback.y;
  return { node: nodeId(a.node) ? a.node : null, fx: fraction(a.fx), fy: fraction(a.fy), x, y };
}

const text = (value, max) => (typeof value === 'string' ? value.slice(0, max) : '');

export class AnnotationModel {
  /**
   * @param {object} options
   * @param {{id: string, name?: string, color?: string, role?: string}} options.me
   * @param {() => number} [options.now]  a monotonic clock in ms (laser fading, ripples)
   */
  constructor({ me, now = () => Date.now() } = {}) {
    this.me = me;
    this.now = now;
    this.people = new Map();
    this.annotations = new Map(); // id → annotation, oldest first
    this.pointers = new Map(); // author → {x, y, anchor, page}
    this.lasers = new Map(); // author → [[x, y, localTime]]
    this.ripples = []; // {author, x, y, at}
    this.spotlights = new Map(); // author → {node, at}
    this.keep = false; // annotations persist per page (the advisor's choice); else they vanish on navigation
    if (me) this.setParticipants([me], { presence: false });
  }

  /**
   * Names, roles and colours of participants (sys.presence); those who left lose their pointer. Advisors get their
   * colour from the whole list (people.js advisorColours: the same in every browser), and keep it once given.
   * `presence: false`: a partial list (ourselves before presence came), whose colours are provisional.
   */
  setParticipants(list, { presence = true } = {}) {
    const ranked = presence ? advisorColours(list) : new Map();
    for (const p of list || []) {
      if (!p || typeof p.id !== 'string') continue;
      const known = this.people.get(p.id) || {};
      const role = typeof p.role === 'string' ? p.role : known.role || '';
      const given = safeColor(p.color, null);
      const color = given || (known.fixed ? known.color : ranked.get(p.id)) || known.color || colorFor(p.id, role);
      this.people.set(p.id, {
        id: p.id,
        name: text(p.name ?? known.name, LIMITS.name),
        role,
        color,
        fixed: Boolean(given || known.fixed || ranked.has(p.id)),
      });
      if (p.state === 'left') this.forgetPointer(p.id);
    }
  }

  person(id) {
    return this.people.get(id) || { id, name: '', role: '', color: colorFor(id) };
  }

  forgetPointer(id) {
    this.pointers.delete(id);
    this.lasers.delete(id);
    this.spotlights.delete(id);
  }

  /**
   * Applies one message from participant `from`; returns whether anything visible changed.
   * `local` marks the sender's own copy, so an echo of its own frames is not applied twice.
   */
  apply(type, payload, from, { local = false } = {}) {
    if (!payload || typeof payload !== 'object' || typeof from !== 'string') return false;
    switch (type) {
      case 'ann.begin': return this.begin(payload, from, local);
      case 'ann.points': return this.points(payload, from, local);
      case 'ann.end': return this.end(payload, from, local);
      case 'ann.undo': return this.undo(payload, from);
      case 'ann.clear': return this.clear(payload, from);
      case 'ann.clear-all': return this.clearAll(from);
      case 'ann.keep': return this.setKeep(payload.keep === true);
      case 'ptr.move': return this.move(payload, from);
      case 'ptr.click': return this.click(payload, from);
      case 'ptr.laser': return this.laser(payload, from);
      case 'ptr.spotlight': return this.spotlight(payload, from);
      default: return false;
    }
  }

  begin(p, from, local) {
    if (typeof p.id !== 'string' || !p.id || p.id.length > LIMITS.id || this.annotations.has(p.id)) return false;
    if (!TOOLS.includes(p.tool)) return false;
    while (this.annotations.size >= LIMITS.annotations) this.annotations.delete(this.annotations.keys().next().value);
    const width = typeof p.width === 'number' && p.width >= 1 && p.width <= 32 ? p.width : 3;
    const anchor = cleanAnchor(p.anchor, { x: 0, y: 0 });
    this.annotations.set(p.id, {
      id: p.id,
      author: from,
      tool: p.tool,
      color: safeColor(p.color, this.person(from).color),
      width,
      anchor,
      page: typeof p.page === 'string' ? p.page.slice(0, 2048) : null,
      points: [],
      text: '',
      done: false,
      local,
    });
    return true;
  }

  /** The author's own open annotation, or null (others may not add to it; echoes of our own are ignored). */
  own(id, from, local) {
    const a = this.annotations.get(id);
    if (!a || a.author !== from || a.done || (a.local && !local)) return null;
    return a;
  }

  points(p, from, local) {
    const a = this.own(p.id, from, local);
    if (!a || !Array.isArray(p.points)) return false;
    let added = 0;
    for (const raw of p.points.slice(0, LIMITS.pointsPerMessage)) {
      if (a.points.length >= LIMITS.pointsPerStroke) break;
      const point = cleanPoint(raw);
      if (point) {
        a.points.push(point);
        added++;
      }
    }
    if (added && a.tool !== 'text') {
      const last = a.points[a.points.length - 1];
      this.pointers.set(from, { x: last[0], y: last[1], anchor: null, page: a.page });
    }
    return added > 0;
  }

  end(p, from, local) {
    const a = this.own(p.id, from, local);
    if (!a) return false;
    a.done = true;
    if (a.tool === 'text') a.text = text(p.text, LIMITS.text);
    if (!a.points.length || (a.tool === 'text' && !a.text.trim())) this.annotations.delete(a.id);
    return true;
  }

  undo(p, from) {
    const a = this.annotations.get(p.id);
    if (!a || a.author !== from) return false;
    return this.annotations.delete(a.id);
  }

  clear(p, from) {
    if (p.author !== from) return false; // only one's own
    let changed = false;
    for (const a of [...this.annotations.values()]) {
      if (a.author === from) changed = this.annotations.delete(a.id) || changed;
    }
    return changed;
  }

  setKeep(keep) {
    const changed = this.keep !== keep;
    this.keep = keep;
    return changed;
  }

  /** The shared page changed: unless kept per page, the other pages' annotations are gone for good. */
  navigated(page) {
    if (this.keep || page === null || page === undefined) return false;
    let dropped = false;
    for (const [id, a] of this.annotations) {
      if (a.page !== null && a.page !== page) dropped = this.annotations.delete(id) || dropped;
    }
    return dropped;
  }

  clearAll(from) {
    if (this.person(from).role !== 'advisor' || !this.annotations.size) return false;
    this.annotations.clear();
    return true;
  }

  move(p, from) {
    if (!coordinate(p.x) || !coordinate(p.y)) return false;
    const anchor = p.anchor ? cleanAnchor(p.anchor, { x: p.x, y: p.y }) : null;
    const page = typeof p.page === 'string' ? p.page.slice(0, 2048) : null; // a document page's pointer
    this.pointers.set(from, { x: p.x, y: p.y, anchor, page });
    return true;
  }

  click(p, from) {
    if (!coordinate(p.x) || !coordinate(p.y)) return false;
    this.ripples.push({ author: from, x: p.x, y: p.y, at: this.now() });
    if (this.ripples.length > LIMITS.ripples) this.ripples.shift();
    return true;
  }

  /** Laser points carry the sender's clock; they are re-timed to arrival so the trail fades on our clock. */
  laser(p, from) {
    if (!Array.isArray(p.points)) return false;
    const points = p.points.slice(0, LIMITS.laserPoints)
      .filter((q) => Array.isArray(q) && coordinate(q[0]) && coordinate(q[1]));
    if (!points.length) return false;
    const arrival = this.now();
    const last = Number(points[points.length - 1][2]) || 0;
    const trail = this.lasers.get(from) || [];
    for (const q of points) {
      const age = Math.min(LASER_MS, Math.max(0, last - (Number(q[2]) || last)));
      trail.push([q[0], q[1], arrival - age]);
    }
    if (trail.length > LIMITS.laserPoints) trail.splice(0, trail.length - LIMITS.laserPoints);
    this.lasers.set(from, trail);
    const end = trail[trail.length - 1];
    this.pointers.set(from, { x: end[0], y: end[1], anchor: null });
    return true;
  }

  spotlight(p, from) {
    if (p.node === null || p.node === undefined) return this.spotlights.delete(from);
    if (!nodeId(p.node)) return false;
    this.spotlights.set(from, { node: p.node, at: this.now() });
    return true;
  }

  /** Drops faded laser points and finished ripples; returns whether something is still animating. */
  prune(now = this.now()) {
    for (const [author, trail] of this.lasers) {
      let first = 0;
      while (first < trail.length && now - trail[first][2] > LASER_MS) first++;
      if (first >= trail.length) this.lasers.delete(author);
      else if (first) trail.splice(0, first);
    }
    this.ripples = this.ripples.filter((r) => now - r.at <= RIPPLE_MS);
    return this.animating();
  }

  animating() {
    return this.lasers.size > 0 || this.ripples.length > 0;
  }

  /** My annotations on a page (all pages when `page` is undefined), oldest first. */
  ownIds(page) {
    const ids = [];
    for (const a of this.annotations.values()) {
      if (a.author === this.me?.id && (page === undefined || a.page === page || a.page === null)) ids.push(a.id);
    }
    return ids;
  }

  /** The most recent spotlight still on, or null. */
  activeSpotlight() {
    let best = null;
    for (const [author, s] of this.spotlights) if (!best || s.at >= best.at) best = { author, ...s };
    return best;
  }
}
