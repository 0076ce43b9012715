import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Defuser, keepAttribute, schemeOf } from '../lib/defuse.js';

const el = (id, tagName, attributes = {}, childNodes = []) => ({ type: 2, id, tagName, attributes, childNodes });
const snapshot = (node) => ({ type: 2, data: { node } });
const mutation = (data) => ({ type: 3, data: { source: 0, adds: [], removes: [], texts: [], attributes: [], ...data } });

test('a full snapshot loses event handlers, script URLs, srcdoc, refresh and script bodies at any depth', () => {
  const tree = el(1, 'html', {}, [
    el(2, 'body', { onload: 'steal()' }, [
      el(3, 'img', { src: '/logo.png', onerror: 'steal()', OnMouseOver: 'x()' }),
      el(4, 'a', { href: ' \tjava\nscript:steal()', title: 'Pay' }),
      el(5, 'iframe', { srcdoc: '<script>steal()</script>', src: 'data:text/html,<script>x()</script>' }),
      el(6, 'meta', { 'http-equiv': 'Refresh', content: '0;url=/console/sign-out' }),
      el(7, 'script', { src: '/evil.js' }, [{ type: 3, id: 8, textContent: 'steal()' }]),
      el(9, 'form', { action: 'VBScript:x' }, [el(10, 'button', { formaction: 'javascript:x()', type: 'submit' })]),
      el(11, 'img', { src: 'data:image/png;base64,AAAA', alt: 'chart' }),
    ]),
  ]);
  new Defuser().defuse(snapshot(tree));
  const [body] = tree.childNodes;
  const [img, a, iframe, meta, script, form, dataImg] = body.childNodes;
  assert.deepEqual(body.attributes, {});
  assert.deepEqual(img.attributes, { src: '/logo.png' });
  assert.deepEqual(a.attributes, { title: 'Pay' });
  assert.deepEqual(iframe.attributes, {});
  assert.deepEqual(meta.attributes, { 'http-equiv': 'Refresh' });
  assert.deepEqual(script.attributes, {});
  assert.deepEqual(script.childNodes, []);
  assert.deepEqual(form.attributes, {});
  assert.deepEqual(form.childNodes[0].attributes, { type: 'submit' });
  assert.deepEqual(dataImg.attributes, { src: 'data:image/png;base64,AAAA', alt: 'chart' }, 'a data: image is a picture');
});

test('added nodes and attribute changes are defused, using the tag of the node they change', () => {
  const defuser = new Defuser();
  defuser.defuse(snapshot(el(1, 'html', {}, [el(2, 'body', {}, [el(3, 'iframe', {}), el(4, 'img', {})])])));
  const added = el(20, 'div', { onclick: 'x()' }, [el(21, 'a', { href: 'javascript:x()' })]);
  const change = mutation({
    adds: [{ parentId: 2, nextId: null, node: added }],
    attributes: [
      { id: 3, attributes: { src: 'data:text/html,<script>x()</script>', onload: 'x()', title: null } },
      { id: 4, attributes: { src: 'data:image/gif;base64,R0lG', onerror: 'x()', style: { color: 'red' } } },
      { id: 21, attributes: { href: 'https://bank.example/ok', onfocus: null } },
    ],
  });
  defuser.defuse(change);
  assert.deepEqual(added.attributes, {});
  assert.deepEqual(added.childNodes[0].attributes, {});
  assert.deepEqual(change.data.attributes[0].attributes, { title: null }, 'a data: document in a frame is dropped');
  assert.deepEqual(change.data.attributes[1].attributes, { src: 'data:image/gif;base64,R0lG', style: { color: 'red' } });
  assert.deepEqual(change.data.attributes[2].attributes, { href: 'https://bank.example/ok', onfocus: null },
    'removing a handler is harmless and stays');
});

test('the scheme is read as a browser reads it', () => {
  assert.equal(schemeOf('\u0001 JavaScript:alert(1)'), 'javascript');
  assert.equal(schemeOf('jav\tascript:alert(1)'), 'javascript');
  assert.equal(schemeOf('/relative/javascript:no'), '');
  assert.equal(schemeOf('https://x'), 'https');
  assert.equal(keepAttribute('a', 'href', '#top'), true);
  assert.equal(keepAttribute('img', 'srcset', 'a.png 1x'), true);
});

test('other events pass untouched', () => {
  const pointer = { type: 3, data: { source: 1, positions: [{ x: 1, y: 2, id: 3, timeOffset: 0 }] } };
  assert.equal(new Defuser().defuse(pointer), pointer);
  assert.deepEqual(pointer.data.positions, [{ x: 1, y: 2, id: 3, timeOffset: 0 }]);
});
