// A face-to-face call beside the co-browsing session: camera and microphone over WebRTC, signalled through the Jetty
// signaling server (docs/protocol.md, "WebRTC signaling"). It follows the "perfect negotiation" pattern: both sides
// may offer at any time; on a collision the polite side (the customer) rolls back and answers, the impolite side (the
// advisor) ignores the other's offer. ICE restarts when the connection fails or the network changes.

const PING_MS = 10000;

// Call states: idle, waiting (for the other side), connecting, connected, relayed (via TURN), failed, ended, and the
// final ones the signaling server decides by its close code (docs/protocol.md, "Close codes"): full (4423, someone
// else already holds this side of the call), session-ended (4409, the app ended the session).
const FINAL_CLOSES = { 4423: 'full', 4409: 'session-ended' };

export class Call {
  /**
   * @param {object} options
   * @param {() => Promise<{url: string, token: string}>} options.signaling  a fresh signaling URL and token
   * @param {() => Promise<{iceServers: object[]}>} options.iceServers         STUN/TURN for this participant
   * @param {(state: string, detail?: object) => void} [options.onState]
   * @param {(stream: MediaStream|null) => void} [options.onLocalStream]
   * @param {(stream: MediaStream|null) => void} [options.onRemoteStream]
   * @param {(mute: {audio: boolean, video: boolean}) => void} [options.onRemoteMute]  true = muted/off (the
   *   wire says the opposite: true = on)
   * @param {(problem: string) => void} [options.onMediaProblem]  'denied', 'no-camera', 'no-devices'
   * @param {typeof RTCPeerConnection} [options.PeerConnection]
   * @param {typeof WebSocket} [options.WebSocketImpl]
   * @param {MediaDevices} [options.mediaDevices]
   */
  constructor(options) {
    this.options = options;
    this.PC = options.PeerConnection || globalThis.RTCPeerConnection;
    this.WS = options.WebSocketImpl || globalThis.WebSocket;
    this.devices = options.mediaDevices || globalThis.navigator?.mediaDevices;
    this.pc = null;
    this.ws = null;
    this.local = null;
    this.polite = false;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.muted = { audio: false, video: false };
    this.peer = null; // the other media participant's id
    this.stateName = 'idle';
    this.queue = Promise.resolve();
    this.onNetworkChange = () => this.restartIce();
  }

  /** Asks for camera and microphone (audio only without a camera), then joins the session's signaling room. */
  async start() {
    this.local = await this.media();
    this.emit('localStream', this.local);
    const [{ url, token }, ice] = await Promise.all([this.options.signaling(), this.options.iceServers()]);
    this.iceServers = ice.iceServers || [];
    this.setState('waiting');
    const ws = new this.WS(url, ['tandem-signal.v1', 'bearer.' + token]);
    this.ws = ws;
    // one message at a time, in order: a candidate must not overtake the offer it belongs to
    ws.onmessage = (event) => {
      this.queue = this.queue.then(() => this.received(JSON.parse(event.data))).catch((e) => this.fail(e));
    };
    ws.onclose = (event) => {
      if (this.ws !== ws || this.stateName === 'ended') return;
      const final = FINAL_CLOSES[event.code];
      if (final) this.close(final); // camera and microphone released; retrying would be refused again
      else this.setState('failed', { code: event.code });
    };
    ws.onopen = () => {
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    };
    globalThis.addEventListener?.('online', this.onNetworkChange);
  }

  /** Mutes or unmutes the microphone ('audio') or turns the camera off or on ('video'); tells the other side. */
  setMuted(kind, muted) {
    this.muted[kind] = muted;
    for (const track of this.local ? this.local.getTracks() : []) {
      if (track.kind === kind) track.enabled = !muted;
    }
    this.sendMediaState();
  }

  /** Tells the other side which of our tracks are on (the signaling schema says true = on). */
  sendMediaState() {
    this.send({ type: 'mute', audio: !this.muted.audio, video: !this.muted.video });
  }

  /** Ends the call on both sides. */
  hangUp() {
    this.send({ type: 'hangup' });
    this.close('ended');
  }

  close(state) {
    clearInterval(this.pinger);
    globalThis.removeEventListener?.('online', this.onNetworkChange);
    this.closePeer();
    if (this.local) this.local.getTracks().forEach((t) => t.stop());
    this.local = null;
    this.emit('localStream', null);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= 1) ws.close(1000, 'bye');
    this.setState(state);
  }

  async received(msg) {
    switch (msg.type) {
      case 'welcome':
        this.polite = msg.polite;
        for (const p of msg.peers || []) {
          if (p.role !== 'supervisor') this.peerJoined(p);
        }
        break;
      case 'peer-joined':
        if (msg.role !== 'supervisor') this.peerJoined(msg);
        break;
      case 'peer-left':
        if (msg.peerId === this.peer) this.peerGone();
        break;
      case 'hangup':
        if (msg.from === this.peer) this.close('ended'); // a hang-up ends the call for both sides
        break;
      case 'mute': // true = that track is on
        if (this.options.onRemoteMute) this.options.onRemoteMute({ audio: !msg.audio, video: !msg.video });
        break;
      case 'offer':
      case 'answer':
        await this.description({ type: msg.type, sdp: msg.sdp });
        break;
      case 'candidate':
        await this.candidate(msg.candidate);
        break;
      default:
        break;
    }
  }

  /** The other side is here: both sides create their connection and add tracks; negotiation sorts out who offers. */
  peerJoined(p) {
    this.closePeer();
    this.peer = p.peerId;
    if (this.options.onRemoteMute) this.options.onRemoteMute({ audio: p.audio === false, video: p.video === false });
    this.setState('connecting');
    const pc = new this.PC({ iceServers: this.iceServers });
    this.pc = pc;
    const remote = new MediaStream();
    this.emit('remoteStream', remote);
    pc.ontrack = ({ track }) => remote.addTrack(track);
    pc.onicecandidate = ({ candidate }) => this.send({ type: 'candidate',
      candidate: candidate ? candidate.toJSON() : null });
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        this.send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });
      } catch (e) {
        this.fail(e);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === 'failed') pc.restartIce();
    };
    pc.onconnectionstatechange = () => this.connectionState(pc);
    if (this.local && this.local.getTracks().length) {
      for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
      if (!this.local.getVideoTracks().length) pc.addTransceiver('video', { direction: 'recvonly' });
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    if (this.muted.audio || this.muted.video || !this.local || !this.local.getVideoTracks().length) {
      if (!this.local || !this.local.getVideoTracks().length) this.muted.video = true; // no camera: show it as off
      if (!this.local) this.muted.audio = true;
      this.sendMediaState();
    }
  }

  async description(description) {
    const pc = this.pc;
    if (!pc) return;
    const collision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    await pc.setRemoteDescription(description); // rolls back our own offer first when polite and colliding
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      this.send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });
    }
  }

  async candidate(candidate) {
    if (!this.pc) return;
    try {
      await this.pc.addIceCandidate(candidate || undefined);
    } catch (e) {
      if (!this.ignoreOffer) throw e;
    }
  }

  async connectionState(pc) {
    if (pc !== this.pc) return;
    if (pc.connectionState === 'connected') {
      this.setState((await this.relayed(pc)) ? 'relayed' : 'connected');
    } else if (pc.connectionState === 'failed') {
      this.setState('failed');
      pc.restartIce();
    } else if (pc.connectionState === 'connecting') {
      this.setState('connecting');
    }
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
    if (this.pc && this.pc.connectionState !== 'closed') this.pc.restartIce();
  }

  peerGone() {
    this.closePeer();
    this.peer = null;
    if (this.stateName !== 'ended') this.setState('waiting');
  }

  closePeer() {
    if (this.pc) {
      this.pc.onnegotiationneeded = null;
      this.pc.onconnectionstatechange = null;
      this.pc.close();
    }
    this.pc = null;
    this.emit('remoteStream', null);
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
