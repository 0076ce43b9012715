// A face-to-face call beside the co-browsing session: camera and microphone over WebRTC, signalled through the Jetty
// signaling server (docs/protocol.md, "WebRTC signaling"). A conference of up to four is a mesh: one peer connection per
// other media peer, each negotiated over messages addressed to that peer ("to"). Each pair follows the "perfect
// negotiation" pattern: either side may offer at any time; on a collision the polite side rolls back and answers, the
// impolite side ignores the other's offer. Who is which is decided per pair by who came into the room last: the
// newcomer (who finds the other in its welcome) is impolite and alone offers the pair's new connection; the one already
// there (told by peer-joined) is polite and answers. ICE restarts when a connection fails or the network changes.

const PING_MS = 10000;
/** How long the other side may be gone (a page load on the site, a reload) before we stop saying "reconnecting". */
const RECONNECT_GRACE_MS = 30000;

// Call states: idle, waiting (for the other side), connecting, connected, relayed (via TURN), reconnecting (the
// other side left without hanging up, e.g. it is loading another page of the site), failed, ended, and the final
// ones the signaling server decides by its close code (docs/protocol.md, "Close codes"): full (4423, someone else
// already holds this side of the call), session-ended (4409, the app ended the session).
const FINAL_CLOSES = { 4423: 'full', 4409: 'session-ended' };
// Closes after which a new socket would be refused the same way (a bad message, a role that may not send it, one too
// large, a flood) or would push out a newer one of ours (4410): the call fails rather than retrying. Any other close
// (1001 the server stopping, 1006 the network or a refused upgrade, 1011, 4408, 4503) reconnects with back-off and a
// fresh token.
const NO_RETRY = new Set([4400, 4403, 4410, 4413, 4429]);
/** Back-off between reconnection attempts of the signaling socket (each varied by ±20 %); the last one repeats. */
const RECONNECT_MS = [200, 400, 800, 1600, 3200, 6400, 8000];

export class Call {
  /**
   * @param {object} options
   * @param {() => Promise<{url: string, token: string}>} options.signaling  a fresh signaling URL and token
   * @param {() => Promise<{iceServers: object[]}>} options.iceServers         STUN/TURN for this participant
   * @param {(state: string, detail?: object) => void} [options.onState]
   * @param {(stream: MediaStream|null) => void} [options.onLocalStream]
   * @param {(peers: {peerId: string, name: string, role: string, stream: MediaStream,
   *   muted: {audio: boolean, video: boolean}}[]) => void} [options.onRemotePeers]  everyone we are in the call with,
   *   in the order they came, each time someone comes, goes or mutes (muted: true = off; the wire says true = on)
   * @param {(stream: MediaStream|null) => void} [options.onRemoteStream]  the first of them only (a single tile)
   * @param {(mute: {audio: boolean, video: boolean}) => void} [options.onRemoteMute]  the first of them only
   * @param {(problem: string) => void} [options.onMediaProblem]  'denied', 'no-camera', 'no-devices'
   * @param {(sharing: boolean) => void} [options.onScreen]  our screen share started or stopped
   * @param {typeof RTCPeerConnection} [options.PeerConnection]
   * @param {typeof WebSocket} [options.WebSocketImpl]
   * @param {MediaDevices} [options.mediaDevices]
   * @param {{audio?: boolean, video?: boolean}} [options.muted]  start muted / with the camera off (a rejoin after a
   *   page load keeps what the person chose)
   * @param {number} [options.reconnectGraceMs]
   * @param {number[]} [options.reconnectMs]  back-off of the signaling socket's reconnection attempts
   */
  constructor(options) {
    this.options = options;
    this.PC = options.PeerConnection || globalThis.RTCPeerConnection;
    this.WS = options.WebSocketImpl || globalThis.WebSocket;
    this.devices = options.mediaDevices || globalThis.navigator?.mediaDevices;
    /** One pair per other media peer, by peer id, in the order they came: {id, name, role, pc, polite, ...}. */
    this.pairs = new Map();
    this.ws = null;
    this.local = null;
    this.muted = { audio: Boolean(options.muted?.audio), video: Boolean(options.muted?.video) };
    this.reconnectGraceMs = options.reconnectGraceMs ?? RECONNECT_GRACE_MS;
    this.reconnectMs = options.reconnectMs || RECONNECT_MS;
    this.attempts = 0;
    this.closed = false;
    this.stateName = 'idle';
    this.queue = Promise.resolve();
    this.onNetworkChange = () => this.restartIce();
  }

  /** The peer connection to the first other media peer (null without one): what a two-person call had. */
  get pc() {
    const first = this.pairs.values().next().value;
    return first ? first.pc : null;
  }

  /** The first other media peer's id, or null. */
  get peer() {
    const first = this.pairs.values().next().value;
    return first ? first.id : null;
  }

  /** The peer connection to each other media peer, by peer id. */
  connections() {
    return new Map([...this.pairs].map(([id, pair]) => [id, pair.pc]));
  }

  /**
   * Asks for camera and microphone (audio only without a camera) while it fetches a signaling token and the ICE
   * servers (in parallel: a rejoin after a page load should lose as little time as it can), then joins the session's
   * signaling room.
   */
  async start() {
    const media = this.media().then((local) => {
      if (this.closed) {
        if (local) local.getTracks().forEach((t) => t.stop());
        return;
      }
      this.local = local;
      for (const track of local ? local.getTracks() : []) track.enabled = !this.muted[track.kind];
      this.emit('localStream', local);
    });
    // the room's messages wait for camera and microphone (a peer connection is made with them), but the socket need
    // not: its handshake overlaps the camera's start, which matters on a rejoin after each page load of the site
    this.queue = media;
    const [{ url, token }, ice] = await Promise.all([this.options.signaling(), this.options.iceServers()]);
    if (this.closed) return;
    this.iceServers = ice.iceServers || [];
    this.setState('waiting');
    this.attempts = 0;
    this.open(url, token);
    globalThis.addEventListener?.('online', this.onNetworkChange);
    await media;
  }

  /** Opens the signaling socket (the first one, or a new one after the last closed). */
  open(url, token) {
    const ws = new this.WS(url, ['tandem-signal.v1', 'bearer.' + token]);
    this.ws = ws;
    // one message at a time, in order: a candidate must not overtake the offer it belongs to
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.queue = this.queue.then(() => this.received(JSON.parse(event.data))).catch((e) => this.fail(e));
    };
    ws.onclose = (event) => {
      if (this.ws !== ws || this.closed) return;
      clearInterval(this.pinger);
      this.ws = null;
      const final = FINAL_CLOSES[event.code];
      if (final) this.close(final); // camera and microphone released; retrying would be refused again
      else if (NO_RETRY.has(event.code)) this.setState('failed', { code: event.code });
      else this.reconnect(event.code);
    };
    ws.onopen = () => {
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    };
  }

  /**
   * The signaling socket closed under a call that is not over (the server restarted, the network dropped): a new
   * socket with a fresh token after a back-off. The peer connection goes on meanwhile (media do not need signaling);
   * once both sides are back in the room they negotiate a new one over the new socket.
   */
  reconnect(code) {
    const delay = this.reconnectMs[Math.min(this.attempts, this.reconnectMs.length - 1)] * (0.8 + Math.random() * 0.4);
    this.attempts++;
    if (!this.pairs.size || !['connected', 'relayed'].includes(this.stateName)) this.setState('reconnecting', { code });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(async () => {
      let fresh;
      try {
        fresh = await this.options.signaling();
      } catch (e) {
        if (this.closed) return;
        if (e.status === 410) this.close('session-ended');
        else if (e.status === 401 || e.status === 403 || e.status === 404) this.setState('failed', { code });
        else this.reconnect(code); // the app is unreachable too: try again later
        return;
      }
      if (!this.closed) this.open(fresh.url, fresh.token);
    }, delay);
  }

  /** Mutes or unmutes the microphone ('audio') or turns the camera off or on ('video'); tells the other side. */
  setMuted(kind, muted) {
    this.muted[kind] = muted;
    for (const track of this.local ? this.local.getTracks() : []) {
      if (track.kind === kind) track.enabled = !muted;
    }
    this.sendMediaState();
  }

  /** Tells the others which of our tracks are on (the signaling schema says true = on). */
  sendMediaState() {
    // a shared screen is video on, whatever the camera button says
    this.send({ type: 'mute', audio: !this.muted.audio, video: !this.muted.video || Boolean(this.screen) });
  }

  /**
   * Shares a screen, window or tab (the browser asks which) in place of the camera, in the same call: the video
   * sender's track is replaced (no new offer), or, without a camera, the receive-only video transceiver starts sending
   * (one renegotiation of the same peer connection). Rejects when the person cancels the browser's picker.
   */
  async shareScreen() {
    if (!this.devices || !this.devices.getDisplayMedia) throw new Error('This browser cannot share a screen.');
    const stream = await this.devices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (this.closed) {
      track.stop();
      return;
    }
    if (this.screen) this.screen.stop();
    track.contentHint = 'detail'; // text stays sharp: the encoder keeps the resolution and lowers the frame rate
    this.screen = track;
    // the browser's own "Stop sharing" ends the track: the camera comes back
    track.addEventListener('ended', () => {
      if (this.screen === track) this.stopScreen();
    });
    await this.sendVideo(track);
    this.sendMediaState();
    if (this.options.onScreen) this.options.onScreen(true);
  }

  /** Stops sharing: the camera's track goes back on the video sender. */
  async stopScreen() {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    track.stop();
    await this.sendVideo(this.local ? this.local.getVideoTracks()[0] || null : null);
    this.sendMediaState();
    if (this.options.onScreen) this.options.onScreen(false);
  }

  /** Puts a track on the video sender of every peer connection (a new one picks it up in peerJoined). */
  async sendVideo(track) {
    await Promise.all([...this.pairs.values()].map(async ({ pc }) => {
      const video = pc.getTransceivers().find((t) => t.receiver.track && t.receiver.track.kind === 'video');
      if (!video) return;
      await video.sender.replaceTrack(track);
      if (track && video.direction === 'recvonly') video.direction = 'sendrecv';
      if (track) await keepSharp(video.sender, track === this.screen);
    }));
  }

  /** Leaves the call; the others see us hang up (with one other left, the call ends for both). */
  hangUp() {
    this.send({ type: 'hangup' });
    this.close('ended');
  }

  /** This page goes away without ending the call (the site loads another page, which rejoins). */
  leave() {
    this.close('left');
  }

  close(state) {
    this.closed = true;
    clearInterval(this.pinger);
    clearTimeout(this.graceTimer);
    clearTimeout(this.retryTimer);
    globalThis.removeEventListener?.('online', this.onNetworkChange);
    for (const id of [...this.pairs.keys()]) this.closePair(id);
    if (this.local) this.local.getTracks().forEach((t) => t.stop());
    this.local = null;
    if (this.screen) {
      this.screen.stop();
      this.screen = null;
      if (this.options.onScreen) this.options.onScreen(false);
    }
    this.emit('localStream', null);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= 1) ws.close(1000, 'bye');
    this.setState(state);
  }

  async received(msg) {
    const pair = msg.from !== undefined ? this.pairs.get(msg.from) : undefined;
    switch (msg.type) {
      case 'welcome':
        this.attempts = 0; // in the room again: the next drop starts the back-off afresh
        for (const p of msg.peers || []) {
          if (p.role !== 'supervisor') this.peerJoined(p, false); // we are the newcomer: we offer
        }
        // someone we were in the call with is not in the room now (gone while our socket was down, or on its way back):
        // its connection goes on until it comes back (peer-joined) or fails
        for (const p of this.pairs.values()) {
          if (!(msg.peers || []).some((listed) => listed.peerId === p.id)) p.unlisted = true;
        }
        break;
      case 'peer-joined':
        if (msg.role !== 'supervisor') this.peerJoined(msg, true); // the newcomer offers, we answer
        break;
      case 'peer-left':
        if (this.pairs.has(msg.peerId)) this.peerGone(msg.peerId);
        break;
      case 'hangup':
        if (!pair) break;
        if (this.pairs.size === 1) this.close('ended'); // the last other one hung up: the call is over
        else this.peerGone(msg.from, true);
        break;
      case 'mute': // true = that track is on
        if (!pair) break;
        pair.muted = { audio: !msg.audio, video: !msg.video };
        this.emitPeers();
        break;
      case 'offer':
      case 'answer':
        if (pair) await this.description(pair, { type: msg.type, sdp: msg.sdp });
        break;
      case 'candidate':
        if (pair) await this.candidate(pair, msg.candidate);
        break;
      default:
        break;
    }
  }

  /**
   * Another media peer is here: a new peer connection to it with our tracks (any older one to it is closed). The
   * newcomer offers it; the one already here (polite) answers.
   */
  peerJoined(p, polite) {
    clearTimeout(this.graceTimer);
    this.closePair(p.peerId);
    const pc = new this.PC({ iceServers: this.iceServers });
    const pair = { id: p.peerId, name: typeof p.name === 'string' ? p.name : '', role: p.role, pc, polite,
      makingOffer: false, ignoreOffer: false, state: 'connecting', remote: new MediaStream(),
      muted: { audio: p.audio === false, video: p.video === false } };
    this.pairs.set(p.peerId, pair);
    this.emitPeers();
    pc.ontrack = ({ track }) => pair.remote.addTrack(track);
    pc.onicecandidate = ({ candidate }) => this.send({ type: 'candidate', to: pair.id,
      candidate: candidate ? candidate.toJSON() : null });
    pc.onnegotiationneeded = async () => {
      // a new connection is first offered by the impolite side (the newcomer) alone, and the polite side answers: had
      // both offered as they met (the usual case after a page load or a reconnection), Chromium sometimes settled
      // both in "stable" with ICE never starting. Later renegotiations (ICE restarts, screen share) go either way.
      if (pair.polite && !pc.remoteDescription) return;
      try {
        pair.makingOffer = true;
        await pc.setLocalDescription();
        this.send({ type: pc.localDescription.type, to: pair.id, sdp: pc.localDescription.sdp });
      } catch (e) {
        this.fail(e);
      } finally {
        pair.makingOffer = false;
      }
    };
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce();
    };
    pc.onconnectionstatechange = () => this.connectionState(pc);
    // a screen being shared goes on in the new connection in place of the camera
    const video = this.screen || (this.local ? this.local.getVideoTracks()[0] : null);
    const audio = this.local ? this.local.getAudioTracks()[0] : null;
    const stream = this.local || new MediaStream();
    if (audio) pc.addTrack(audio, stream);
    else pc.addTransceiver('audio', { direction: 'recvonly' });
    if (video) keepSharp(pc.addTrack(video, stream), video === this.screen);
    else pc.addTransceiver('video', { direction: 'recvonly' });
    this.refreshState();
    if (this.muted.audio || this.muted.video || !this.local || !this.local.getVideoTracks().length) {
      if (!this.local || !this.local.getVideoTracks().length) this.muted.video = true; // no camera: show it as off
      if (!this.local) this.muted.audio = true;
      this.sendMediaState();
    }
  }

  async description(pair, description) {
    const { pc } = pair;
    const collision = description.type === 'offer' && (pair.makingOffer || pc.signalingState !== 'stable');
    pair.ignoreOffer = !pair.polite && collision;
    if (pair.ignoreOffer) return;
    await pc.setRemoteDescription(description); // rolls back our own offer first when polite and colliding
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      this.send({ type: pc.localDescription.type, to: pair.id, sdp: pc.localDescription.sdp });
    }
  }

  async candidate(pair, candidate) {
    try {
      await pair.pc.addIceCandidate(candidate || undefined);
    } catch (e) {
      if (!pair.ignoreOffer) throw e;
    }
  }

  /** A peer connection's state changed: the pair's state, then the call's (see refreshState). */
  async connectionState(pc) {
    const pair = [...this.pairs.values()].find((p) => p.pc === pc);
    if (!pair) return;
    if (pc.connectionState === 'connected') {
      const relayed = await this.relayed(pc);
      if (this.pairs.get(pair.id) !== pair) return;
      pair.state = relayed ? 'relayed' : 'connected';
    } else if (pc.connectionState === 'failed') {
      if (pair.unlisted) {
        this.peerGone(pair.id); // it left while our socket was down and never came back
        return;
      }
      pair.state = 'failed';
      pc.restartIce();
    } else if (pc.connectionState === 'connecting') {
      pair.state = 'connecting';
    } else {
      return;
    }
    this.refreshState();
  }

  /**
   * The call's state from its pairs': connected while any connection is up ("relayed" when every one that is up goes
   * through TURN), else failed when one failed, else connecting.
   */
  refreshState() {
    const states = [...this.pairs.values()].map((p) => p.state);
    if (!states.length || this.closed) return;
    const up = states.filter((s) => s === 'connected' || s === 'relayed');
    let state = 'connecting';
    if (up.length) state = up.every((s) => s === 'relayed') ? 'relayed' : 'connected';
    else if (states.includes('failed')) state = 'failed';
    if (state !== this.stateName || state === 'failed') this.setState(state);
  }

  /** Whether the selected candidate pair goes through a TURN relay. */
  async relayed(pc) {
    try {
      const stats = await pc.getStats();
      let pair = null;
      stats.forEach((s) => {
        if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
      });
      if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
      const local = pair && stats.get(pair.localCandidateId);
      const remote = pair && stats.get(pair.remoteCandidateId);
      return Boolean(local && local.candidateType === 'relay') || Boolean(remote && remote.candidateType === 'relay');
    } catch (e) {
      return false;
    }
  }

  restartIce() {
    for (const { pc } of this.pairs.values()) {
      if (pc.connectionState !== 'closed') pc.restartIce();
    }
  }

  /**
   * Another media peer left the room without hanging up (or hung up while others stay): its connection and tile go.
   * When it was the last other one, after a call that was under way it is most likely loading another page of the
   * site (or reloading) and will be back in a moment: "reconnecting", then "waiting" after the grace.
   */
  peerGone(id, hungUp = false) {
    this.closePair(id);
    if (this.pairs.size) {
      this.refreshState();
      return;
    }
    if (this.stateName === 'ended') return;
    if (!hungUp && ['connecting', 'connected', 'relayed', 'failed', 'reconnecting'].includes(this.stateName)) {
      this.setState('reconnecting');
      clearTimeout(this.graceTimer);
      this.graceTimer = setTimeout(() => {
        if (this.stateName === 'reconnecting') this.setState('waiting');
      }, this.reconnectGraceMs);
    } else {
      this.setState('waiting');
    }
  }

  /** Closes the connection to one peer, if any, and forgets it. */
  closePair(id) {
    const pair = this.pairs.get(id);
    if (!pair) return;
    pair.pc.onnegotiationneeded = null;
    pair.pc.onconnectionstatechange = null;
    pair.pc.close();
    this.pairs.delete(id);
    this.emitPeers();
  }

  /** Tells the listeners who we are in the call with (and the single-tile listeners the first of them). */
  emitPeers() {
    const peers = [...this.pairs.values()].map((p) => ({ peerId: p.id, name: p.name, role: p.role, stream: p.remote,
      muted: { ...p.muted } }));
    if (this.options.onRemotePeers) this.options.onRemotePeers(peers);
    const first = peers[0] || null;
    const stream = first ? first.stream : null;
    if (stream !== this.firstStream) {
      this.firstStream = stream;
      this.emit('remoteStream', stream);
    }
    const mute = first ? JSON.stringify(first.muted) : null;
    if (first && this.options.onRemoteMute && (mute !== this.firstMute || stream !== this.firstMuteStream)) {
      this.options.onRemoteMute(first.muted);
    }
    this.firstMute = mute;
    this.firstMuteStream = stream;
  }

  async media() {
    if (!this.devices || !this.devices.getUserMedia) {
      this.problem('no-devices');
      return null;
    }
    try {
      return await this.devices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    } catch (e) {
      if (e.name === 'NotAllowedError' || e.name === 'SecurityError') {
        this.problem('denied');
        return null;
      }
    }
    try {
      const audio = await this.devices.getUserMedia({ audio: true });
      this.problem('no-camera');
      return audio;
    } catch (e) {
      this.problem(e.name === 'NotAllowedError' ? 'denied' : 'no-devices');
      return null;
    }
  }

  send(msg) {
    if (this.ws && this.ws.readyState === 1) this.ws.send(JSON.stringify(msg));
  }

  setState(state, detail) {
    this.stateName = state;
    if (this.options.onState) this.options.onState(state, detail);
  }

  emit(kind, stream) {
    const listener = kind === 'localStream' ? this.options.onLocalStream : this.options.onRemoteStream;
    if (listener) listener(stream);
  }

  problem(kind) {
    if (this.options.onMediaProblem) this.options.onMediaProblem(kind);
  }

  fail(e) {
    console.error('call', e);
  }
}

/**
 * A shared screen keeps its resolution when bandwidth or CPU run short, so its text stays readable (the frame rate
 * drops instead); a camera balances both. A browser that does not know the preference keeps its default, which for a
 * track hinted 'detail' is the same.
 */
export async function keepSharp(sender, screen) {
  if (!sender || typeof sender.getParameters !== 'function' || typeof sender.setParameters !== 'function') return;
  const want = screen ? 'maintain-resolution' : 'balanced';
  try {
    const params = sender.getParameters();
    if (params.degradationPreference === want) return;
    params.degradationPreference = want;
    await sender.setParameters(params);
  } catch {
    // not negotiated yet or not supported: the track's content hint still asks the encoder for sharp text
  }
}
