// The call's controls and video tiles, the same for advisor and customer: start, mute, camera, hang up, the state
// ("connecting", "connected", "relayed via TURN", "failed"), the other side's mute state, and clear messages when
// the camera or microphone is refused or missing. The tiles live in their own panel, never over the mirror.

import { Call } from './call.js';

const STATE_TEXT = {
  idle: 'Video is off',
  waiting: 'Waiting for the other side to join the call…',
  connecting: 'Connecting…',
  connected: 'Connected',
  relayed: 'Connected (relayed via TURN)',
  failed: 'Connection failed — retrying',
  ended: 'Call ended',
  full: 'Someone else is already on this side of the call, so you cannot join it from here.',
  'session-ended': 'The session has ended, so the call has ended too.',
};

// States in which no call is up: the start button shows, the call controls hide.
const AT_REST = new Set(['idle', 'ended', 'full', 'session-ended']);

const PROBLEM_TEXT = {
  denied: 'Camera and microphone are blocked. Allow them in your browser to be seen and heard; you can still see '
    + 'and hear the other side.',
  'no-camera': 'No camera found: audio only.',
  'no-devices': 'No camera or microphone found: you can still see and hear the other side.',
};

/**
 * @param {HTMLElement} root   the panel element (its children are created here)
 * @param {object} sources     {signaling: () => Promise<{url, token}>, iceServers: () => Promise<{iceServers}>}
 * @param {string} otherName   the other side's name, for labels
 */
export function callPanel(root, sources, otherName) {
  root.classList.add('call-panel');
  root.innerHTML = `
    <div class="call-tiles">
      <video class="call-remote" autoplay playsinline aria-label=""></video>
      <video class="call-local" autoplay playsinline muted aria-label="You"></video>
    </div>
    <p class="call-state" role="status" data-state="idle"></p>
    <p class="call-remote-mute muted" hidden></p>
    <p class="call-problem" role="alert" hidden></p>
    <div class="call-actions">
      <button type="button" class="primary call-start">Start video call</button>
      <button type="button" class="call-mute" hidden aria-pressed="false">Mute</button>
      <button type="button" class="call-camera" hidden aria-pressed="false">Camera off</button>
      <button type="button" class="danger call-hangup" hidden>Hang up</button>
    </div>`;
  const q = (c) => root.querySelector('.' + c);
  q('call-remote').setAttribute('aria-label', otherName);
  const show = (state) => {
    q('call-state').textContent = STATE_TEXT[state] || state;
    q('call-state').dataset.state = state;
    root.dataset.state = state;
    const live = !AT_REST.has(state);
    q('call-start').hidden = live;
    q('call-mute').hidden = !live;
    q('call-camera').hidden = !live;
    q('call-hangup').hidden = !live;
  };
  show('idle');
  let call = null;
  q('call-start').onclick = async () => {
    q('call-problem').hidden = true;
    call = new Call({
      ...sources,
      onState: show,
      onLocalStream: (s) => { q('call-local').srcObject = s; },
      onRemoteStream: (s) => { q('call-remote').srcObject = s; },
      onRemoteMute: (m) => {
        const parts = [m.audio ? 'microphone muted' : null, m.video ? 'camera off' : null].filter(Boolean);
        q('call-remote-mute').hidden = parts.length === 0;
        q('call-remote-mute').textContent = parts.length ? `${otherName}: ${parts.join(', ')}` : '';
        root.dataset.remoteAudio = m.audio ? 'muted' : 'on';
        root.dataset.remoteVideo = m.video ? 'off' : 'on';
      },
      onMediaProblem: (kind) => {
        q('call-problem').textContent = PROBLEM_TEXT[kind] || kind;
        q('call-problem').hidden = false;
        root.dataset.mediaProblem = kind;
      },
    });
    window.__tandemCall = call;
    try {
      await call.start();
    } catch (e) {
      q('call-problem').textContent = 'The call could not start: ' + e.message;
      q('call-problem').hidden = false;
      call.close('idle');
    }
  };
  const toggle = (button, kind, on, off) => {
    const muted = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(muted));
    button.textContent = muted ? on : off;
    if (call) call.setMuted(kind, muted);
  };
  q('call-mute').onclick = () => toggle(q('call-mute'), 'audio', 'Unmute', 'Mute');
  q('call-camera').onclick = () => toggle(q('call-camera'), 'video', 'Camera on', 'Camera off');
  q('call-hangup').onclick = () => {
    if (call) call.hangUp();
  };
  return {
    /** The session ended: the call ends too. */
    end() {
      if (call) call.close('ended');
    },
  };
}
