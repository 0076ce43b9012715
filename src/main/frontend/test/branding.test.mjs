import test from 'node:test';
import assert from 'node:assert/strict';
import { contrast, isColour, textOn } from '../lib/branding.js';

test('white text on a dark colour, dark text on a light one', () => {
  assert.equal(textOn('#163a63'), '#ffffff');
  assert.equal(textOn('#f5b400'), '#111827');
  assert.equal(textOn('#ffffff'), '#111827');
});

test('the text chosen reaches WCAG AA (4.5:1) on every colour', () => {
  for (let r = 0; r < 256; r += 15) {
    for (let g = 0; g < 256; g += 15) {
      for (let b = 0; b < 256; b += 15) {
        const colour = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
        assert.ok(contrast(colour, textOn(colour)) >= 4.5, colour);
      }
    }
  }
});

test('contrast matches the WCAG definition at its ends', () => {
  assert.equal(contrast('#000000', '#ffffff'), 21);
  assert.equal(contrast('#777777', '#777777'), 1);
});

test('only #rrggbb is a colour', () => {
  assert.ok(isColour('#1A2b3c'));
  for (const bad of ['red', '#fff', '#12345g', 'url(x)', '#1234567', '', null]) assert.ok(!isColour(bad), bad);
});
