import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTextEntry, refusal } from '../lib/control/policy.js';
import { element as tagged, page } from './dom.mjs';

/** A real element of a tag with attributes, inside ancestors given as attribute maps (closest first). */
function element(tagName, attributes = {}, ancestors = [], extra = {}) {
  const el = tagged(tagName.toLowerCase(), attributes, ancestors);
  if (extra.isContentEditable) el.setAttribute('contenteditable', 'true');
  return el;
}

test('ordinary fields, checkboxes and buttons may be controlled', () => {
  assert.equal(refusal(element('INPUT', { type: 'text' })), null);
  assert.equal(refusal(element('INPUT', { type: 'checkbox' })), null);
  assert.equal(refusal(element('BUTTON')), null);
  assert.equal(refusal(element('SELECT')), null);
});

test('masked, private and blocked content is protected; no-control regions and our own UI are no-control', () => {
  assert.equal(refusal(element('INPUT', { type: 'password' })), 'protected');
  assert.equal(refusal(element('INPUT', { type: 'text', autocomplete: 'cc-number' })), 'protected');
  assert.equal(refusal(element('INPUT', { type: 'text', 'data-tandem-mask': '' })), 'protected');
  assert.equal(refusal(element('SPAN', {}, [{ 'data-tandem-mask': '' }])), 'protected');
  assert.equal(refusal(element('BUTTON', {}, [{ 'data-tandem-no-control': '' }])), 'no-control');
  assert.equal(refusal(element('DIV', {}, [{ 'data-tandem-block': '' }])), 'protected');
  assert.equal(refusal(element('BUTTON', {}, [{ 'data-tandem-ui': 'banner' }])), 'no-control', 'our own UI');
  assert.equal(refusal(element('INPUT', { type: 'text' }), { maskAllInputs: true }), 'protected');
  assert.equal(refusal(element('P'), { privateByDefault: true }), 'protected');
  assert.equal(refusal(element('P', {}, [{ 'data-tandem-reveal': '' }]), { privateByDefault: true }), null);
});

test('a label acts on its control, so a label of a masked field is protected too', () => {
  const { document } = page(`<label id="l1" for="masked">Account <span id="inside">number</span></label>
    <input id="masked" type="text" data-tandem-mask>
    <label id="l2"><input id="check" type="checkbox"> I agree</label>`);
  assert.equal(refusal(document.getElementById('l1')), 'protected');
  assert.equal(refusal(document.getElementById('inside')), 'protected');
  assert.equal(refusal(document.getElementById('l2')), null);
});

test('confirm elements need the owner; a view-only site refuses everything; nothing is not found', () => {
  assert.equal(refusal(element('BUTTON', { 'data-tandem-confirm': '' })), 'needs-confirm');
  assert.equal(refusal(element('SPAN', {}, [{ 'data-tandem-confirm': '' }])), 'needs-confirm');
  assert.equal(refusal(element('BUTTON', { 'data-tandem-confirm': '', 'data-tandem-no-control': '' })), 'no-control',
    'protection wins over confirmation');
  assert.equal(refusal(element('BUTTON'), { viewOnly: true }), 'view-only');
  assert.equal(refusal(null), 'not-found');
  assert.equal(refusal({ nodeType: 3 }), 'not-found');
});

test('text entry: text-like inputs, textareas and contenteditable, not checkboxes or selects', () => {
  assert.equal(isTextEntry(element('INPUT', {})), true, 'no type is text');
  assert.equal(isTextEntry(element('INPUT', { type: 'email' })), true);
  assert.equal(isTextEntry(element('TEXTAREA')), true);
  // jsdom computes no isContentEditable: a stand-in with the property a browser gives
  assert.equal(isTextEntry({ nodeType: 1, tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(isTextEntry(element('INPUT', { type: 'checkbox' })), false);
  assert.equal(isTextEntry(element('SELECT')), false);
  assert.equal(isTextEntry(null), false);
});
