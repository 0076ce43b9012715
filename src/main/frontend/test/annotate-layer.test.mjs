import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationLayer } from '../lib/annotate/layer.js';
import { LASER_MS } from '../lib/annotate/model.js';
import { patch, toDom } from '../lib/annotate/scene.js';

/** Just enough DOM for the layer: elements, attributes, text, listeners; markup parsing is forbidden. */
class FakeElement {
  constructor(doc, tag, ns) {
    this.ownerDocument = doc;
    this.tagName = tag;
    this.namespaceURI = ns || null;
    this.attributes = new Map();
    this.childNodes = [];
    this.parentNode = null;
    this.style = {};
    this.listeners = {};
    this.ownText = '';
    this.value = '';
  }

  setAttribute(k, v) {
    this.attributes.set(k, String(v));
  }

  getAttribute(k) {
    return this.attributes.has(k) ? this.attributes.get(k) : null;
  }

  removeAttribute(k) {
    this.attributes.delete(k);
  }

  appendChild(child) {
    return this.insertBefore(child, null);
  }

  insertBefore(child, reference) {
    child.remove();
    const index = reference ? this.childNodes.indexOf(reference) : -1;
    if (index < 0) this.childNodes.push(child);
    else this.childNodes.splice(index, 0, child);
    child.parentNode = this;
    return child;
  }

  removeChild(child) {
    this.childNodes.splice(this.childNodes.indexOf(child), 1);
    child.parentNode = null;
    return child;
  }

  remove() {
    if (!this.parentNode) return;
    const parent = this.parentNode;
    this.parentNode.removeChild(this);
    if (this.ownerDocument.activeElement === this && this.listeners.blur) {
      this.ownerDocument.activeElement = null;
      this.dispatch('blur', {});
    }
    return parent;
  }

  get firstChild() {
    return this.childNodes[0] || null;
  }

  set textContent(value) {
    this.childNodes = [];
    this.ownText = String(value);
  }

  get textContent() {
    return this.ownText + this.childNodes.map((c) => c.textContent).join('');
  }

  set innerHTML(value) {
    throw new Error('innerHTML must never be used');
  }

  insertAdjacentHTML() {
    throw new Error('insertAdjacentHTML must never be used');
  }

  addEventListener(type, handler) {
    (this.listeners[type] ||= []).push(handler);
  }

  removeEventListener(type, handler) {
    this.listeners[type] = (this.listeners[type] || []).filter((h) => h !== handler);
  }

  dispatch(type, props = {}) {
    const event = { type, button: 0, pointerId: 1, ...props, defaultPrevented: false, stopped: false,
      preventDefault() { this.defaultPrevented = true; }, stopPropagation() { this.stopped = true; } };
    for (const handler of this.listeners[type] || []) handler(event);
    return event;
  }

  focus() {
    this.ownerDocument.activeElement = this;
  }

  setPointerCapture(id) {
    this.captured = id;
  }
}

class FakeDocument {
  constructor() {
    this.activeElement = null;
    this.created = [];
  }

  createElementNS(ns, tag) {
    const el = new FakeElement(this, tag, ns);
    this.created.push(el);
    return el;
  }

  createElement(tag) {
    return this.createElementNS('http://www.w3.org/1999/xhtml', tag);
  }
}

function walk(el, out = []) {
  out.push(el);
  for (const child of el.childNodes) walk(child, out);
  return out;
}

/** A hand-cranked animation frame and clock. */
function clockwork() {
  let queue = new Map();
  let handle = 0;
  const c = {
    t: 1000,
    requestFrame: (cb) => {
      queue.set(++handle, cb);
      return handle;
    },
    cancelFrame: (h) => queue.delete(h),
    now: () => c.t,
    tick(ms = 16) {
      c.t += ms;
      const due = queue;
      queue = new Map();
      for (const cb of due.values()) cb(c.t);
    },
  };
  return c;
}

/** A layer over a mirror shown at half size, at (200, 100) in the console, page scrolled by 1000. */
function setup({ me = { id: 'adv-1', name: 'Alice', color: '#1f5fbf', role: 'advisor' }, page = '/checkout' } = {}) {
  const doc = new FakeDocument();
  const root = doc.createElement('div');
  const panel = doc.createElement('div');
  const clock = clockwork();
  const sent = [];
  const button = { id: 'button' };
  const rects = { 12: { x: 100, y: 1100, width: 200, height: 40 } };
  const layer = new AnnotationLayer({
    root,
    document: doc,
    eventTarget: panel,
    view: () => ({ scale: 0.5, scrollX: 0, scrollY: 1000, offsetLeft: 200, offsetTop: 100, width: 1280, height: 800 }),
    nodeIdOf: (el) => (el === button ? 12 : null),
    rectOf: (id) => rects[id] || null,
    elementAt: (x, y) => {
      const r = rects[12];
      return r && x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height ? button : null;
    },
    me,
    page,
    send: (type, payload) => sent.push([type, JSON.parse(JSON.stringify(payload))]),
    requestFrame: clock.requestFrame,
    cancelFrame: clock.cancelFrame,
    now: clock.now,
  });
  // client point of a document point under this view
  const at = (x, y) => ({ clientX: 200 + x / 2, clientY: 100 + (y - 1000) / 2 });
  return { doc, root, panel, clock, sent, layer, rects, at };
}

const types = (sent) => sent.map(([t]) => t);

test('a pen stroke on the scaled mirror becomes begin, per-frame points and end in document coordinates', () => {
  const { layer, sent, clock, at } = setup();
  layer.setTool('pen');
  assert.equal(layer.svg.style.pointerEvents, 'auto');
  const down = layer.svg.dispatch('pointerdown', at(150, 1120));
  assert.equal(down.defaultPrevented, true);
  for (let i = 1; i <= 30; i++) layer.svg.dispatch('pointermove', at(150 + i * 4, 1120 + i));
  clock.tick();
  for (let i = 31; i <= 40; i++) layer.svg.dispatch('pointermove', at(150 + i * 4, 1120 + i));
  layer.svg.dispatch('pointerup', at(150 + 41 * 4, 1161));
  assert.deepEqual(types(sent), ['ann.begin', 'ann.points', 'ann.points', 'ann.end']);
  const [, begin] = sent[0];
  assert.equal(begin.tool, 'pen');
  assert.equal(begin.page, '/checkout');
  assert.deepEqual(begin.anchor, { node: 12, fx: 0.25, fy: 0.5, x: 150, y: 1120 });
  const points = sent.filter(([t]) => t === 'ann.points').flatMap(([, p]) => p.points);
  assert.deepEqual(points[0], [150, 1120]);
  assert.deepEqual(points[points.length - 1], [314, 1161]);
  assert.equal(points.length, 42);
  assert.equal(sent[3][1].id, begin.id);
  assert.equal(layer.model.annotations.get(begin.id).points.length, 42, 'drawn locally at once');
});

test('the stroke is drawn in the overlay and follows its element when it moves', () => {
  const { layer, clock, at, rects } = setup();
  layer.setTool('pen');
  layer.svg.dispatch('pointerdown', at(150, 1120));
  layer.svg.dispatch('pointermove', at(200, 1130));
  layer.svg.dispatch('pointerup', at(250, 1135));
  clock.tick();
  const group = layer.svg.childNodes[0];
  assert.equal(group.tagName, 'g');
  assert.equal(group.getAttribute('transform'), 'translate(0 -1000)');
  const path = group.childNodes[0];
  assert.equal(path.tagName, 'path');
  assert.match(path.getAttribute('d'), /^M150 1120/);
  rects[12] = { x: 100, y: 1400, width: 200, height: 40 }; // a banner pushed the button down
  layer.render();
  assert.equal(layer.svg.childNodes[0], group, 'the same element, moved');
  assert.equal(group.childNodes[0], path, 'its path is not rebuilt');
  assert.equal(group.getAttribute('transform'), 'translate(0 -700)');
});

test('a text note is typed in an input and shown as text, even when it looks like HTML', () => {
  const { layer, sent, root, doc, clock, at } = setup();
  layer.setTool('text');
  layer.svg.dispatch('pointerdown', at(400, 1300));
  const input = root.childNodes.find((c) => c.tagName === 'input');
  assert.ok(input);
  assert.equal(doc.activeElement, input);
  assert.equal(input.style.cssText.includes('left:400px;top:300px'), true);
  input.value = '<img src=x onerror=alert(1)>';
  const key = input.dispatch('keydown', { key: 'Enter' });
  assert.equal(key.stopped, true, 'page shortcuts do not see the typing');
  assert.ok(!root.childNodes.includes(input));
  assert.deepEqual(types(sent), ['ann.begin', 'ann.points', 'ann.end']);
  assert.equal(sent[0][1].tool, 'text');
  assert.deepEqual(sent[1][1].points, [[400, 1300]]);
  assert.equal(sent[2][1].text, '<img src=x onerror=alert(1)>');
  clock.tick();
  const nodes = walk(layer.svg);
  const text = nodes.find((n) => n.tagName === 'text');
  assert.equal(text.textContent, '<img src=x onerror=alert(1)>');
  assert.ok(!doc.created.some((n) => n.tagName === 'img'));
});

test('Escape cancels a note and nothing is sent', () => {
  const { layer, sent, root, at } = setup();
  layer.setTool('text');
  layer.svg.dispatch('pointerdown', at(400, 1300));
  const input = root.childNodes.find((c) => c.tagName === 'input');
  input.value = 'never mind';
  input.dispatch('keydown', { key: 'Escape' });
  assert.deepEqual(sent, []);
  assert.ok(!root.childNodes.includes(input));
});

test('remote names and notes reach the DOM through textContent only', () => {
  const { layer, doc, clock } = setup();
  layer.setParticipants([{ id: 'customer', name: '<img src=x onerror=alert(1)>', role: 'customer' }]);
  layer.apply('ann.begin', JSON.stringify({ id: 'c-1', tool: 'text', color: '#d9480f', width: 3, page: '/checkout' }),
    'customer');
  layer.apply('ann.points', { id: 'c-1', points: [[10, 1010]] }, 'customer');
  layer.apply('ann.end', { id: 'c-1', text: '<b>bold</b>\n<script>alert(2)</script>' }, 'customer');
  layer.apply('ptr.move', { x: 5, y: 1005 }, 'customer');
  clock.tick();
  const tags = new Set(walk(layer.svg).map((n) => n.tagName));
  assert.deepEqual([...tags].sort(), ['circle', 'g', 'rect', 'svg', 'text', 'tspan']);
  const texts = walk(layer.svg).filter((n) => n.ownText).map((n) => n.ownText);
  assert.deepEqual(texts.sort(), ['<b>bold</b>', '<img src=x onerror=alert(1)>', '<script>alert(2)</script>']);
});

test('pointer moves are sent once per frame, anchored to the element under them', () => {
  const { layer, panel, sent, clock, at } = setup();
  for (let i = 0; i < 10; i++) panel.dispatch('pointermove', at(110 + i, 1110));
  assert.deepEqual(sent, []);
  clock.tick();
  assert.deepEqual(sent, [['ptr.move', { x: 119, y: 1110, anchor: { node: 12, fx: 0.095, fy: 0.25, x: 119,
    y: 1110 } }]]);
  panel.dispatch('pointermove', at(900, 1500));
  clock.tick();
  assert.deepEqual(sent[1], ['ptr.move', { x: 900, y: 1500 }]);
  panel.dispatch('pointermove', { clientX: 190, clientY: 50 }); // the letterbox around the mirror
  clock.tick();
  assert.equal(sent.length, 2);
});

test('clicks are sent for the other side\'s ripple; drawing tools do not send them', () => {
  const { layer, panel, sent, at } = setup();
  panel.dispatch('pointerdown', at(50, 1050));
  assert.deepEqual(sent, [['ptr.click', { x: 50, y: 1050 }]]);
  panel.dispatch('pointerdown', { ...at(60, 1060), isTrusted: false }); // a controller's click carried out here
  assert.equal(sent.length, 1, 'never echoed back as a ripple');
  layer.setTool('rect');
  panel.dispatch('pointerdown', at(50, 1050));
  assert.equal(sent.length, 1);
});

test('the laser sends its trail once per frame, draws it locally, and it fades in two seconds', () => {
  const { layer, panel, sent, clock, at } = setup();
  layer.setTool('laser');
  assert.equal(layer.svg.style.pointerEvents, 'none', 'the laser only points');
  for (let i = 0; i < 5; i++) panel.dispatch('pointermove', at(100 + i * 10, 1100));
  clock.tick();
  assert.deepEqual(types(sent), ['ptr.laser']);
  assert.equal(sent[0][1].points.length, 5);
  assert.ok(sent[0][1].points.every((p) => p.length === 3));
  assert.ok(walk(layer.svg).some((n) => n.tagName === 'polyline'));
  for (let elapsed = 0; elapsed <= LASER_MS + 100; elapsed += 100) clock.tick(100);
  assert.ok(!walk(layer.svg).some((n) => n.tagName === 'polyline'), 'faded away');
});

test('the spotlight follows the hovered element and goes off with the tool', () => {
  const { layer, panel, sent, clock, at } = setup();
  layer.setTool('spotlight');
  panel.dispatch('pointermove', at(150, 1120));
  panel.dispatch('pointermove', at(160, 1120));
  assert.deepEqual(sent.filter(([t]) => t === 'ptr.spotlight'), [['ptr.spotlight', { node: 12 }]]);
  clock.tick();
  assert.ok(walk(layer.svg).some((n) => n.getAttribute?.('data-spotlight') === '12'));
  layer.setTool(null);
  assert.deepEqual(sent.filter(([t]) => t === 'ptr.spotlight').pop(), ['ptr.spotlight', { node: null }]);
  clock.tick();
  assert.ok(!walk(layer.svg).some((n) => n.getAttribute?.('data-spotlight')));
});

test('undo and clear own touch only my annotations; clear all is for advisors', () => {
  const { layer, sent, at } = setup();
  layer.apply('ann.begin', { id: 'c-1', tool: 'pen', color: '#d9480f', width: 3, page: '/checkout' }, 'customer');
  layer.apply('ann.points', { id: 'c-1', points: [[1, 1]] }, 'customer');
  layer.setTool('ellipse');
  for (const x of [100, 300]) {
    layer.svg.dispatch('pointerdown', at(x, 1100));
    layer.svg.dispatch('pointerup', at(x + 50, 1150));
  }
  const mine = layer.model.ownIds();
  assert.equal(mine.length, 2);
  assert.equal(layer.undo(), mine[1]);
  assert.deepEqual(sent[sent.length - 1], ['ann.undo', { id: mine[1] }]);
  layer.clearOwn();
  assert.deepEqual(sent[sent.length - 1], ['ann.clear', { author: 'adv-1' }]);
  assert.deepEqual([...layer.model.annotations.keys()], ['c-1']);
  assert.equal(layer.undo(), null);
  assert.equal(layer.clearAll(), true);
  assert.equal(layer.model.annotations.size, 0);

  const customer = setup({ me: { id: 'customer', name: 'Carl', role: 'customer' } });
  assert.equal(customer.layer.clearAll(), false);
  assert.deepEqual(customer.sent, []);
});

test('changing tools mid-stroke ends the stroke; dispose removes the overlay and listeners', () => {
  const { layer, root, panel, sent, at } = setup();
  layer.setTool('arrow');
  layer.svg.dispatch('pointerdown', at(100, 1100));
  layer.svg.dispatch('pointermove', at(200, 1200));
  layer.setTool('pen');
  assert.equal(types(sent).pop(), 'ann.end');
  layer.dispose();
  assert.ok(!root.childNodes.includes(layer.svg));
  assert.equal((panel.listeners.pointermove || []).length, 0);
});

test('patch reuses elements by key and rebuilds children only when their signature changes', () => {
  const doc = new FakeDocument();
  const parent = doc.createElementNS('svg', 'svg');
  const cache = new Map();
  const node = (key, x, sig, label) => ({ key, tag: 'g', attrs: { transform: `translate(${x} 0)` }, sig,
    children: [{ tag: 'text', attrs: {}, children: [], text: label }] });
  patch(parent, [node('a', 0, '1', 'one'), node('b', 0, '1', 'two')], doc, cache);
  const [a, b] = parent.childNodes;
  const aText = a.childNodes[0];
  patch(parent, [node('b', 5, '1', 'two'), node('a', 7, '1', 'one')], doc, cache);
  assert.deepEqual(parent.childNodes, [b, a], 'reordered, not recreated');
  assert.equal(a.getAttribute('transform'), 'translate(7 0)');
  assert.equal(a.childNodes[0], aText);
  patch(parent, [node('a', 7, '2', 'uno')], doc, cache);
  assert.deepEqual(parent.childNodes, [a]);
  assert.equal(a.textContent, 'uno');
  assert.equal(cache.size, 1);
});

test('toDom sets text with textContent and never parses markup', () => {
  const doc = new FakeDocument();
  const el = toDom({ tag: 'text', attrs: { x: '1' }, children: [], text: '<img src=x onerror=alert(1)>' }, doc);
  assert.equal(el.tagName, 'text');
  assert.equal(el.namespaceURI, 'http://www.w3.org/2000/svg');
  assert.equal(el.childNodes.length, 0);
  assert.equal(el.textContent, '<img src=x onerror=alert(1)>');
});

test('styles and tools are checked before use', () => {
  const { layer } = setup();
  layer.setStyle({ color: 'red;background:url(//evil)', width: 99 });
  assert.deepEqual(layer.style, { color: '#1f5fbf', width: 32 });
  layer.setStyle({ color: '#2b8a3e' });
  assert.equal(layer.style.color, '#2b8a3e');
  assert.throws(() => layer.setTool('eraser'), /unknown tool/);
  layer.setTool();
  assert.equal(layer.tool, null);
});

test('on a document page surface strokes and the pointer are in the page units and name the page', async () => {
  const { pageView } = await import('../lib/document/geometry.js');
  const doc = new FakeDocument();
  const root = doc.createElement('div');
  const scroller = doc.createElement('div');
  const clock = clockwork();
  const sent = [];
  const size = { width: 595, height: 842 }; // an A4 page at zoom 1
  // the page drawn at zoom 1.5, its box at (40, -200) in the window (scrolled)
  const layer = new AnnotationLayer({
    root,
    document: doc,
    eventTarget: scroller,
    view: () => pageView({ left: 40, top: -200, width: 595 * 1.5 }, size),
    anchorFields: () => ({ doc: 'v1', page: 2, w: size.width, h: size.height }),
    pagePointer: true,
    me: { id: 'adv-1', name: 'Alice', role: 'advisor' },
    page: 'doc:v1:2',
    trackClicks: false,
    send: (type, payload) => sent.push([type, JSON.parse(JSON.stringify(payload))]),
    requestFrame: clock.requestFrame,
    cancelFrame: clock.cancelFrame,
    now: clock.now,
  });
  const at = (fx, fy) => ({ clientX: 40 + fx * 595 * 1.5, clientY: -200 + fy * 842 * 1.5 });
  layer.setTool('rect');
  layer.svg.dispatch('pointerdown', at(0.3, 0.35));
  layer.svg.dispatch('pointermove', at(0.6, 0.45));
  layer.svg.dispatch('pointerup', at(0.6, 0.45));
  const [, begin] = sent.find(([t]) => t === 'ann.begin');
  assert.equal(begin.page, 'doc:v1:2');
  assert.deepEqual(begin.anchor, { node: null, fx: 0, fy: 0, x: 178.5, y: 294.7, doc: 'v1', page: 2, w: 595, h: 842 });
  const points = sent.filter(([t]) => t === 'ann.points').flatMap(([, p]) => p.points);
  assert.deepEqual(points[points.length - 1], [357, 378.9]); // 0.6 × 595, 0.45 × 842
  layer.setTool(null);
  scroller.dispatch('pointermove', at(0.7, 0.25));
  clock.tick();
  const [, move] = sent.find(([t]) => t === 'ptr.move');
  assert.deepEqual(move, { x: 416.5, y: 210.5, page: 'doc:v1:2' });
  scroller.dispatch('pointermove', at(0.5, 1.2)); // below the page: not sent
  clock.tick();
  assert.equal(sent.filter(([t]) => t === 'ptr.move').length, 1);
  assert.equal(sent.some(([t]) => t === 'ptr.click'), false);
});
