import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameRouter } from '../lib/frame-router.js';

test('routes by exact type, by family and for every frame, in the order added', () => {
  const seen = [];
  const router = new FrameRouter()
    .on('sys.welcome', (t) => { seen.push('welcome ' + t); })
    .on('*', (t) => { seen.push('every ' + t); })
    .on('ann.*', (t) => { seen.push('family ' + t); })
    .on(['sys.reset', 'sys.stage'], (t) => { seen.push('either ' + t); });
  router.dispatch('sys.welcome', {});
  router.dispatch('ann.begin', {});
  router.dispatch('sys.stage', {});
  router.dispatch('annx.begin', {});
  assert.deepEqual(seen, ['welcome sys.welcome', 'every sys.welcome', 'every ann.begin', 'family ann.begin',
    'every sys.stage', 'either sys.stage', 'every annx.begin']);
});

test('a route that returns true claims the frame: later routes do not see it', () => {
  const seen = [];
  const router = new FrameRouter()
    .on('*', (t) => t === 'doc.open')
    .on('doc.*', (t) => { seen.push(t); });
  assert.equal(router.dispatch('doc.open', {}), true);
  assert.equal(router.dispatch('doc.page', {}), false);
  assert.deepEqual(seen, ['doc.page']);
});

test('except leaves a type of a family to other routes', () => {
  const seen = [];
  const router = new FrameRouter()
    .on(['ann.*', 'ptr.*'], (t) => { seen.push('drawing ' + t); return true; }, { except: ['ptr.move'] })
    .on('ptr.move', (t, f) => { seen.push('pointer ' + f.from); });
  router.dispatch('ptr.click', {});
  router.dispatch('ptr.move', { from: 'customer' });
  assert.deepEqual(seen, ['drawing ptr.click', 'pointer customer']);
});

test('the frame is passed on, and a route added later applies to types already seen', () => {
  const router = new FrameRouter();
  const frames = [];
  router.dispatch('sys.end', { n: 1 });
  router.on('sys.end', (t, f) => { frames.push(f.n); });
  router.handler()('sys.end', { n: 2 });
  assert.deepEqual(frames, [2]);
});
