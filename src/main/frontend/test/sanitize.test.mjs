import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeEvent } from '../lib/sanitize.js';
import { page, shadow } from './dom.mjs';

/** Ids for live nodes, as rrweb's mirror gives them: id → node. */
function mirror() {
  const nodes = new Map();
  let next = 1;
  return {
    id(node) {
      for (const [id, n] of nodes) if (n === node) return id;
      nodes.set(next, node);
      return next++;
    },
    nodeOf: (id) => nodes.get(id) || null,
  };
}

const text = (m, node) => ({ type: 3, id: m.id(node), textContent: node.data });
const el = (m, node, attributes = {}, childNodes = []) => ({
  type: 2, id: m.id(node), tagName: node.tagName.toLowerCase(), attributes, childNodes,
});

test('text directly in a masked component\'s shadow root is masked in a full snapshot', () => {
  const { document } = page('<x-balance id="host" data-tandem-mask></x-balance><p id="open">Hello</p>');
  const host = document.getElementById('host');
  const root = shadow(host, 'CNRY-balance');
  const m = mirror();
  const event = { type: 2, data: { node: el(m, document.body, {}, [
    { ...el(m, host, { 'data-tandem-mask': '' }, [text(m, root.firstChild)]), isShadowHost: true },
    el(m, document.getElementById('open'), {}, [text(m, document.getElementById('open').firstChild)]),
  ]) } };
  sanitizeEvent(event, m.nodeOf);
  const [hostNode, open] = event.data.node.childNodes;
  assert.equal(hostNode.childNodes[0].textContent, '••••••••••••');
  assert.equal(open.childNodes[0].textContent, 'Hello', 'ordinary text is untouched');
});

test('a blocked component\'s later renders never leave: adds, text and attribute changes are dropped', () => {
  const { document } = page('<x-card id="card" data-tandem-block></x-card><p id="p">x</p>');
  const card = document.getElementById('card');
  const root = shadow(card, '<span id="inner">CNRY-render</span>');
  const inner = root.getElementById('inner');
  const m = mirror();
  const p = document.getElementById('p');
  const event = { type: 3, data: { source: 0,
    adds: [{ parentId: m.id(card), nextId: null, node: el(m, inner, {}, []) },
      { parentId: m.id(document.body), nextId: null, node: el(m, p) }],
    texts: [{ id: m.id(inner.firstChild), value: 'CNRY-text' }],
    attributes: [{ id: m.id(inner), attributes: { title: 'CNRY-attr' } }],
    removes: [] } };
  sanitizeEvent(event, m.nodeOf);
  assert.deepEqual(event.data.adds.map((a) => a.node.tagName), ['p']);
  assert.deepEqual(event.data.texts, []);
  assert.deepEqual(event.data.attributes, []);
  assert.doesNotMatch(JSON.stringify(event), /CNRY/);
});

test('content slotted into a blocked place becomes an empty placeholder', () => {
  const { document } = page('<x-panel id="panel"><div id="light"><b>CNRY-slotted</b></div></x-panel>');
  const panel = document.getElementById('panel');
  shadow(panel, '<div data-tandem-block><slot></slot></div>');
  const light = document.getElementById('light');
  const m = mirror();
  const event = { type: 2, data: { node: el(m, panel, {}, [
    el(m, light, { class: 'c' }, [el(m, light.firstChild, {}, [text(m, light.firstChild.firstChild)])])]) } };
  sanitizeEvent(event, m.nodeOf);
  const placeholder = event.data.node.childNodes[0];
  assert.deepEqual(placeholder.childNodes, []);
  assert.equal(placeholder.attributes.class, 'c');
  assert.ok('rr_width' in placeholder.attributes && 'rr_height' in placeholder.attributes);
  assert.doesNotMatch(JSON.stringify(event), /CNRY/);
});

test('mutations of text and values inside a masked component are masked', () => {
  const { document } = page('<div data-tandem-mask><x-input id="host"></x-input></div>');
  const root = shadow(document.getElementById('host'), '<input id="f" type="text">typed');
  const m = mirror();
  const field = root.getElementById('f');
  const mutation = { type: 3, data: { source: 0, adds: [], removes: [],
    texts: [{ id: m.id(root.lastChild), value: 'CNRY-text' }],
    attributes: [{ id: m.id(field), attributes: { value: 'CNRY-value' } },
      { id: m.id(document.getElementById('host')), attributes: { value: 'CNRY-host-value' } }] } };
  sanitizeEvent(mutation, m.nodeOf);
  assert.doesNotMatch(JSON.stringify(mutation), /CNRY/);
  const input = { type: 3, data: { source: 5, id: m.id(field), text: 'CNRY-input', isChecked: false } };
  sanitizeEvent(input, m.nodeOf);
  assert.equal(input.data.text, '••••••••', 'a fixed number of dots, whatever the length');
});

test('input events inside a blocked component are dropped whole; unknown nodes fail closed', () => {
  const { document } = page('<x-card id="card" data-tandem-block></x-card>');
  const root = shadow(document.getElementById('card'), '<input id="f">');
  const m = mirror();
  assert.equal(sanitizeEvent({ type: 3, data: { source: 5, id: m.id(root.getElementById('f')), text: 'x' } },
    m.nodeOf), null);
  assert.equal(sanitizeEvent({ type: 3, data: { source: 5, id: 999, text: 'x' } }, m.nodeOf), null);
  const snapshot = { type: 2, data: { node: { type: 3, id: 998, textContent: 'CNRY' } } };
  sanitizeEvent(snapshot, m.nodeOf);
  assert.equal(snapshot.data.node.textContent, '••••');
});

test('a pre-selected option stays selected unless the select is private', () => {
  const { document } = page(`<select id="s"><option value="a">A</option><option value="b" selected>B</option></select>
    <select id="p" data-tandem-mask><option value="a">A</option><option value="b" selected>B</option></select>`);
  const m = mirror();
  const tree = (id) => {
    const select = document.getElementById(id);
    return el(m, select, { value: 'b' }, [...select.options].map((o) => el(m, o, { value: o.value })));
  };
  const event = { type: 2, data: { node: el(m, document.body, {}, [tree('s'), tree('p')]) } };
  sanitizeEvent(event, m.nodeOf);
  const [open, masked] = event.data.node.childNodes;
  assert.deepEqual(open.childNodes.map((o) => Boolean(o.attributes.selected)), [false, true]);
  assert.deepEqual(masked.childNodes.map((o) => Boolean(o.attributes.selected)), [false, false]);
  assert.equal(masked.attributes.value, '••••••••', 'the masked select\'s value');
});

test('a blocked content-box element\'s placeholder is sent with its border box, marked for the mirror\'s label', () => {
  const { document } = page(`<div id="cb" data-tandem-block class="panel"
      style="box-sizing: content-box; width: 300px; height: 100px; padding: 16px; border: 1px solid">CNRY</div>
    <div id="bb" data-tandem-block style="box-sizing: border-box; width: 300px; height: 100px; padding: 16px">x</div>`);
  const m = mirror();
  const cb = document.getElementById('cb');
  const bb = document.getElementById('bb');
  // as rrweb sends a blocked element: class and its on-screen size, no children
  const event = { type: 2, data: { node: el(m, document.body, {}, [
    el(m, cb, { class: 'panel', rr_width: '334px', rr_height: '134px' }),
    el(m, bb, { rr_width: '300px', rr_height: '100px' })]) } };
  sanitizeEvent(event, m.nodeOf);
  const [content, border] = event.data.node.childNodes;
  assert.deepEqual(content.attributes, { class: 'panel', rr_width: '334px', rr_height: '134px',
    'data-tandem-placeholder': 'block' });
  assert.deepEqual(border.attributes, { rr_width: '300px', rr_height: '100px', 'data-tandem-placeholder': 'block' });
  assert.doesNotMatch(JSON.stringify(event), /CNRY/);
});

test('a hidden input stays a hidden input with nothing else, so the mirror shows no box', () => {
  const { document } = page('<input id="h" type="hidden" class="f" value="csrf-CNRY">');
  const m = mirror();
  const hidden = document.getElementById('h');
  const event = { type: 2, data: { node: el(m, document.body, {}, [
    el(m, hidden, { class: 'f', rr_width: '0px', rr_height: '0px' })]) } };
  sanitizeEvent(event, m.nodeOf);
  assert.deepEqual(event.data.node.childNodes[0].attributes, { type: 'hidden' });
});
