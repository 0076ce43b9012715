import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RelayConnection, relayUrl } from '../lib/connection.js';
import { decodeFrame, encodeFrame } from '../lib/frames.js';

/** A WebSocket stand-in: records what the client sends and lets the test play the server. */
class FakeSocket {
  static last = null;

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.sent = [];
    this.bufferedAmount = 0;
    FakeSocket.last = this;
  }

  send(bytes) {
    this.sent.push(decodeFrame(bytes));
  }

  close() {}

  open() {
    this.onopen();
  }

  server(header, payload) {
    this.onmessage({ data: encodeFrame(header, JSON.stringify(payload)).buffer });
  }

  drop(code) {
    this.onclose({ code });
  }
}

function connection(frames = []) {
  return new RelayConnection({
    url: 'ws://localhost/ws/sessions/abc',
    authorization: () => 'Customer tdc1.x',
    epoch: 'epoch1',
    onFrame: (type, frame) => frames.push([type, frame]),
    WebSocketImpl: FakeSocket,
  });
}

test('connects with the protocol and the credential in an encoded subprotocol, then says hello', () => {
  const c = connection();
  c.connect();
  const socket = FakeSocket.last;
  assert.deepEqual(socket.protocols, ['tandem.v1',
    encodeURIComponent('quarkus-http-upgrade#Authorization#Customer tdc1.x')]);
  socket.open();
  assert.equal(socket.sent[0].header.t, 'sys.hello');
  assert.deepEqual(JSON.parse(socket.sent[0].payload), { epoch: 'epoch1', resume: 0 });
  c.close();
});

test('reliable frames wait for the welcome, are numbered, and are dropped from the outbox once acknowledged', () => {
  const c = connection();
  c.connect();
  const socket = FakeSocket.last;
  socket.open();
  c.sendReliable('dom.snap', '{"v":1}');
  assert.equal(socket.sent.length, 1, 'nothing but hello before the welcome');
  socket.server({ t: 'sys.welcome' }, { acked: 0, stage: { mode: 'customer' } });
  const snap = socket.sent.find((f) => f.header.t === 'dom.snap');
  assert.equal(snap.header.s, 1);
  c.sendReliable('dom.mut', '{"v":2}');
  assert.equal(c.outbox.length, 2);
  socket.server({ t: 'sys.ack' }, { s: 1 });
  assert.deepEqual(c.outbox.map((f) => f.s), [2]);
  c.close();
});

test('after a drop it reconnects, resumes by room sequence and resends only what the server lacks', async () => {
  const c = connection();
  c.connect();
  let socket = FakeSocket.last;
  socket.open();
  socket.server({ t: 'sys.welcome' }, { acked: 0 });
  c.sendReliable('dom.mut', '{"v":1}');
  c.sendReliable('dom.mut', '{"v":2}');
  c.sendReliable('dom.mut', '{"v":3}');
  socket.server({ t: 'dom.mut', n: 41, from: 'advisor' }, {});
  socket.drop(1006);
  await new Promise((resolve) => setTimeout(resolve, 700));
  socket = FakeSocket.last;
  assert.notEqual(socket.sent, undefined);
  socket.open();
  assert.deepEqual(JSON.parse(socket.sent[0].payload), { epoch: 'epoch1', resume: 41 });
  socket.server({ t: 'sys.welcome' }, { acked: 2 });
  const resent = socket.sent.filter((f) => f.header.t === 'dom.mut').map((f) => f.header.s);
  assert.deepEqual(resent, [3]);
  c.close();
});

test('final close codes stop reconnecting', () => {
  const states = [];
  const c = new RelayConnection({ url: 'ws://x', authorization: () => 'Bearer t', onFrame: () => {},
    onState: (s, d) => states.push([s, d && d.code]), WebSocketImpl: FakeSocket });
  c.connect();
  FakeSocket.last.open();
  FakeSocket.last.drop(4409);
  assert.deepEqual(states.at(-1), ['closed', 4409]);
});

test('an expired token (4401, or Quarkus 1008) stops reconnecting until reopened with a fresh credential, which resumes', () => {
  for (const code of [4401, 1008]) {
    const states = [];
    let credential = 'Bearer old';
    const c = new RelayConnection({ url: 'ws://x', authorization: () => credential, epoch: 'e1', onFrame: () => {},
      onState: (s, d) => states.push([s, d && d.code]), WebSocketImpl: FakeSocket });
    c.connect();
    let socket = FakeSocket.last;
    socket.open();
    socket.server({ t: 'sys.welcome' }, { acked: 0 });
    socket.server({ t: 'dom.snap', n: 7, from: 'customer' }, {});
    socket.drop(code);
    assert.deepEqual(states.at(-1), ['closed', code]);
    assert.equal(FakeSocket.last, socket, 'no reconnect with the expired credential');
    credential = 'Bearer fresh';
    c.reopen();
    socket = FakeSocket.last;
    assert.notEqual(socket, undefined);
    assert.equal(socket.protocols[1], encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer fresh'));
    socket.open();
    assert.deepEqual(JSON.parse(socket.sent[0].payload), { epoch: 'e1', resume: 7 });
    c.close();
  }
});

test('token renewals travel as sys.auth control frames once welcomed', () => {
  const c = connection();
  c.connect();
  const socket = FakeSocket.last;
  socket.open();
  c.sendControl('sys.auth', JSON.stringify({ token: 'renewed' }));
  assert.equal(socket.sent.filter((f) => f.header.t === 'sys.auth').length, 0, 'not before the welcome');
  socket.server({ t: 'sys.welcome' }, { acked: 0 });
  c.sendControl('sys.auth', JSON.stringify({ token: 'renewed' }));
  const auth = socket.sent.find((f) => f.header.t === 'sys.auth');
  assert.deepEqual(JSON.parse(auth.payload), { token: 'renewed' });
  assert.equal(auth.header.s, undefined, 'control frames are not numbered');
  c.close();
});

test('relay URLs use ws for http and wss for https', () => {
  assert.equal(relayUrl('http://localhost:8080', 'a-b'), 'ws://localhost:8080/ws/sessions/a-b');
  assert.equal(relayUrl('https://tandem.example', 'x'), 'wss://tandem.example/ws/sessions/x');
});

test('behind a backed-up socket only the latest pointer, scroll and viewport wait, and go once it drains', async () => {
  const c = connection();
  c.connect();
  const socket = FakeSocket.last;
  socket.open();
  socket.server({ t: 'sys.welcome' }, { acked: 0 });
  socket.sent = [];
  c.sendLatest('ptr.move', '{"x":1}');
  assert.equal(socket.sent.length, 1, 'sent at once while the socket keeps up');
  socket.bufferedAmount = 1024 * 1024; // the relay slows this page: a megabyte waits in the browser
  for (let x = 2; x <= 50; x++) c.sendLatest('ptr.move', '{"x":' + x + '}');
  c.sendLatest('dom.scroll', '{"y":10}', 'n1');
  c.sendLatest('dom.scroll', '{"y":20}', 'n1');
  c.sendLatest('dom.scroll', '{"y":5}', 'n2');
  c.sendReliable('dom.mut', '[1]');
  assert.deepEqual(socket.sent.map((f) => f.header.t), ['ptr.move', 'dom.mut'],
    'reliable frames still go (the relay orders them); the latest-wins ones wait');
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(socket.sent.length, 2, 'still backed up: still waiting');
  socket.bufferedAmount = 0;
  await new Promise((r) => setTimeout(r, 120));
  const latest = socket.sent.slice(2).map((f) => [f.header.t, f.header.k, f.payload]);
  assert.deepEqual(latest, [['ptr.move', undefined, '{"x":50}'], ['dom.scroll', 'n1', '{"y":20}'],
    ['dom.scroll', 'n2', '{"y":5}']], 'one frame per type and key, the latest');
  c.close();
});

test('latest-wins frames held behind a backlog are forgotten when the socket drops', async () => {
  const c = connection();
  c.connect();
  const first = FakeSocket.last;
  first.open();
  first.server({ t: 'sys.welcome' }, { acked: 0 });
  first.bufferedAmount = 1024 * 1024;
  c.sendLatest('ptr.move', '{"x":7}');
  first.drop(1006);
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(first.sent.filter((f) => f.header.t === 'ptr.move').length, 0, 'never sent on the dropped socket');
  assert.equal(c.heldLatest.size, 0);
  c.close();
});

test('a latest-wins frame sent once the backlog drains replaces the one held for its key, never follows it', async () => {
  const c = connection();
  c.connect();
  const socket = FakeSocket.last;
  socket.open();
  socket.server({ t: 'sys.welcome' }, { acked: 0 });
  socket.sent = [];
  try {
    socket.bufferedAmount = 1024 * 1024;
    c.sendLatest('ptr.move', '{"x":1}');
    c.sendLatest('dom.scroll', '{"y":1}', 'n1');
    socket.bufferedAmount = 0; // drained before the retry
    c.sendLatest('ptr.move', '{"x":2}');
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(socket.sent.map((f) => [f.header.t, f.payload]),
      [['ptr.move', '{"x":2}'], ['dom.scroll', '{"y":1}']], 'the stale move is never sent; the scroll still goes');
  } finally {
    c.close();
  }
});
