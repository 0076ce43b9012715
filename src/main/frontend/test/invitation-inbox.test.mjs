import test from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

// the console's modules run against a real DOM, signed in with a token kept as the console keeps it
const { window } = new JSDOM('<!doctype html><body><section id="inbox" hidden><ul id="invitations"></ul></section>',
  { url: 'https://tandem.example/console/' });
const { document } = window;
globalThis.window = window;
globalThis.document = document;
globalThis.sessionStorage = window.sessionStorage;
sessionStorage.setItem('tandem.staff', JSON.stringify({ access: 'token-1', exp: 4102444800 }));
const { InvitationInbox } = await import('../console/invitations.js');

const later = (minutes) => new Date(Date.now() + minutes * 60000).toISOString();
const invitation = (id, extra = {}) => ({ id, sessionId: 's-' + id, kind: 'join', status: 'pending',
  invitedBy: { id: 'a1', name: 'Alice Archer' }, invitee: { id: 'b2', name: 'Ben Baker' }, team: null,
  note: '<img src=x onerror=alert(1)>', customerName: 'Maria Jones', createdAt: later(0), expiresAt: later(5),
  answeredBy: null, ...extra });

/** A fetch that serves the invitations stream from a script of chunks, and answers accept/decline. */
function fakeServer() {
  const calls = [];
  const streams = [];
  globalThis.fetch = async (url, options = {}) => {
    calls.push({ url, method: options.method || 'GET', auth: options.headers?.Authorization });
    if (url === '/api/invitations/stream') {
      let controller;
      const body = new ReadableStream({ start(c) { controller = c; } });
      const encoder = new TextEncoder();
      streams.push({ send: (text) => controller.enqueue(encoder.encode(text)), end: () => controller.close() });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (url.endsWith('/accept')) {
      return new Response(JSON.stringify({ sessionId: 's-i1', kind: 'join', workspaceUrl: '/console/?session=s-i1' }),
        { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    if (url.endsWith('/decline')) {
      return new Response(JSON.stringify({ type: 'x', title: 'Gone', status: 409, detail: 'answered' }), { status: 409 });
    }
    return new Response('{}', { status: 404 });
  };
  return { calls, streams };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const event = (items) => `event: invitations\ndata: ${JSON.stringify(items)}\n\n`;

test('invitations arrive live, in words, and go when the server no longer lists them; the stream comes back', async () => {
  const server = fakeServer();
  const joined = [];
  const inbox = new InvitationInbox({ section: document.getElementById('inbox'),
    list: document.getElementById('invitations'), onJoined: (a) => joined.push(a), delay: () => 10 }).start();
  await tick();
  assert.equal(server.calls[0].auth, 'Bearer token-1');
  const [stream] = server.streams;
  stream.send(': keep-alive\n\n' + event([invitation('i1'), invitation('i2', { kind: 'transfer', invitee: null,
    team: 'Claims', note: '' })]).slice(0, 40));
  await tick();
  assert.equal(document.getElementById('inbox').hidden, true, 'half an event shows nothing');
  stream.send(event([invitation('i1'), invitation('i2', { kind: 'transfer', invitee: null, team: 'Claims',
    note: '' })]).slice(40));
  await tick();
  const rows = () => [...document.querySelectorAll('#invitations li')];
  assert.equal(document.getElementById('inbox').hidden, false);
  assert.deepEqual(rows().map((li) => li.querySelector('.inv-headline').textContent), [
    'Alice Archer invites you to join the session with Maria Jones',
    'Alice Archer wants to hand the session with Maria Jones to Claims']);
  assert.equal(rows()[0].querySelector('.inv-note').textContent, '<img src=x onerror=alert(1)>');
  assert.equal(rows()[0].querySelector('img'), null, 'a note is text');
  assert.equal(rows()[1].querySelector('.inv-accept').textContent, 'Take over');
  assert.match(rows()[0].querySelector('.inv-expiry').textContent, /^Expires in (4|5) mins?$/);

  // withdrawn, expired or taken by a team-mate: the next list lacks it; the row that stays is the same element
  const kept = rows()[0];
  stream.send(event([invitation('i1')]));
  await tick();
  assert.equal(rows().length, 1);
  assert.equal(rows()[0], kept);

  // the stream ends (a restart): it is read again, and the list it sends then is the truth
  stream.end();
  await tick(80);
  assert.equal(server.streams.length, 2, 'reconnected');
  server.streams[1].send(event([]));
  await tick();
  assert.equal(rows().length, 0);
  assert.equal(document.getElementById('inbox').hidden, true);
  inbox.stop();
});

test('Join accepts and opens the session; a refused Decline says why', async () => {
  const server = fakeServer();
  const joined = [];
  const inbox = new InvitationInbox({ section: document.getElementById('inbox'),
    list: document.getElementById('invitations'), onJoined: (a) => joined.push(a), delay: () => 10 }).start();
  await tick();
  server.streams[0].send(event([invitation('i1'), invitation('i2')]));
  await tick();
  document.querySelector('#invitations li[data-id=i1] .inv-accept').click();
  await tick();
  assert.deepEqual(joined, [{ sessionId: 's-i1', kind: 'join', workspaceUrl: '/console/?session=s-i1' }]);
  assert.ok(server.calls.some((c) => c.url === '/api/invitations/i1/accept' && c.method === 'POST'));
  assert.equal(document.querySelector('#invitations li[data-id=i1]'), null);
  document.querySelector('#invitations li[data-id=i2] .inv-decline').click();
  await tick();
  assert.match(document.querySelector('#invitations li[data-id=i2] .inv-problem').textContent,
    /withdrawn or already answered/);
  inbox.stop();
});
