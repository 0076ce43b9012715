import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentSession, decodeBase64Url, encodeBase64Url, handoffFragment } from '../tandem/session-store.js';

function fakeWindow(hash) {
  const storage = new Map();
  const win = {
    location: { hash, pathname: '/demo/', search: '' },
    history: { replaceState: (a, b, url) => { win.replaced = url; } },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v),
      removeItem: (k) => storage.delete(k) },
  };
  return win;
}

test('a handed-over session is stored and removed from the address bar', () => {
  const session = { sessionId: 's1', credential: 'tdc1.abc', advisorName: 'Ålice', expiresAt: '2999-01-01T00:00:00Z' };
  const win = fakeWindow(handoffFragment(session));
  assert.deepEqual(currentSession(win), session);
  assert.equal(win.replaced, '/demo/');
  win.location.hash = '';
  assert.deepEqual(currentSession(win), session, 'the next page load finds it in sessionStorage');
});

test('an expired session is forgotten', () => {
  const win = fakeWindow(handoffFragment({ sessionId: 's', credential: 'c', expiresAt: '2000-01-01T00:00:00Z' }));
  assert.equal(currentSession(win), null);
});

test('a damaged fragment is ignored', () => {
  assert.equal(currentSession(fakeWindow('#tandem=%%%')), null);
});

test('base64url round trip keeps unicode', () => {
  assert.equal(decodeBase64Url(encodeBase64Url('é ✓ 😀')), 'é ✓ 😀');
});
