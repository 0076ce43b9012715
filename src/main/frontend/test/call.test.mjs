import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Call } from '../lib/call.js';

globalThis.MediaStream = class { addTrack() {} };

/** An RTCPeerConnection stand-in with the signaling-state machine perfect negotiation relies on. */
class FakePC {
  static all = [];

  constructor(config) {
    this.config = config;
    this.signalingState = 'stable';
    this.connectionState = 'new';
    this.localDescription = null;
    this.remoteDescription = null;
    this.candidates = [];
    this.restarts = 0;
    this.closed = false;
    this.tracks = [];
    FakePC.all.push(this);
  }

  addTrack(track) {
    this.tracks.push(track);
    this.needNegotiation();
  }

  addTransceiver(kind, init) {
    this.tracks.push({ kind, recvonly: init.direction === 'recvonly' });
    this.needNegotiation();
  }

  needNegotiation() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (this.onnegotiationneeded) this.onnegotiationneeded();
    });
  }

  async setLocalDescription() {
    await Promise.resolve();
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: 'answer-from-' + this.name };
      this.signalingState = 'stable';
    } else {
      this.localDescription = { type: 'offer', sdp: 'offer-from-' + this.name };
      this.signalingState = 'have-local-offer';
    }
  }

  async setRemoteDescription(d) {
    await Promise.resolve();
    if (d.type === 'offer') {
      if (this.signalingState === 'have-local-offer') this.rolledBack = true; // implicit rollback
      this.signalingState = 'have-remote-offer';
    } else {
      assert.equal(this.signalingState, 'have-local-offer', 'an answer only fits our own offer');
      this.signalingState = 'stable';
    }
    this.remoteDescription = d;
  }

  async addIceCandidate(c) {
    if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description');
    this.candidates.push(c);
  }

  restartIce() {
    this.restarts++;
  }

  close() {
    this.closed = true;
  }
}

/** A signaling room in memory: what one side sends reaches the other with "from", in order. */
function room() {
  const sockets = [];
  class FakeWS {
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.readyState = 1;
      this.sent = [];
      sockets.push(this);
    }

    send(text) {
      const msg = JSON.parse(text);
      this.sent.push(msg);
      if (msg.type === 'ping') return;
      for (const other of sockets) {
        if (other !== this && other.onmessage) {
          const relayed = JSON.stringify({ ...msg, from: this.peerId });
          setTimeout(() => other.onmessage({ data: relayed }), 0);
        }
      }
    }

    close() {
      this.readyState = 3;
    }

    server(msg) {
      this.onmessage({ data: JSON.stringify(msg) });
    }
  }
  return { FakeWS, sockets };
}

const devices = (tracks) => ({
  getUserMedia: async () => ({
    getTracks: () => tracks,
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  }),
});

function call(FakeWS, name, overrides = {}) {
  const states = [];
  const c = new Call({
    signaling: async () => ({ url: 'ws://signal/s1', token: 'tok-' + name }),
    iceServers: async () => ({ iceServers: [{ urls: ['turn:turn.example'], username: 'u', credential: 'p' }] }),
    onState: (s) => states.push(s),
    PeerConnection: class extends FakePC {
      constructor(config) {
        super(config);
        this.name = name;
      }
    },
    WebSocketImpl: FakeWS,
    mediaDevices: devices([{ kind: 'audio', enabled: true, stop() {} }, { kind: 'video', enabled: true, stop() {} }]),
    ...overrides,
  });
  c.states = states;
  return c;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

test('joins signaling with the token in a subprotocol, never in the URL', async () => {
  const { FakeWS, sockets } = room();
  const c = call(FakeWS, 'advisor');
  await c.start();
  assert.deepEqual(sockets[0].protocols, ['tandem-signal.v1', 'bearer.tok-advisor']);
  assert.equal(sockets[0].url, 'ws://signal/s1');
  assert.equal(c.stateName, 'waiting');
});

test('glare: both sides offer at once; the polite side rolls back and answers, and both end up stable', async () => {
  FakePC.all = [];
  const { FakeWS, sockets } = room();
  const advisor = call(FakeWS, 'advisor');
  const customer = call(FakeWS, 'customer');
  await advisor.start();
  await customer.start();
  sockets[0].peerId = 'adv';
  sockets[1].peerId = 'customer';
  // both learn of each other at the same moment, so both create a connection and both offer
  sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
    peers: [{ peerId: 'customer', role: 'customer', name: 'C', audio: true, video: true }] });
  sockets[1].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true,
    peers: [{ peerId: 'adv', role: 'advisor', name: 'A', audio: true, video: true }] });
  await settle();
  await settle();
  const [a, c] = [advisor.pc, customer.pc];
  assert.equal(a.signalingState, 'stable');
  assert.equal(c.signalingState, 'stable');
  assert.equal(c.rolledBack, true, 'the polite side gave way');
  assert.equal(a.remoteDescription.sdp, 'answer-from-customer');
  assert.equal(c.remoteDescription.sdp, 'offer-from-advisor');
  assert.deepEqual(a.config.iceServers, [{ urls: ['turn:turn.example'], username: 'u', credential: 'p' }]);
});

test('candidates wait for the description they belong to (messages are handled in order)', async () => {
  const { FakeWS, sockets } = room();
  const customer = call(FakeWS, 'customer');
  await customer.start();
  sockets[0].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true,
    peers: [{ peerId: 'adv', role: 'advisor' }] });
  sockets[0].server({ type: 'offer', sdp: 'offer-x', from: 'adv' });
  sockets[0].server({ type: 'candidate', candidate: { candidate: 'c1', sdpMid: '0' }, from: 'adv' });
  sockets[0].server({ type: 'candidate', candidate: null, from: 'adv' });
  await settle();
  assert.deepEqual(customer.pc.candidates, [{ candidate: 'c1', sdpMid: '0' }, undefined]);
  const answer = sockets[0].sent.find((m) => m.type === 'answer');
  assert.ok(answer, 'answered the offer');
});

test('mute state goes to the other side; a hang-up ends the call for both; a peer leaving waits for it', async () => {
  const { FakeWS, sockets } = room();
  const advisor = call(FakeWS, 'advisor');
  const remoteMute = [];
  const customer = call(FakeWS, 'customer', { onRemoteMute: (m) => remoteMute.push(m) });
  await advisor.start();
  await customer.start();
  sockets[0].peerId = 'adv';
  sockets[1].peerId = 'customer';
  sockets[1].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true,
    peers: [{ peerId: 'adv', role: 'advisor', audio: true, video: true }] });
  await settle();
  assert.deepEqual(remoteMute.at(-1), { audio: false, video: false }, 'both tracks on when joining');
  advisor.setMuted('audio', true);
  assert.deepEqual(sockets[0].sent.at(-1), { type: 'mute', audio: false, video: true }, 'the wire says true = on');
  assert.equal(advisor.local.getTracks().find((t) => t.kind === 'audio').enabled, false);
  await settle();
  assert.deepEqual(remoteMute.at(-1), { audio: true, video: false });

  sockets[1].server({ type: 'peer-left', peerId: 'adv' });
  await settle();
  assert.equal(customer.stateName, 'waiting');
  assert.equal(customer.pc, null);

  sockets[1].server({ type: 'peer-joined', peerId: 'adv', role: 'advisor' });
  await settle();
  assert.ok(customer.pc, 'a new connection for the returning peer');
  advisor.hangUp();
  await settle();
  assert.equal(advisor.stateName, 'ended');
  assert.equal(customer.stateName, 'ended');
  assert.equal(customer.pc, null);
});

test('camera refused: a clear problem, and the call still joins to see and hear the other side', async () => {
  const { FakeWS } = room();
  const problems = [];
  const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
  const c = call(FakeWS, 'customer', {
    mediaDevices: { getUserMedia: async () => { throw denied; } },
    onMediaProblem: (p) => problems.push(p),
  });
  await c.start();
  assert.deepEqual(problems, ['denied']);
  c.received({ type: 'welcome', polite: true, peers: [{ peerId: 'adv', role: 'advisor' }] });
  await settle();
  assert.deepEqual(c.pc.tracks.map((t) => [t.kind, t.recvonly]), [['audio', true], ['video', true]]);
});

test('no camera: audio only, with a receive-only video transceiver', async () => {
  const { FakeWS } = room();
  const problems = [];
  let calls = 0;
  const c = call(FakeWS, 'customer', {
    mediaDevices: {
      getUserMedia: async (constraints) => {
        calls++;
        if (constraints.video) throw Object.assign(new Error('none'), { name: 'NotFoundError' });
        const tracks = [{ kind: 'audio', enabled: true, stop() {} }];
        return { getTracks: () => tracks, getVideoTracks: () => [] };
      },
    },
    onMediaProblem: (p) => problems.push(p),
  });
  await c.start();
  assert.equal(calls, 2);
  assert.deepEqual(problems, ['no-camera']);
  c.received({ type: 'welcome', polite: true, peers: [{ peerId: 'adv', role: 'advisor' }] });
  await settle();
  assert.deepEqual(c.pc.tracks.map((t) => t.kind), ['audio', 'video']);
  assert.equal(c.pc.tracks[1].recvonly, true);
});

test('a failed ICE connection restarts ICE; supervisors in the room are not call peers', async () => {
  const { FakeWS } = room();
  const c = call(FakeWS, 'advisor');
  await c.start();
  c.received({ type: 'welcome', polite: false, peers: [{ peerId: 'sup', role: 'supervisor' }] });
  await settle();
  assert.equal(c.pc, null, 'no call with a silent observer');
  c.received({ type: 'peer-joined', peerId: 'customer', role: 'customer' });
  await settle();
  c.pc.iceConnectionState = 'failed';
  c.pc.oniceconnectionstatechange();
  assert.equal(c.pc.restarts, 1);
});

test('closed as room full (4423) or session ended (4409): a final state, camera and microphone released', async () => {
  for (const [code, state] of [[4423, 'full'], [4409, 'session-ended']]) {
    const { FakeWS, sockets } = room();
    let stopped = 0;
    const tracks = [{ kind: 'audio', enabled: true, stop() { stopped++; } },
      { kind: 'video', enabled: true, stop() { stopped++; } }];
    const c = call(FakeWS, 'customer', { mediaDevices: devices(tracks) });
    await c.start();
    sockets[0].onopen();
    sockets[0].readyState = 3;
    sockets[0].onclose({ code });
    assert.equal(c.stateName, state, 'close ' + code);
    assert.equal(stopped, 2, 'both tracks stopped after ' + code);
    assert.equal(c.ws, null);
    assert.equal(c.states.filter((s) => s === 'failed').length, 0, 'not reported as a failure to retry');
  }
});

test('any other close is a failure, reported with its code', async () => {
  const { FakeWS, sockets } = room();
  const details = [];
  const c = call(FakeWS, 'advisor', { onState: (s, d) => details.push([s, d]) });
  await c.start();
  sockets[0].onclose({ code: 1011 });
  assert.equal(c.stateName, 'failed');
  assert.deepEqual(details.at(-1), ['failed', { code: 1011 }]);
});
