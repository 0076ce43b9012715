import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, encodeFrame, payloadJson } from '../lib/frames.js';

test('a frame is the JSON header, a line feed, then the payload bytes', () => {
  const frame = encodeFrame({ t: 'dom.mut', s: 3 }, '{"a":"ü"}');
  const text = new TextDecoder().decode(frame);
  assert.equal(text, '{"t":"dom.mut","s":3}\n{"a":"ü"}');
});

test('decoding splits at the first line feed only', () => {
  const frame = encodeFrame({ t: 'dom.mut', s: 1 }, 'line one\nline two');
  const decoded = decodeFrame(frame.buffer);
  assert.deepEqual(decoded.header, { t: 'dom.mut', s: 1 });
  assert.equal(decoded.payload, 'line one\nline two');
});

test('payloadJson parses the payload and tolerates an empty one', () => {
  assert.deepEqual(payloadJson(decodeFrame(encodeFrame({ t: 'x' }, '{"n":1}'))), { n: 1 });
  assert.equal(payloadJson(decodeFrame(encodeFrame({ t: 'x' }, ''))), null);
});

test('a frame without a header line is rejected', () => {
  assert.throws(() => decodeFrame(new TextEncoder().encode('no line feed')), /header/);
});
