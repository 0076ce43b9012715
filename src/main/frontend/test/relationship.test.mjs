import test from 'node:test';
import assert from 'node:assert/strict';
import { category, nps, standing } from '../supervisor/relationship.js';

test('categories at their edges', () => {
  assert.deepEqual([0, 6, 7, 8, 9, 10].map(category),
    ['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  assert.equal(category(null), null);
});

test('NPS: no answers, all promoters, all detractors, mixed and rounding', () => {
  assert.equal(nps([]), null);
  assert.equal(nps([9, 10, 10]), 100);
  assert.equal(nps([0, 3, 6]), -100);
  assert.equal(nps([10, 7, 2]), 0);
  assert.equal(nps([10, 10, 2]), 33);
  assert.equal(nps([10, 2, 2]), -33);
});

test("a customer's category is their latest answer's; the trend compares it with the earlier ones", () => {
  const t = (score) => (score === null ? {} : { feedback: { score } });
  assert.deepEqual(standing([t(9), t(null), t(4), t(6)]), { category: 'promoter', trend: 'up', latest: 9, answers: 3 });
  assert.equal(standing([t(3), t(9)]).trend, 'down');
  assert.equal(standing([t(8), t(8)]).trend, 'steady');
  assert.deepEqual(standing([t(null)]), { category: null, trend: null, latest: null, answers: 0 });
  assert.equal(standing([t(7)]).trend, null);
});
