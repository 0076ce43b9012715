import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tabStorage } from '../tandem/tab-storage.js';
import { currentSession, remember } from '../tandem/session-store.js';
import { forgetCall, rememberCall, storedCall } from '../tandem/site-call.js';

/** A window whose sessionStorage the browser denies, as Chromium does in a frame of another site. */
function deniedWindow() {
  return {
    location: { hash: '', pathname: '/', search: '' },
    get sessionStorage() {
      throw Object.assign(new Error("Failed to read the 'sessionStorage' property from 'Window'"),
        { name: 'SecurityError' });
    },
  };
}

test('where sessionStorage is denied, the page keeps what it needs in memory instead of failing', () => {
  const win = deniedWindow();
  const storage = tabStorage(win);
  storage.setItem('k', 'v');
  assert.equal(storage.getItem('k'), 'v');
  const session = { sessionId: 's', credential: 'c', expiresAt: '2999-01-01T00:00:00Z' };
  assert.doesNotThrow(() => remember(session, win));
  assert.deepEqual(currentSession(win), session);
  assert.doesNotThrow(() => rememberCall({ active: true }, win));
  assert.equal(storedCall(win).active, true);
  assert.doesNotThrow(() => forgetCall(win));
  assert.deepEqual(storedCall(win), {});
});

test('where it is allowed, it is the tab\'s own sessionStorage', () => {
  const own = { getItem: () => 'x', setItem() {}, removeItem() {} };
  assert.equal(tabStorage({ sessionStorage: own }), own);
});
