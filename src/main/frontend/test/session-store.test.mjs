import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorization, currentSession, exchangeHandoff, handoffUrl, remember, takeHandoffCode }
  from '../tandem/session-store.js';

const CODE = 'A'.repeat(20) + '_-' + 'b'.repeat(21); // 43 base64url characters

function fakeWindow(hash) {
  const storage = new Map();
  const win = {
    location: { hash, pathname: '/demo/', search: '?q=1' },
    history: { replaceState: (a, b, url) => { win.replaced = url; } },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v),
      removeItem: (k) => storage.delete(k) },
  };
  return win;
}

test('a handoff code is taken out of the address bar, keeping the rest of the fragment', () => {
  const win = fakeWindow('#section-2&tandem-handoff=' + CODE);
  assert.equal(takeHandoffCode(win), CODE);
  assert.equal(win.replaced, '/demo/?q=1#section-2');
  const alone = fakeWindow('#tandem-handoff=' + CODE);
  assert.equal(takeHandoffCode(alone), CODE);
  assert.equal(alone.replaced, '/demo/?q=1');
});

test('an old-style fragment carrying a credential is removed and hands nothing over', () => {
  const win = fakeWindow('#tandem=eyJzZXNzaW9uSWQiOiJzIiwiY3JlZGVudGlhbCI6ImMifQ');
  assert.equal(takeHandoffCode(win), null);
  assert.equal(win.replaced, '/demo/?q=1');
  assert.equal(currentSession(win), null, 'nothing was stored from it');
});

test('a damaged code is removed and ignored; a page without one is left alone', () => {
  const damaged = fakeWindow('#tandem-handoff=short');
  assert.equal(takeHandoffCode(damaged), null);
  assert.equal(damaged.replaced, '/demo/?q=1');
  const plain = fakeWindow('#top');
  assert.equal(takeHandoffCode(plain), null);
  assert.equal(plain.replaced, undefined);
});

test('the session is kept per tab; an expired one is forgotten', () => {
  const win = fakeWindow('');
  const session = { sessionId: 's1', credential: 'tdc1.abc', advisorName: 'Ålice', expiresAt: '2999-01-01T00:00:00Z' };
  remember(session, win);
  assert.deepEqual(currentSession(win), session);
  remember({ ...session, expiresAt: '2000-01-01T00:00:00Z' }, win);
  assert.equal(currentSession(win), null);
  assert.equal(currentSession(win), null);
});

test('handoffUrl asks for a code with the credential and puts only the code in the URL', async () => {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    return { ok: true, json: async () => ({ code: CODE, expiresAt: '2999-01-01T00:00:00Z' }) };
  };
  const url = await handoffUrl('https://tandem.example', 'https://bank.example/start#old',
    { sessionId: 's', credential: 'tdc1.secret' }, { muted: { audio: true, video: false } }, fetchImpl);
  assert.equal(url, 'https://bank.example/start#tandem-handoff=' + CODE);
  assert.ok(!url.includes('tdc1'), 'no credential in the URL');
  assert.equal(calls[0].url, 'https://tandem.example/api/handoff');
  assert.equal(calls[0].init.headers.Authorization, 'Customer tdc1.secret');
  assert.deepEqual(JSON.parse(calls[0].init.body), { call: { audio: true, video: false } });
  assert.equal(authorization({ kind: 'stage', credential: 'tds1.x' }), 'Stage tds1.x');
});

test('exchangeHandoff returns the server\'s session and names, or the server\'s words when the link is gone', async () => {
  const ok = await exchangeHandoff('https://t', CODE, async (url, init) => {
    assert.equal(url, 'https://t/api/handoff/exchange');
    assert.deepEqual(JSON.parse(init.body), { code: CODE });
    return { ok: true, json: async () => ({ sessionId: 's', credential: 'tdc1.c', expiresAt: 'x', kind: 'customer',
      advisorName: 'Alice Archer', call: { audio: false, video: true } }) };
  });
  assert.deepEqual(ok.session, { sessionId: 's', credential: 'tdc1.c', expiresAt: 'x', advisorName: 'Alice Archer',
    call: { muted: { audio: false, video: true } } });
  const gone = await exchangeHandoff('https://t', CODE, async () => ({ ok: false,
    json: async () => ({ status: 410, detail: 'This link has already been used or has expired.' }) }));
  assert.equal(gone.error, 'This link has already been used or has expired.');
  const down = await exchangeHandoff('https://t', CODE, async () => { throw new TypeError('network'); });
  assert.match(down.error, /cannot be reached/);
});

test('the language the customer chose travels beside the code, is taken out of the address bar and chosen here', async () => {
  const { chosenLanguage, language, setLanguage } = await import('../lib/i18n.js');
  const win = fakeWindow('#tandem-handoff=' + CODE + '&tandem-lang=nl');
  assert.equal(takeHandoffCode(win), CODE);
  assert.equal(win.replaced, '/demo/?q=1');
  assert.equal(language(), 'nl');
  assert.equal(chosenLanguage(), 'nl');
  const fetchImpl = async () => ({ ok: true, json: async () => ({ code: CODE }) });
  assert.equal(await handoffUrl('https://tandem.example', 'https://bank.example/next', { credential: 'c' }, null,
    fetchImpl), 'https://bank.example/next#tandem-handoff=' + CODE + '&tandem-lang=nl');
  const odd = fakeWindow('#tandem-handoff=' + CODE + '&tandem-lang=%3Cscript%3E');
  assert.equal(takeHandoffCode(odd), CODE);
  assert.equal(language(), 'nl', 'a language this page does not speak is ignored');
  setLanguage('en');
});
