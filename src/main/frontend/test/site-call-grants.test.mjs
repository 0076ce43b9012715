import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptGrant, stillValid, storedCall, forgetCall } from '../tandem/site-call.js';

function tab() {
  const items = new Map();
  return { sessionStorage: { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k) } };
}

const at = (ms) => new Date(ms).toISOString();

test('the next page rejoins with the token the previous page fetched while it has life left; a reconnect fetches', async () => {
  const win = tab();
  let now = 1_000_000;
  let fetched = 0;
  const fetchToken = async () => ({ url: 'ws://x', token: 't' + ++fetched, expiresAt: at(now + 120_000) });
  const first = keptGrant('signaling', fetchToken, win, () => now);
  assert.equal((await first()).token, 't1', 'nothing kept: fetched');
  now += 5_000; // the customer opens the next page of the site
  const second = keptGrant('signaling', fetchToken, win, () => now);
  assert.equal((await second()).token, 't1', 'the kept token serves the rejoin');
  assert.equal(fetched, 1);
  assert.equal((await second()).token, 't2', 'a reconnect on the same page asks for a fresh one');
  now += 100_000; // t2 has 20 s left: too little to open a socket safely
  const third = keptGrant('signaling', fetchToken, win, () => now);
  assert.equal((await third()).token, 't3');
});

test('ICE servers are kept while their TURN credential lasts, STUN-only lists for ten minutes', () => {
  const now = 5_000_000;
  assert.equal(stillValid('ice', { value: { iceServers: [], expiresAt: at(now + 61_000) }, at: now }, now), true);
  assert.equal(stillValid('ice', { value: { iceServers: [], expiresAt: at(now + 59_000) }, at: now }, now), false);
  assert.equal(stillValid('ice', { value: { iceServers: [], expiresAt: null }, at: now - 9 * 60_000 }, now), true);
  assert.equal(stillValid('ice', { value: { iceServers: [], expiresAt: null }, at: now - 11 * 60_000 }, now), false);
  assert.equal(stillValid('signaling', { value: { token: 't', expiresAt: at(now + 29_000) }, at: now }, now), false);
  assert.equal(stillValid('signaling', null, now), false);
});

test('the end of the call for good forgets the kept grants', async () => {
  const win = tab();
  await keptGrant('ice', async () => ({ iceServers: [{ urls: 'stun:x' }], expiresAt: null }), win, () => 1)();
  assert.ok(storedCall(win).grants.ice);
  forgetCall(win);
  assert.equal(storedCall(win).grants, undefined);
});
