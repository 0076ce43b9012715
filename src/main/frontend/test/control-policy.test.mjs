import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTextEntry, refusal } from '../lib/control/policy.js';

/** A minimal element: tag, attributes, and ancestors' attributes (closest first); selectors are [attr] lists. */
function element(tagName, attributes = {}, ancestors = [], extra = {}) {
  const chain = [attributes, ...ancestors];
  const matches = (attrs, selector) => selector.split(',').map((s) => s.trim()).some((s) => {
    const m = s.match(/^\[([a-z-]+)\]$/);
    return m ? m[1] in attrs : false;
  });
  return {
    nodeType: 1,
    tagName,
    getAttribute: (name) => (name in attributes ? attributes[name] : null),
    hasAttribute: (name) => name in attributes,
    closest: (selector) => {
      if (selector === 'label') return extra.label || null;
      return chain.some((attrs) => matches(attrs, selector)) ? {} : null;
    },
    ...extra,
  };
}

test('ordinary fields, checkboxes and buttons may be controlled', () => {
  assert.equal(refusal(element('INPUT', { type: 'text' })), null);
  assert.equal(refusal(element('INPUT', { type: 'checkbox' })), null);
  assert.equal(refusal(element('BUTTON')), null);
  assert.equal(refusal(element('SELECT')), null);
});

test('masked, private and blocked content, and no-control regions, are protected', () => {
  assert.equal(refusal(element('INPUT', { type: 'password' })), 'protected');
  assert.equal(refusal(element('INPUT', { type: 'text', autocomplete: 'cc-number' })), 'protected');
  assert.equal(refusal(element('INPUT', { type: 'text', 'data-tandem-mask': '' })), 'protected');
  assert.equal(refusal(element('SPAN', {}, [{ 'data-tandem-mask': '' }])), 'protected');
  assert.equal(refusal(element('BUTTON', {}, [{ 'data-tandem-no-control': '' }])), 'protected');
  assert.equal(refusal(element('DIV', {}, [{ 'data-tandem-block': '' }])), 'protected');
  assert.equal(refusal(element('BUTTON', {}, [{ 'data-tandem-ui': 'banner' }])), 'protected', 'our own UI');
  assert.equal(refusal(element('INPUT', { type: 'text' }), { maskAllInputs: true }), 'protected');
  assert.equal(refusal(element('P'), { privateByDefault: true }), 'protected');
  assert.equal(refusal(element('P', {}, [{ 'data-tandem-reveal': '' }]), { privateByDefault: true }), null);
});

test('a label acts on its control, so a label of a masked field is protected too', () => {
  const masked = element('INPUT', { type: 'text', 'data-tandem-mask': '' });
  const label = element('LABEL', {}, [], { control: masked });
  assert.equal(refusal(label), 'protected');
  const span = element('SPAN', {}, [], { label });
  assert.equal(refusal(span), 'protected');
  assert.equal(refusal(element('LABEL', {}, [], { control: element('INPUT', { type: 'checkbox' }) })), null);
});

test('confirm elements need the owner; a view-only site refuses everything; nothing is not found', () => {
  assert.equal(refusal(element('BUTTON', { 'data-tandem-confirm': '' })), 'needs-confirm');
  assert.equal(refusal(element('SPAN', {}, [{ 'data-tandem-confirm': '' }])), 'needs-confirm');
  assert.equal(refusal(element('BUTTON', { 'data-tandem-confirm': '', 'data-tandem-no-control': '' })), 'protected',
    'protection wins over confirmation');
  assert.equal(refusal(element('BUTTON'), { viewOnly: true }), 'view-only');
  assert.equal(refusal(null), 'not-found');
  assert.equal(refusal({ nodeType: 3 }), 'not-found');
});

test('text entry: text-like inputs, textareas and contenteditable, not checkboxes or selects', () => {
  assert.equal(isTextEntry(element('INPUT', {})), true, 'no type is text');
  assert.equal(isTextEntry(element('INPUT', { type: 'email' })), true);
  assert.equal(isTextEntry(element('TEXTAREA')), true);
  assert.equal(isTextEntry(element('DIV', {}, [], { isContentEditable: true })), true);
  assert.equal(isTextEntry(element('INPUT', { type: 'checkbox' })), false);
  assert.equal(isTextEntry(element('SELECT')), false);
  assert.equal(isTextEntry(null), false);
});
