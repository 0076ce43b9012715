import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HELLO, RECORD, STOP, allFrames, frameMasking, frameOfWindow, framedByTrustedParent, isForeignFrame, isFrameEvent, parseFrameParents,
  recordRequest, stopRequest, trustsOrigin,
} from '../lib/cross-frame.js';
import { page } from './dom.mjs';

test('trusted parents are exact http(s) origins; anything else in the attribute is ignored', () => {
  assert.deepEqual(parseFrameParents(' https://www.bank.example  https://App.Bank.example/ http://localhost:8080 '),
    ['https://www.bank.example', 'https://app.bank.example', 'http://localhost:8080']);
  assert.deepEqual(parseFrameParents('https://bank.example:443'), ['https://bank.example']);
  for (const bad of ['*', 'null', 'bank.example', 'https://bank.example/pay', 'https://bank.example?x=1',
    'https://user@bank.example', 'javascript:alert(1)', 'file:///etc', 'https://*.bank.example', '']) {
    assert.deepEqual(parseFrameParents(bad), [], bad);
  }
  assert.deepEqual(parseFrameParents(null), []);
  assert.deepEqual(parseFrameParents('https://a.example https://a.example'), ['https://a.example']);
});

test('an origin is trusted only when listed exactly; "null" and empty never', () => {
  const parents = parseFrameParents('https://www.bank.example');
  assert.equal(trustsOrigin(parents, 'https://www.bank.example'), true);
  assert.equal(trustsOrigin(parents, 'https://bank.example'), false);
  assert.equal(trustsOrigin(parents, 'http://www.bank.example'), false);
  assert.equal(trustsOrigin(parents, 'https://www.bank.example.evil.example'), false);
  assert.equal(trustsOrigin(parents, 'https://www.bank.example:8443'), false);
  assert.equal(trustsOrigin(parents, 'null'), false);
  assert.equal(trustsOrigin(parents, ''), false);
  assert.equal(trustsOrigin(parents, undefined), false);
  assert.equal(trustsOrigin(['null'], 'null'), false);
});

test('the child acts on a request only from its own parent window and a trusted origin', () => {
  const parents = ['https://www.bank.example'];
  const parentWindow = {};
  const ask = (over = {}) => ({ source: parentWindow, origin: 'https://www.bank.example',
    data: { type: RECORD, maskAll: false, maskAllInputs: true, token: 'f1' }, ...over });
  assert.deepEqual(recordRequest(ask(), parents, parentWindow), { maskAll: false, maskAllInputs: true, token: 'f1' });
  assert.equal(recordRequest(ask({ origin: 'https://evil.example' }), parents, parentWindow), null, 'hostile parent');
  assert.equal(recordRequest(ask({ source: {} }), parents, parentWindow), null, 'another window of a trusted origin');
  assert.equal(recordRequest(ask({ source: null }), parents, parentWindow), null);
  assert.equal(recordRequest(ask({ data: { type: HELLO } }), parents, parentWindow), null);
  assert.equal(recordRequest(ask({ data: 'tandem:frame-record' }), parents, parentWindow), null);
  assert.equal(recordRequest(ask(), [], parentWindow), null, 'a tag without trusted parents records for nobody');
  // only a literal true masks less than everything is ever read as true
  assert.deepEqual(recordRequest(ask({ data: { type: RECORD, maskAll: 'yes' } }), parents, parentWindow),
    { maskAll: false, maskAllInputs: false, token: '' });
  assert.equal(stopRequest(ask({ data: { type: STOP } }), parents, parentWindow), true);
  assert.equal(stopRequest(ask({ data: { type: STOP }, origin: 'https://evil.example' }), parents, parentWindow),
    false);
});

test('a framed page keeps behaving as a page of its own unless its parent is listed', () => {
  const win = (ancestor, referrer = '') => {
    const w = { location: { ancestorOrigins: ancestor ? [ancestor] : [] }, document: { referrer } };
    w.parent = {};
    return w;
  };
  const parents = ['https://www.bank.example'];
  assert.equal(framedByTrustedParent(win('https://www.bank.example'), parents), true);
  assert.equal(framedByTrustedParent(win('https://evil.example'), parents), false);
  assert.equal(framedByTrustedParent(win('https://www.bank.example'), []), false);
  assert.equal(framedByTrustedParent(win(null, 'https://www.bank.example/loans?x=1'), parents), true, 'referrer');
  assert.equal(framedByTrustedParent(win(null, ''), parents), false);
  const top = win('https://www.bank.example');
  top.parent = top;
  assert.equal(framedByTrustedParent(top, parents), false, 'a top-level page shows its own Get help');
});

test('the parent asks no blocked frame and tells a masked one to mask everything', () => {
  const { document } = page(`
    <iframe id="plain"></iframe>
    <iframe id="blocked" data-tandem-block></iframe>
    <div data-tandem-block><iframe id="in-block"></iframe></div>
    <div data-tandem-mask><iframe id="in-mask"></iframe></div>
    <iframe id="on-mask" data-tandem-mask></iframe>
    <div data-tandem-reveal><iframe id="revealed"></iframe></div>`);
  const rules = (id, masking) => frameMasking(document.getElementById(id), masking);
  assert.deepEqual(rules('plain'), { maskAll: false, maskAllInputs: false });
  assert.equal(rules('blocked'), null);
  assert.equal(rules('in-block'), null);
  assert.deepEqual(rules('in-mask'), { maskAll: true, maskAllInputs: true });
  assert.deepEqual(rules('on-mask'), { maskAll: true, maskAllInputs: true });
  assert.deepEqual(rules('plain', { maskAllInputs: true }), { maskAll: false, maskAllInputs: true });
  assert.deepEqual(rules('plain', { privateByDefault: true }), { maskAll: true, maskAllInputs: true });
  assert.deepEqual(rules('revealed', { privateByDefault: true }), { maskAll: false, maskAllInputs: false });
  const detached = document.getElementById('plain');
  detached.remove();
  assert.equal(frameMasking(detached), null, 'a frame no longer on the page');
});

test('the parent finds the frame a message came from, also in a shadow root, and nothing else', () => {
  const { document } = page('<iframe id="a"></iframe><div id="host"></div>');
  const host = document.getElementById('host');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<iframe id="b"></iframe>';
  const a = document.getElementById('a');
  const b = root.getElementById('b');
  assert.deepEqual(allFrames(document).map((f) => f.id).sort(), ['a', 'b']);
  assert.equal(frameOfWindow(document, a.contentWindow), a);
  // (jsdom gives a frame inside a shadow root no window, so the lookup by window is shown with the other one)
  assert.ok(b);
  assert.equal(frameOfWindow(document, document.defaultView), null, 'the page itself is no frame');
  assert.equal(frameOfWindow(document, {}), null);
  assert.equal(frameOfWindow(document, null), null);
});

test('only rrweb page and change events are merged from a frame', () => {
  const event = (type) => ({ type: 'rrweb', event: { type, data: {} }, origin: 'https://x.example' });
  assert.equal(isFrameEvent(event(2)), true);
  assert.equal(isFrameEvent(event(3)), true);
  assert.equal(isFrameEvent(event(4)), true);
  for (const type of [0, 1, 5, 6, 'x', undefined]) assert.equal(isFrameEvent(event(type)), false, String(type));
  assert.equal(isFrameEvent({ type: 'rrweb', event: { type: 3 } }), false, 'no data');
  assert.equal(isFrameEvent({ type: 'other', event: { type: 3, data: {} } }), false);
  assert.equal(isFrameEvent(null), false);
  assert.equal(isFrameEvent('rrweb'), false);
});

test('a frame loading a page of another origin is foreign before that page has arrived', () => {
  const { document } = page(`<iframe id="other" src="https://partner.example/calculator"></iframe>
    <iframe id="empty"></iframe><iframe id="blank" src="about:blank"></iframe>`);
  assert.equal(isForeignFrame(document.getElementById('other')), true);
  assert.equal(isForeignFrame(document.getElementById('empty')), false);
  assert.equal(isForeignFrame(document.getElementById('blank')), false);
  assert.equal(isForeignFrame({ get contentDocument() { throw new Error('cross-origin'); } }), true);
  assert.equal(isForeignFrame({ contentDocument: null }), true);
});
