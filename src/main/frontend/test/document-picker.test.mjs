import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentPicker } from '../lib/document/picker.js';

/** Just enough DOM for the picker: attributes, children, listeners and dataset. */
function fakeElement(doc, tag) {
  const el = {
    tagName: tag, ownerDocument: doc, attributes: {}, children: [], dataset: {}, listeners: {}, textContent: '',
    value: '',
    setAttribute(k, v) { this.attributes[k] = String(v); },
    addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); },
    append(...nodes) { this.children.push(...nodes); },
    replaceChildren(...nodes) { this.children = nodes; },
    contains(node) { return node === this || this.children.some((c) => c.contains && c.contains(node)); },
  };
  return el;
}

function picker(library) {
  const doc = { addEventListener() {} };
  const h = (tag, attrs = {}, text = '') => {
    const el = fakeElement(doc, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.textContent = text;
    return el;
  };
  const p = documentPicker(h, library, () => {});
  const [query, results] = p.box.children;
  const shown = () => results.children.map((li) => li.children[0].attributes['data-version']);
  return { ...p, query, shown };
}

const version = (id, title) => ({ id, title, productLine: 'Home', version: '1', language: 'en' });

test('an earlier search answered after a later one does not replace its results', async () => {
  const pending = new Map(); // query → resolve
  const library = { search: (q) => new Promise((resolve) => pending.set(q, resolve)) };
  const p = picker(library);
  const all = p.search(); // the relay's welcome lists the whole library
  p.query.value = 'motor';
  p.query.oninput(); // the advisor types before that answer came
  const typed = [...pending.keys()].indexOf('motor');
  assert.equal(typed, 1);
  pending.get('motor')([version('m1', 'Motor Cover')]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(p.shown(), ['m1']);
  pending.get('')([version('a1', 'Annuity'), version('b1', 'Boat')]); // the slower, older answer
  await all;
  assert.deepEqual(p.shown(), ['m1'], 'the results still answer what was typed');
});

test('the latest search is shown when answers come in order', async () => {
  const library = { search: async (q) => (q ? [version('m1', 'Motor Cover')] : [version('a1', 'A'), version('m1', 'M')]) };
  const p = picker(library);
  await p.search();
  assert.deepEqual(p.shown(), ['a1', 'm1']);
  p.query.value = 'motor';
  p.query.oninput();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(p.shown(), ['m1']);
});
