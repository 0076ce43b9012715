import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MASKED_VALUE, isSensitiveInput, isSensitiveText, maskText, maskValue, notePasswordTypeChange, rrwebMaskingOptions,
} from '../lib/masking.js';
import { element as tagged } from './dom.mjs';

/** An input (or, without a type, a span) with attributes inside ancestors given as attribute maps. */
function element(attributes = {}, ancestors = []) {
  return tagged('type' in attributes || 'autocomplete' in attributes ? 'input' : 'span', attributes, ancestors);
}

test('passwords, hidden inputs and card fields are sensitive', () => {
  assert.equal(isSensitiveInput(element({ type: 'password' })), true);
  assert.equal(isSensitiveInput(element({ type: 'PASSWORD' })), true);
  assert.equal(isSensitiveInput(element({ type: 'hidden' })), true);
  for (const autocomplete of ['cc-number', 'cc-exp', 'cc-csc', 'billing cc-number', 'cc-name']) {
    assert.equal(isSensitiveInput(element({ type: 'text', autocomplete })), true, autocomplete);
  }
  assert.equal(isSensitiveInput(element({ type: 'text', autocomplete: 'name' })), false);
  assert.equal(isSensitiveInput(element({ type: 'email' })), false);
});

test('anything inside data-tandem-mask is sensitive, text and inputs alike', () => {
  assert.equal(isSensitiveInput(element({ type: 'text', 'data-tandem-mask': '' })), true);
  assert.equal(isSensitiveInput(element({}, [{}, { 'data-tandem-mask': '' }])), true);
  assert.equal(isSensitiveText(element({}, [{ 'data-tandem-mask': '' }])), true);
  assert.equal(isSensitiveText(element({})), false);
});

test('a password switched to text by a show-password toggle stays masked', () => {
  const el = element({ type: 'text' });
  assert.equal(isSensitiveInput(el), false);
  notePasswordTypeChange(el, 'password');
  assert.equal(isSensitiveInput(el), true);
  assert.equal(isSensitiveInput(element({ type: 'text', 'data-rr-is-password': 'true' })), true);
});

test('the mask-all-inputs switch masks every input', () => {
  assert.equal(isSensitiveInput(element({ type: 'email' }), { maskAllInputs: true }), true);
});

test('private by default reveals only the allow-list', () => {
  const options = { privateByDefault: true };
  assert.equal(isSensitiveInput(element({ type: 'text' }), options), true);
  assert.equal(isSensitiveInput(element({ type: 'text' }, [{ 'data-tandem-reveal': '' }]), options), false);
  assert.equal(isSensitiveText(element({}), options), true);
  assert.equal(isSensitiveText(element({}, [{ 'data-tandem-reveal': '' }]), options), false);
  // a password inside the allow-list is still a password
  assert.equal(isSensitiveInput(element({ type: 'password' }, [{ 'data-tandem-reveal': '' }]), options), true);
});

test('unknown elements fail closed', () => {
  assert.equal(isSensitiveInput(null), true);
  assert.equal(isSensitiveText(undefined), true);
});

test('masking keeps length and whitespace, drops every other character', () => {
  assert.equal(maskText('4111 1111'), '•••• ••••');
  assert.equal(maskText('CANARY-secret'), '•••••••••••••');
});

test('rrweb options route every input type through the element check', () => {
  const options = rrwebMaskingOptions();
  for (const type of ['text', 'email', 'textarea', 'select', 'password', 'tel', 'number']) {
    assert.equal(options.maskInputOptions[type], true, type);
  }
  assert.equal(options.maskInputFn('4111', element({ autocomplete: 'cc-number' })), '••••••••');
  assert.equal(options.maskInputFn('Maria', element({ type: 'text' })), 'Maria');
  assert.equal(options.maskTextFn('secret', element({}, [{ 'data-tandem-mask': '' }])), '••••••');
  assert.match(options.blockSelector, /data-tandem-block/);
  assert.match(options.blockSelector, /type="hidden"/);
});

test('a private field\'s value is a fixed number of dots, so its length is not told; empty stays empty', () => {
  const options = rrwebMaskingOptions();
  const password = element({ type: 'password' });
  assert.equal(options.maskInputFn('a', password), MASKED_VALUE);
  assert.equal(options.maskInputFn('a much longer secret than eight', password), MASKED_VALUE);
  assert.equal(MASKED_VALUE.length, 8);
  assert.equal(maskValue(''), '', 'an empty field shows its placeholder');
});

test('mask all (a page framed where its parent masks the frame) masks every text and input, revealed or not', () => {
  const options = { maskAll: true };
  assert.equal(isSensitiveInput(element({ type: 'email' }), options), true);
  assert.equal(isSensitiveInput(element({ type: 'text', 'data-tandem-reveal': '' }), options), true);
  assert.equal(isSensitiveText(element({}), options), true);
  assert.equal(isSensitiveText(element({}, [{ 'data-tandem-reveal': '' }]), options), true);
  assert.equal(isSensitiveText(element({}, [{ 'data-tandem-reveal': '' }]), { privateByDefault: true }), false,
    'control: reveal still shows in private-by-default mode');
});
