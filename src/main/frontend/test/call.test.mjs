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
    const sender = this.transceiver(track.kind, 'sendrecv', track);
    this.needNegotiation();
    return sender;
  }

  addTransceiver(kind, init) {
    this.tracks.push({ kind, recvonly: init.direction === 'recvonly' });
    this.transceiver(kind, init.direction, null);
    this.needNegotiation();
  }

  transceiver(kind, direction, track) {
    this.transceivers = this.transceivers || [];
    const sender = { track, params: {}, async replaceTrack(t) { this.track = t; }, // replaceTrack never renegotiates
      getParameters() { return { ...this.params }; }, async setParameters(p) { this.params = p; } };
    this.transceivers.push({ direction, sender, receiver: { track: { kind } } });
    return sender;
  }

  getTransceivers() {
    return this.transceivers || [];
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

/**
 * A signaling room in memory: what one side sends reaches the peer it names in "to" (or, unaddressed, everyone else)
 * with "from", in order.
 */
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
        if (other !== this && other.onmessage && (msg.to === undefined || msg.to === other.peerId)) {
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
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
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

test('a new connection: only the impolite side offers, the polite side answers, and both end up stable', async () => {
  FakePC.all = [];
  const { FakeWS, sockets } = room();
  const advisor = call(FakeWS, 'advisor');
  const customer = call(FakeWS, 'customer');
  await advisor.start();
  await customer.start();
  sockets[0].peerId = 'adv';
  sockets[1].peerId = 'customer';
  // the advisor comes in second: it finds the customer in its welcome and offers; the customer, told by peer-joined,
  // makes its connection at the same moment and only answers
  sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
    peers: [{ peerId: 'customer', role: 'customer', name: 'C', audio: true, video: true }] });
  sockets[1].server({ type: 'peer-joined', peerId: 'adv', role: 'advisor', name: 'A', audio: true, video: true });
  await settle();
  await settle();
  const [a, c] = [advisor.pc, customer.pc];
  assert.equal(a.signalingState, 'stable');
  assert.equal(c.signalingState, 'stable');
  assert.notEqual(c.rolledBack, true, 'nothing to give way: the polite side never offered');
  assert.equal(sockets[1].sent.filter((m) => m.type === 'offer').length, 0, 'the customer sent no offer');
  assert.ok(sockets[0].sent.filter((m) => m.type !== 'ping' && m.type !== 'mute').every((m) => m.to === 'customer'),
    'everything for the customer says so');
  assert.equal(a.remoteDescription.sdp, 'answer-from-customer');
  assert.equal(c.remoteDescription.sdp, 'offer-from-advisor');
  assert.deepEqual(a.config.iceServers, [{ urls: ['turn:turn.example'], username: 'u', credential: 'p' }]);
});

test('candidates wait for the description they belong to (messages are handled in order)', async () => {
  const { FakeWS, sockets } = room();
  const customer = call(FakeWS, 'customer');
  await customer.start();
  sockets[0].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true, peers: [] });
  sockets[0].server({ type: 'peer-joined', peerId: 'adv', role: 'advisor' });
  sockets[0].server({ type: 'offer', sdp: 'offer-x', from: 'adv' });
  sockets[0].server({ type: 'candidate', candidate: { candidate: 'c1', sdpMid: '0' }, from: 'adv' });
  sockets[0].server({ type: 'candidate', candidate: null, from: 'adv' });
  await settle();
  assert.deepEqual(customer.pc.candidates, [{ candidate: 'c1', sdpMid: '0' }, undefined]);
  const answer = sockets[0].sent.find((m) => m.type === 'answer');
  assert.ok(answer, 'answered the offer');
  assert.equal(answer.to, 'adv', 'to the one who offered');
});

test('mute state goes to the other side; a hang-up ends the call for both; a peer leaving is awaited', async () => {
  const { FakeWS, sockets } = room();
  const advisor = call(FakeWS, 'advisor');
  const remoteMute = [];
  const customer = call(FakeWS, 'customer', { onRemoteMute: (m) => remoteMute.push(m), reconnectGraceMs: 40 });
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
  assert.equal(customer.stateName, 'reconnecting', 'a call under way: the other side is probably loading a page');
  assert.equal(customer.pc, null);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(customer.stateName, 'waiting', 'after the grace it waits for the other side');

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
        return { getTracks: () => tracks, getVideoTracks: () => [], getAudioTracks: () => tracks };
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

test('a close that would be refused again (4400, 4403, 4410, 4413, 4429) is a failure, reported with its code', async () => {
  for (const code of [4400, 4403, 4410, 4413, 4429]) {
    const { FakeWS, sockets } = room();
    const details = [];
    const c = call(FakeWS, 'advisor', { onState: (s, d) => details.push([s, d]), reconnectMs: [5] });
    await c.start();
    sockets[0].onclose({ code });
    assert.equal(c.stateName, 'failed');
    assert.deepEqual(details.at(-1), ['failed', { code }]);
    await settle();
    assert.equal(sockets.length, 1, 'no new socket after ' + code);
  }
});

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('a closed signaling socket reconnects with back-off and a fresh token; the call renegotiates over it', async () => {
  const { FakeWS, sockets } = room();
  let tokens = 0;
  const advisor = call(FakeWS, 'advisor', { reconnectMs: [40, 150],
    signaling: async () => ({ url: 'ws://signal/s1', token: 'tok-advisor-' + (++tokens) }) });
  await advisor.start();
  sockets[0].peerId = 'adv';
  sockets[0].onopen();
  sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
    peers: [{ peerId: 'customer', role: 'customer' }] });
  await settle();
  const first = advisor.pc;
  assert.ok(sockets[0].sent.some((m) => m.type === 'offer'), 'offered over the first socket');

  for (const code of [1001, 1006, 1011, 4408, 4503]) {
    const before = sockets.length;
    const current = sockets.at(-1);
    current.readyState = 3;
    current.onclose({ code });
    assert.equal(advisor.stateName, 'reconnecting', 'after ' + code);
    assert.equal(advisor.pc, first, 'the peer connection goes on while signaling is down');
    assert.equal(sockets.length, before, 'not at once');
    await wait(70); // the first delay: 40 ms ±20 %
    assert.equal(sockets.length, before + 1, 'a new socket after ' + code);
    assert.deepEqual(sockets.at(-1).protocols, ['tandem-signal.v1', 'bearer.tok-advisor-' + tokens],
      'with a fresh token');
    sockets.at(-1).server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false, peers: [] });
    await settle();
  }
  assert.equal(tokens, 6);

  // refused at the upgrade (the browser sees 1006, no welcome came): the next attempt waits longer
  sockets.at(-1).onclose({ code: 1006 });
  await wait(70);
  const refused = sockets.at(-1);
  refused.readyState = 3;
  refused.onclose({ code: 1006 });
  await wait(70);
  assert.equal(sockets.at(-1), refused, 'the second attempt waits for the longer delay');
  await wait(150);
  const fresh = sockets.at(-1);
  assert.notEqual(fresh, refused);

  // back in the room with the customer: a new peer connection, negotiated over the new socket
  fresh.peerId = 'adv';
  fresh.onopen();
  fresh.server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
    peers: [{ peerId: 'customer', role: 'customer' }] });
  await settle();
  assert.ok(first.closed, 'the old peer connection is closed');
  assert.notEqual(advisor.pc, first);
  assert.equal(advisor.stateName, 'connecting');
  assert.ok(fresh.sent.some((m) => m.type === 'offer'), 'offered over the new socket');
  assert.equal(advisor.attempts, 0, 'the back-off starts afresh');
  advisor.hangUp();
  await wait(100);
  assert.equal(sockets.at(-1), fresh, 'no reconnection after hanging up');
});

test('reconnecting stops when the session has ended (410 for a fresh token), and after a hang-up', async () => {
  const { FakeWS, sockets } = room();
  let ended = false;
  const c = call(FakeWS, 'customer', { reconnectMs: [5],
    signaling: async () => {
      if (ended) throw Object.assign(new Error('The session has ended.'), { status: 410 });
      return { url: 'ws://signal/s1', token: 'tok' };
    } });
  await c.start();
  ended = true;
  sockets[0].onclose({ code: 1006 });
  await settle();
  assert.equal(c.stateName, 'session-ended');
  assert.equal(sockets.length, 1);

  const { FakeWS: WS2, sockets: sockets2 } = room();
  const d = call(WS2, 'customer', { reconnectMs: [20] });
  await d.start();
  sockets2[0].onclose({ code: 1001 });
  d.hangUp();
  await wait(60);
  assert.equal(sockets2.length, 1, 'no socket after hanging up during the back-off');
  assert.equal(d.stateName, 'ended');
});

test('a rejoin keeps what the person chose: muted microphone, camera off, on the tracks and on the wire', async () => {
  const { FakeWS, sockets } = room();
  const audio = { kind: 'audio', enabled: true, stop() {} };
  const video = { kind: 'video', enabled: true, stop() {} };
  const c = call(FakeWS, 'customer', { muted: { audio: true, video: false }, mediaDevices: devices([audio, video]) });
  await c.start();
  assert.equal(audio.enabled, false);
  assert.equal(video.enabled, true);
  sockets[0].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true,
    peers: [{ peerId: 'adv', role: 'advisor' }] });
  await settle();
  assert.deepEqual(sockets[0].sent.find((m) => m.type === 'mute'), { type: 'mute', audio: false, video: true });
});

test('leaving a page closes the signaling socket without hanging up; the other side says reconnecting', async () => {
  const { FakeWS, sockets } = room();
  const advisor = call(FakeWS, 'advisor');
  const customer = call(FakeWS, 'customer');
  await advisor.start();
  await customer.start();
  sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
    peers: [{ peerId: 'customer', role: 'customer' }] });
  await settle();
  customer.leave();
  assert.equal(sockets[1].readyState, 3);
  assert.ok(!sockets[1].sent.some((m) => m.type === 'hangup'), 'no hang-up: the next page rejoins');
  sockets[0].server({ type: 'peer-left', peerId: 'customer' });
  await settle();
  assert.equal(advisor.stateName, 'reconnecting');
  sockets[0].server({ type: 'peer-joined', peerId: 'customer', role: 'customer' });
  await settle();
  assert.equal(advisor.stateName, 'connecting');
  assert.ok(advisor.pc && !advisor.pc.closed, 'a new peer connection for the rejoined page');
  advisor.close('ended');
});

/** getStats() of a connection whose selected candidate pair has these local and remote candidate types. */
const statsWith = (local, remote, viaTransport = true) => async () => new Map([
  ['T1', viaTransport ? { type: 'transport', selectedCandidatePairId: 'P1' } : { type: 'transport' }],
  ['P1', { type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', nominated: true,
    state: 'succeeded' }],
  ['P0', { type: 'candidate-pair', localCandidateId: 'L0', remoteCandidateId: 'R0', nominated: false,
    state: 'failed' }],
  ['L0', { type: 'local-candidate', candidateType: 'relay' }],
  ['R0', { type: 'remote-candidate', candidateType: 'relay' }],
  ['L1', { type: 'local-candidate', candidateType: local }],
  ['R1', { type: 'remote-candidate', candidateType: remote }],
]);

test('connected through a TURN relay (the selected pair has a relay candidate on either end): "relayed via TURN"',
  async () => {
    const { t } = await import('../lib/i18n.js');
    for (const [local, remote, viaTransport, state] of [
      ['relay', 'host', true, 'relayed'], ['host', 'relay', true, 'relayed'], ['relay', 'srflx', false, 'relayed'],
      ['host', 'host', true, 'connected'], ['srflx', 'prflx', false, 'connected']]) {
      const { FakeWS, sockets } = room();
      const c = call(FakeWS, 'advisor');
      await c.start();
      sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
        peers: [{ peerId: 'customer', role: 'customer' }] });
      await settle();
      c.pc.getStats = statsWith(local, remote, viaTransport);
      c.pc.connectionState = 'connected';
      await c.connectionState(c.pc);
      assert.equal(c.stateName, state, `${local} to ${remote}`);
      c.close('ended');
    }
    assert.equal(t('callPanel.state.relayed'), 'Connected (relayed via TURN)');
    assert.equal(t('callPanel.state.connected'), 'Connected');
  });

test('screen share: the video sender carries the screen in the same call, stopping (or the browser) restores the camera',
  async () => {
    const { FakeWS, sockets } = room();
    const camera = { kind: 'video', enabled: true, stop() {} };
    const screen = { kind: 'video', stopped: false, listeners: {}, stop() { this.stopped = true; },
      addEventListener(type, f) { this.listeners[type] = f; } };
    const sharing = [];
    const c = call(FakeWS, 'advisor', {
      mediaDevices: { ...devices([{ kind: 'audio', enabled: true, stop() {} }, camera]),
        getDisplayMedia: async (constraints) => {
          assert.deepEqual(constraints, { video: true, audio: false });
          return { getVideoTracks: () => [screen] };
        } },
      onScreen: (on) => sharing.push(on),
    });
    await c.start();
    sockets[0].server({ type: 'welcome', peerId: 'adv', role: 'advisor', polite: false,
      peers: [{ peerId: 'customer', role: 'customer' }] });
    await settle();
    const pc = c.pc;
    const video = () => c.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video').sender.track;
    assert.equal(video(), camera);
    const offers = () => sockets[0].sent.filter((m) => m.type === 'offer').length;
    const before = offers();
    c.setMuted('video', true); // the camera is off: the screen still goes, and the other side is told video is on
    await c.shareScreen();
    assert.equal(video(), screen);
    assert.equal(screen.contentHint, 'detail');
    const preference = () => c.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video').sender.params
      .degradationPreference;
    assert.equal(preference(), 'maintain-resolution', 'the screen keeps its resolution, its text stays readable');
    assert.equal(c.pc, pc, 'the same peer connection');
    await settle();
    assert.equal(offers(), before, 'no new offer: the track was replaced');
    assert.deepEqual(sockets[0].sent.filter((m) => m.type === 'mute').at(-1), { type: 'mute', audio: true, video: true });
    assert.deepEqual(sharing, [true]);

    // a new peer connection (the other side reloaded) sends the screen from the start
    sockets[0].server({ type: 'peer-joined', peerId: 'customer', role: 'customer' });
    await settle();
    assert.notEqual(c.pc, pc);
    assert.equal(video(), screen);
    assert.equal(preference(), 'maintain-resolution');

    screen.listeners.ended(); // the browser's own "Stop sharing"
    await settle();
    assert.equal(video(), camera);
    assert.equal(preference(), 'balanced', 'the camera balances resolution and frame rate again');
    assert.ok(screen.stopped);
    assert.deepEqual(sharing, [true, false]);
    assert.deepEqual(sockets[0].sent.filter((m) => m.type === 'mute').at(-1), { type: 'mute', audio: true, video: false });
  });

test('screen share without a camera: the receive-only video transceiver starts sending (one renegotiation)', async () => {
  const { FakeWS, sockets } = room();
  const screen = { kind: 'video', stop() {}, addEventListener() {} };
  const tracks = [{ kind: 'audio', enabled: true, stop() {} }];
  const c = call(FakeWS, 'customer', { mediaDevices: {
    getUserMedia: async (constraints) => {
      if (constraints.video) throw Object.assign(new Error('none'), { name: 'NotFoundError' });
      return { getTracks: () => tracks, getVideoTracks: () => [], getAudioTracks: () => tracks };
    },
    getDisplayMedia: async () => ({ getVideoTracks: () => [screen] }),
  } });
  await c.start();
  sockets[0].server({ type: 'welcome', peerId: 'customer', role: 'customer', polite: true,
    peers: [{ peerId: 'adv', role: 'advisor' }] });
  await settle();
  const transceiver = c.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video');
  assert.equal(transceiver.direction, 'recvonly');
  await c.shareScreen();
  assert.equal(transceiver.direction, 'sendrecv');
  assert.equal(transceiver.sender.track, screen);
  await c.stopScreen();
  assert.equal(transceiver.sender.track, null);
  c.close('ended');
});

const NAMES = { adv: 'Alice Archer', customer: 'Sam Sounding', adv2: 'Ben Baker' };
const ROLES = { adv: 'advisor', customer: 'customer', adv2: 'advisor' };

/**
 * A conference of three in one fake room, the server played by the test: they come in one by one, each newcomer's
 * welcome listing those before it and those before told by peer-joined, as the signaling room does.
 */
async function conference(order = ['adv', 'customer', 'adv2'], overrides = () => ({})) {
  FakePC.all = [];
  const { FakeWS, sockets } = room();
  const calls = {};
  const peers = {};
  const info = (id) => ({ peerId: id, role: ROLES[id], name: NAMES[id], audio: true, video: true });
  for (const id of order) {
    const c = call(FakeWS, id, { onRemotePeers: (list) => { peers[id] = list; }, ...overrides(id) });
    await c.start();
    const ws = sockets.at(-1);
    ws.peerId = id;
    const here = Object.keys(calls);
    ws.server({ type: 'welcome', peerId: id, role: ROLES[id], polite: id === 'customer', peers: here.map(info) });
    for (const other of here) sockets.find((s) => s.peerId === other).server({ type: 'peer-joined', ...info(id) });
    calls[id] = c;
    await settle();
    await settle();
  }
  const socket = (id) => sockets.find((s) => s.peerId === id);
  return { calls, peers, sockets, socket };
}

const sentOf = (ws, type) => ws.sent.filter((m) => m.type === type);

test('a conference of three: one connection per other person, each first offered by the newcomer, all addressed',
  async () => {
    const { calls, peers, socket } = await conference();

    for (const id of Object.keys(calls)) {
      const others = Object.keys(calls).filter((o) => o !== id);
      assert.deepEqual([...calls[id].connections().keys()], others, id + "'s connections, in the order they came");
      for (const pc of calls[id].connections().values()) {
        assert.equal(pc.signalingState, 'stable', id);
        assert.ok(pc.remoteDescription, id + ' negotiated');
        assert.notEqual(pc.rolledBack, true, 'no collision: one side offers each pair');
      }
      assert.deepEqual(peers[id].map((p) => p.name), others.map((o) => NAMES[o]), id + ' sees the others by name');
      for (const m of socket(id).sent.filter((x) => ['offer', 'answer', 'candidate'].includes(x.type))) {
        assert.ok(others.includes(m.to), `${id}'s ${m.type} names one of the others: ${m.to}`);
      }
    }
    assert.deepEqual(sentOf(socket('adv'), 'offer').map((m) => m.to), [], 'the first one in offers to nobody');
    assert.deepEqual(sentOf(socket('customer'), 'offer').map((m) => m.to), ['adv']);
    assert.deepEqual(sentOf(socket('adv2'), 'offer').map((m) => m.to).sort(), ['adv', 'customer']);
    assert.deepEqual(sentOf(socket('adv'), 'answer').map((m) => m.to).sort(), ['adv2', 'customer']);
    assert.equal(calls.adv2.connections().get('customer').remoteDescription.sdp, 'answer-from-customer');
    assert.equal(calls.customer.connections().get('adv2').remoteDescription.sdp, 'offer-from-adv2');
    assert.equal(calls.adv.pc, calls.adv.connections().get('customer'), 'pc: the first other one (two-person callers)');
    for (const c of Object.values(calls)) c.close('ended');
  });

test('someone leaving takes only their connection; a hang-up leaves the call to the others until one is left',
  async () => {
    const { calls, peers, socket } = await conference();
    const toAdv2 = calls.adv.connections().get('adv2');

    socket('adv').server({ type: 'peer-left', peerId: 'adv2' });
    await settle();
    assert.ok(toAdv2.closed);
    assert.deepEqual(peers.adv.map((p) => p.name), ['Sam Sounding'], 'their tile goes, the others stay');
    assert.notEqual(calls.adv.stateName, 'reconnecting', 'someone is still in the call');

    calls.customer.hangUp(); // reaches adv (the last other one: its call ends) and adv2 (one other one stays)
    await settle();
    assert.equal(calls.customer.stateName, 'ended');
    assert.equal(calls.adv.stateName, 'ended');
    assert.equal(calls.adv.pc, null);
    assert.notEqual(calls.adv2.stateName, 'ended');
    assert.deepEqual(peers.adv2.map((p) => p.name), ['Alice Archer']);
    assert.ok(!calls.adv2.connections().get('adv').closed);
    calls.adv2.close('ended');
  });

test('mute state belongs to the person who sent it', async () => {
  const { calls, peers } = await conference();

  calls.adv2.setMuted('audio', true);
  calls.adv2.setMuted('video', true);
  await settle();

  for (const id of ['adv', 'customer']) {
    const byName = Object.fromEntries(peers[id].map((p) => [p.name, p.muted]));
    assert.deepEqual(byName['Ben Baker'], { audio: true, video: true }, id);
    const other = id === 'adv' ? 'Sam Sounding' : 'Alice Archer';
    assert.deepEqual(byName[other], { audio: false, video: false }, id);
  }
  for (const c of Object.values(calls)) c.close('ended');
});

test('a shared screen goes to every connection and a newcomer gets it from the start', async () => {
  const screen = { kind: 'video', stop() {}, addEventListener() {} };
  const { calls } = await conference(['adv', 'customer'], (id) => (id === 'adv' ? {
    mediaDevices: { ...devices([{ kind: 'audio', enabled: true, stop() {} }, { kind: 'video', enabled: true, stop() {} }]),
      getDisplayMedia: async () => ({ getVideoTracks: () => [screen] }) },
  } : {}));
  const videoOf = (pc) => pc.getTransceivers().find((t) => t.receiver.track.kind === 'video').sender.track;
  await calls.adv.shareScreen();
  assert.equal(videoOf(calls.adv.connections().get('customer')), screen);
  calls.adv.received({ type: 'peer-joined', peerId: 'adv2', role: 'advisor', name: 'Ben Baker' });
  await settle();
  assert.equal(videoOf(calls.adv.connections().get('adv2')), screen);
  for (const c of Object.values(calls)) c.close('ended');
});

test('the call panel shows a tile per person, labelled with their name, and removes it when they leave', async () => {
  const { page } = await import('./dom.mjs');
  const { RemoteTiles, nameOf } = await import('../lib/call-panel.js');
  const { document } = page('<div class="call-tiles"><video class="call-local"></video></div>');
  const box = document.querySelector('.call-tiles');
  const tiles = new RemoteTiles(box, box.querySelector('.call-local'));
  const stream = (n) => ({ n });
  const alice = { peerId: 'u-1', name: 'Alice Archer', role: 'advisor', stream: stream(1),
    muted: { audio: false, video: false } };
  const sam = { peerId: 'customer', name: 'Sam Sounding', role: 'customer', stream: stream(2),
    muted: { audio: true, video: true } };

  tiles.show([alice, sam]);
  const labels = () => [...box.querySelectorAll('.call-tile .call-name')].map((l) => l.textContent);
  assert.deepEqual(labels(), ['Alice Archer', 'Sam Sounding']);
  assert.equal(box.lastElementChild.className, 'call-local', 'ours stays last');
  assert.equal(box.dataset.count, '2');
  const placeholders = [...box.querySelectorAll('.call-placeholder')];
  assert.deepEqual(placeholders.map((p) => p.hidden), [true, false]);
  assert.equal(placeholders[1].textContent, "Sam Sounding's camera is off");
  const aliceVideo = box.querySelector('.call-remote');
  assert.equal(aliceVideo.srcObject, alice.stream);

  tiles.show([sam]);
  assert.deepEqual(labels(), ['Sam Sounding']);
  assert.equal(box.querySelectorAll('video.call-remote').length, 1);
  assert.equal(aliceVideo.srcObject, null, "the gone person's stream is let go");
  assert.equal(box.dataset.count, '1');

  assert.equal(nameOf({ peerId: 'u-1', name: 'u-1', role: 'advisor' }), 'An advisor', 'never an id');
  assert.equal(nameOf({ peerId: 'customer', name: '', role: 'customer' }), 'The customer');
  assert.ok(!box.textContent.includes('u-1'));
});
