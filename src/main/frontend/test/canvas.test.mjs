import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FPS, MAX_FPS, MAX_FRAME_BYTES, canvasFps, canvasFrame, canvasFramePlugin, canvasRecordOptions,
} from '../lib/canvas.js';
import { sanitizeEvent } from '../lib/sanitize.js';
import { page } from './dom.mjs';

/** rrweb's sampled frame of canvas `id`: clear, then draw one encoded image. */
function sampled(id, base64, type = 'image/webp') {
  return { type: 3, timestamp: 5, data: { source: 9, id, type: 0, commands: [
    { property: 'clearRect', args: [0, 0, 300, 150] },
    { property: 'drawImage', args: [{ rr_type: 'ImageBitmap', args: [{ rr_type: 'Blob',
      data: [{ rr_type: 'ArrayBuffer', base64 }], type }] }, 0, 0] }] } };
}

test('the site\'s frame rate: default 2, capped at 10, 0 turns canvas mirroring off', () => {
  assert.equal(canvasFps(null), DEFAULT_FPS);
  assert.equal(canvasFps(''), DEFAULT_FPS);
  assert.equal(canvasFps('fast'), DEFAULT_FPS);
  assert.equal(canvasFps('5'), 5);
  assert.equal(canvasFps('0.5'), 0.5);
  assert.equal(canvasFps('60'), MAX_FPS);
  assert.equal(canvasFps('-3'), 0);
  assert.equal(canvasFps('0'), 0);
  assert.deepEqual(canvasRecordOptions(0), { recordCanvas: false, sampling: {} });
  const on = canvasRecordOptions(2);
  assert.equal(on.recordCanvas, true);
  assert.deepEqual(on.sampling, { canvas: 2 });
  assert.equal(on.dataURLOptions.type, 'image/webp');
});

test('a sampled frame becomes an rr_dataURL change of its canvas; other events pass unchanged', () => {
  const frame = canvasFrame(sampled(7, 'AAAA'));
  assert.deepEqual(frame, { type: 3, timestamp: 5, data: { source: 0, texts: [], removes: [], adds: [],
    attributes: [{ id: 7, attributes: { rr_dataURL: 'data:image/webp;base64,AAAA' } }] } });
  const scroll = { type: 3, data: { source: 3, id: 1, x: 0, y: 4 } };
  assert.equal(canvasFrame(scroll), scroll);
  assert.equal(canvasFrame(sampled(7, 'AAAA', 'text/html')).data.attributes[0].attributes.rr_dataURL,
    'data:image/png;base64,AAAA', 'an unexpected type is not put into the URL');
});

test('a frame over the size limit, and canvas commands of any other form, are dropped', () => {
  assert.equal(canvasFrame(sampled(7, 'A'.repeat(MAX_FRAME_BYTES))), null);
  assert.notEqual(canvasFrame(sampled(7, 'A'.repeat(MAX_FRAME_BYTES - 100))), null);
  assert.equal(canvasFrame({ type: 3, data: { source: 9, id: 7, type: 0,
    commands: [{ property: 'fillRect', args: [0, 0, 1, 1] }] } }), null);
});

test('no image of a canvas in a masked, blocked or not revealed place leaves; an open canvas\'s does', () => {
  const { document } = page(`<canvas id="open"></canvas><div data-tandem-mask><canvas id="masked"></canvas></div>
    <div data-tandem-reveal><canvas id="revealed"></canvas></div>`);
  const ids = new Map([[1, 'open'], [2, 'masked'], [3, 'revealed']]);
  const nodeOf = (id) => document.getElementById(ids.get(id)) || null;
  const frameOf = (id, options) => sanitizeEvent(canvasFrame(sampled(id, 'AAAA')), nodeOf, options);
  assert.notEqual(frameOf(1), null, 'an open canvas is mirrored');
  assert.equal(frameOf(2), null, 'a masked canvas is not');
  assert.equal(frameOf(1, { privateByDefault: true }), null, 'private-by-default: not revealed');
  assert.notEqual(frameOf(3, { privateByDefault: true }), null, 'private-by-default: revealed');
  assert.equal(frameOf(99), null, 'an unknown canvas fails closed');
  assert.equal(sanitizeEvent(sampled(2, 'AAAA'), nodeOf), null, 'rrweb\'s own form, for a masked canvas');

  // the image a snapshot carries
  const snapshot = { type: 2, data: { node: { type: 2, id: 10, tagName: 'body', attributes: {}, childNodes: [
    { type: 2, id: 1, tagName: 'canvas', attributes: { rr_dataURL: 'data:image/webp;base64,OPEN' }, childNodes: [] },
    { type: 2, id: 2, tagName: 'canvas', attributes: { rr_dataURL: 'data:image/webp;base64,CNRY' }, childNodes: [] },
    { type: 2, id: 3, tagName: 'canvas', attributes: { rr_dataURL: `data:image/webp;base64,${'B'.repeat(MAX_FRAME_BYTES)}` },
      childNodes: [] }] } } };
  ids.set(10, 'body');
  document.body.id = 'body';
  sanitizeEvent(snapshot, nodeOf);
  const [open, masked, large] = snapshot.data.node.childNodes;
  assert.equal(open.attributes.rr_dataURL, 'data:image/webp;base64,OPEN');
  assert.equal('rr_dataURL' in masked.attributes, false);
  assert.equal('rr_dataURL' in large.attributes, false, 'an oversized image is left out');
});

test('the viewer shows a frame as the canvas box\'s background, and only an image data URL', () => {
  const { document } = page('<canvas id="c" width="300" height="150"></canvas>');
  const canvas = document.getElementById('c');
  const replayer = { getMirror: () => ({ getNode: (id) => (id === 7 ? canvas : null), getMeta: () => null }) };
  const plugin = canvasFramePlugin();
  const frame = (url, size = {}) => ({ type: 3, data: { source: 0, adds: [], removes: [], texts: [],
    attributes: [{ id: 7, attributes: { rr_dataURL: url, ...size } }] } });
  canvas.setAttribute('rr_dataURL', 'data:image/webp;base64,AAAA'); // as rrweb's live replay leaves it
  plugin.handler(frame('data:image/webp;base64,AAAA', { rr_width: '300px', rr_height: '150px' }), false, { replayer });
  assert.equal(canvas.style.backgroundImage, 'url("data:image/webp;base64,AAAA")');
  assert.equal(canvas.style.width, '300px');
  assert.equal(canvas.hasAttribute('rr_dataURL'), false, 'the image is not kept as an attribute');
  for (const url of ['data:image/png;base64,AA"); background: url("https://evil.example/x', 'https://evil.example/x.png',
    'data:image/svg+xml;base64,PHN2Zz4=', 'javascript:alert(1)']) {
    plugin.handler(frame(url, { rr_width: '1px; position: fixed' }), false, { replayer });
    assert.equal(canvas.style.backgroundImage, 'url("data:image/webp;base64,AAAA")', url);
    assert.equal(canvas.style.width, '300px');
  }
  const meta = { attributes: { rr_dataURL: 'data:image/png;base64,BBBB' } };
  const built = document.createElement('canvas');
  plugin.onBuild(built, { id: 8, replayer: { getMirror: () => ({ getMeta: () => meta }) } });
  assert.equal(built.style.backgroundImage, 'url("data:image/png;base64,BBBB")', 'a snapshot\'s image, when built');
});

test('a replay that seeks shows each canvas\'s last frame before that point once rrweb has flushed', () => {
  const { document } = page('<canvas id="c"></canvas>');
  const canvas = document.getElementById('c');
  const listeners = {};
  const replayer = { getMirror: () => ({ getNode: () => canvas }), on: (name, f) => { listeners[name] = f; } };
  const plugin = canvasFramePlugin();
  const frame = (url) => ({ type: 3, data: { source: 0, attributes: [{ id: 7, attributes: { rr_dataURL: url } }] } });
  plugin.handler(frame('data:image/webp;base64,OLD'), true, { replayer });
  plugin.handler(frame('data:image/webp;base64,LAST'), true, { replayer });
  assert.equal(canvas.style.backgroundImage, '', 'nothing shown while rrweb plays into its virtual DOM');
  listeners.flush();
  assert.equal(canvas.style.backgroundImage, 'url("data:image/webp;base64,LAST")');
  plugin.handler(frame('data:image/webp;base64,STALE'), true, { replayer });
  plugin.handler({ type: 2, data: { node: {} } }, true, { replayer });
  listeners.flush();
  assert.equal(canvas.style.backgroundImage, 'url("data:image/webp;base64,LAST")', 'a later snapshot wins');
});
