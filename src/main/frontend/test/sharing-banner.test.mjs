import test from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><body></body>', { url: 'https://insurer.example/' });
for (const key of ['window', 'document', 'sessionStorage', 'HTMLElement', 'Node']) globalThis[key] = window[key];
globalThis.window = window;
const { SharingBanner } = await import('../tandem/ui.js');

test('the sharing pill names everyone the page is shared with, and says one line at a time', () => {
  const banner = new SharingBanner('Alice Archer', () => {}, () => {});
  banner.show();
  const root = document.querySelector('[data-tandem-ui=banner]').shadowRoot;
  assert.equal(root.querySelector('.who').textContent, 'Sharing this page with Alice Archer');
  assert.equal(root.querySelector('.call').getAttribute('aria-label'), 'Start a video call with Alice Archer');
  banner.setPeople(['Alice Archer', 'Ben Baker']);
  assert.equal(root.querySelector('.who').textContent, 'Sharing this page with Alice Archer and Ben Baker');
  banner.setPeople([]);
  assert.equal(root.querySelector('.who').textContent, 'Sharing this page with your advisor');
  banner.say('Ben Baker from Claims joined');
  banner.say('Your advisor is now Ben Baker');
  assert.equal(banner.saidText(), 'Your advisor is now Ben Baker');
  assert.deepEqual(banner.lines, ['Ben Baker from Claims joined', 'Your advisor is now Ben Baker']);
  banner.remove();
  clearTimeout(banner.saidTimer);
});
