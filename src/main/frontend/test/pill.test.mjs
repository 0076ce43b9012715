import test from 'node:test';
import assert from 'node:assert/strict';
import { clampInto } from '../tandem/pill.js';

test('the pill stays inside the window, a margin from its edges', () => {
  assert.deepEqual(clampInto(100, 200, 300, 40, 1280, 800), { x: 100, y: 200 });
  assert.deepEqual(clampInto(-50, -10, 300, 40, 1280, 800), { x: 8, y: 8 });
  assert.deepEqual(clampInto(5000, 5000, 300, 40, 1280, 800), { x: 972, y: 752 });
});

test('a window narrower than the pill keeps its left edge in view', () => {
  assert.deepEqual(clampInto(100, 100, 500, 40, 320, 600), { x: 8, y: 100 });
});
