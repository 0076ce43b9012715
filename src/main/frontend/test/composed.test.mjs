import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composedClosest, treeParent } from '../lib/composed.js';
import { isSensitiveInput, isSensitiveText, isInsideBlock, rrwebMaskingOptions } from '../lib/masking.js';
import { refusal } from '../lib/control/policy.js';
import { page, shadow } from './dom.mjs';

/**
 * A page as web-component libraries build it: a masked wrapper around a component whose field lives two shadow
 * roots deep, a component marked itself, a blocked component with slotted content, a no-control region, a
 * confirm button inside a component, and a same-origin frame inside a masked element.
 */
function componentPage() {
  const { document, window } = page(`
    <div id="wrapper" data-tandem-mask><x-field id="outer"></x-field></div>
    <x-input id="marked" data-tandem-mask></x-input>
    <x-input id="plain"></x-input>
    <x-card id="blocked" data-tandem-block><span id="slotted-in-block">light text</span></x-card>
    <x-panel id="panel"><span id="slotted">light text</span></x-panel>
    <div data-tandem-no-control><x-button id="pay"></x-button></div>
    <x-button id="submit" data-tandem-confirm></x-button>
    <div data-tandem-mask><iframe id="frame"></iframe></div>
    <section data-tandem-reveal><x-input id="revealed"></x-input></section>`);
  const outer = shadow(document.getElementById('outer'), '<x-input id="inner-host"></x-input>');
  const innerRoot = shadow(outer.getElementById('inner-host'), '<label>Account</label><input id="deep" type="text">');
  const marked = shadow(document.getElementById('marked'), '<input id="field" type="text">secret text');
  const plain = shadow(document.getElementById('plain'), '<input id="field" type="text">');
  const blocked = shadow(document.getElementById('blocked'), '<div><slot></slot><p id="in-block">x</p></div>');
  // the panel slots its light content into a masked wrapper inside its own shadow root
  shadow(document.getElementById('panel'), '<div data-tandem-mask><slot></slot></div>');
  const pay = shadow(document.getElementById('pay'), '<button id="b">Pay</button>');
  const submit = shadow(document.getElementById('submit'), '<button id="b"><span id="label">Submit</span></button>');
  const revealed = shadow(document.getElementById('revealed'), '<input id="field" type="text">');
  const frame = document.getElementById('frame').contentDocument;
  frame.body.innerHTML = '<input id="in-frame" type="text"><p id="frame-text">in a frame</p>';
  return {
    document, window, innerRoot, marked, plain, blocked, pay, submit, revealed, frame,
    deep: innerRoot.getElementById('deep'),
  };
}

test('closest() stops at a shadow root; composedClosest() goes on through hosts, slots and frames', () => {
  const p = componentPage();
  assert.equal(p.deep.closest('[data-tandem-mask]'), null, 'the browser API does not see the wrapper');
  assert.equal(composedClosest(p.deep, '[data-tandem-mask]').id, 'wrapper', 'two shadow roots deep');
  assert.equal(composedClosest(p.marked.getElementById('field'), '[data-tandem-mask]').id, 'marked', 'the host');
  assert.equal(composedClosest(p.plain.getElementById('field'), '[data-tandem-mask]'), null);
  const slotted = p.document.getElementById('slotted');
  assert.equal(composedClosest(slotted, '[data-tandem-mask]').tagName, 'DIV', 'through the slot it is assigned to');
  assert.equal(composedClosest(slotted, '[data-tandem-mask]', { slots: false }), null, 'not through tree parents');
  assert.equal(composedClosest(p.frame.getElementById('in-frame'), '[data-tandem-mask]').tagName, 'DIV',
    'a same-origin frame inside a masked element');
  assert.equal(treeParent(p.marked.lastChild).id, 'marked', 'text directly in a shadow root: its host');
});

test('fields inside components are private when the component or anything around it is marked', () => {
  const p = componentPage();
  assert.equal(isSensitiveInput(p.deep), true, 'a field two shadow roots inside a masked wrapper');
  assert.equal(isSensitiveInput(p.marked.getElementById('field')), true, 'a field of a marked component');
  assert.equal(isSensitiveInput(p.plain.getElementById('field')), false, 'an unmarked component');
  assert.equal(isSensitiveText(p.marked.lastChild), true, 'text directly in a marked component\'s shadow root');
  assert.equal(isSensitiveText(p.innerRoot.querySelector('label')), true, 'a label inside the masked wrapper');
  assert.equal(isSensitiveText(p.document.getElementById('slotted')), true, 'slotted into a masked place');
  assert.equal(isSensitiveInput(p.frame.getElementById('in-frame')), true, 'in a frame inside a mask');
  assert.equal(isSensitiveText(p.frame.getElementById('frame-text')), true);
  const options = rrwebMaskingOptions();
  assert.equal(options.maskInputFn('CNRY', p.deep), '••••••••', 'what rrweb calls for the field');
  assert.equal(options.maskTextSelector, '*', 'every text reaches maskTextFn');
});

test('blocked components block their shadow trees and what is slotted into them', () => {
  const p = componentPage();
  assert.equal(isInsideBlock(p.blocked.getElementById('in-block')), true);
  assert.equal(isInsideBlock(p.document.getElementById('slotted-in-block')), true);
  assert.equal(isInsideBlock(p.document.getElementById('blocked')), false, 'rrweb blocks the host itself');
  assert.equal(isInsideBlock(p.plain.getElementById('field')), false);
});

test('private by default: the allow-list reveals along the tree, a mask inside it still masks', () => {
  const p = componentPage();
  const options = { privateByDefault: true };
  assert.equal(isSensitiveInput(p.revealed.getElementById('field'), options), false, 'inside a revealed section');
  assert.equal(isSensitiveInput(p.plain.getElementById('field'), options), true, 'outside the allow-list');
  assert.equal(isSensitiveText(p.plain.getElementById('field'), options), true);
  const { document } = page('<section data-tandem-reveal><p id="p" data-tandem-mask>x</p></section>');
  assert.equal(isSensitiveText(document.getElementById('p'), options), true, 'mask wins over reveal');
});

test('remote control cannot reach into masked, blocked or no-control components', () => {
  const p = componentPage();
  assert.equal(refusal(p.deep), 'protected', 'a field inside a masked wrapper');
  assert.equal(refusal(p.marked.getElementById('field')), 'protected');
  assert.equal(refusal(p.pay.getElementById('b')), 'no-control', 'a button in a component in a no-control region');
  assert.equal(refusal(p.blocked.getElementById('in-block')), 'protected');
  assert.equal(refusal(p.submit.getElementById('label')), 'needs-confirm', 'confirm on the component');
  assert.equal(refusal(p.plain.getElementById('field')), null, 'an ordinary component field may be controlled');
  assert.equal(refusal(p.frame.getElementById('in-frame')), 'protected', 'a frame inside a mask');
});
