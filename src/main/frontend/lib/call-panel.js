// The call's controls and video tiles, the same for advisor and customer: start, mute, camera, hang up, the state
// ("connecting", "connected", "relayed via TURN", "failed"), the other side's mute state, and clear messages when
// the camera or microphone is refused or missing. The tiles live in their own panel, never over the mirror.

import { Call } from './call.js';
import { CallInvites } from './call-invites.js';
import { ScreenShareFrames } from './call-screen.js';

export const STATE_TEXT = {
  idle: 'Video is off',
  waiting: 'Waiting for the other side to join the call…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
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
 * @param {(type: string, payload: object) => void} [send]  a reliable relay frame: with it, starting the call invites
 *   the other side (wherever it is: the firm's site, the workspace, the console) and its invitations show here
 * @param {{askScreen?: boolean}} [options]  askScreen: offer "Ask to see their screen" (the advisor's console)
 */
export function callPanel(root, sources, otherName, send, options = {}) {
  root.classList.add('call-panel');
  root.innerHTML = `
    <div class="call-tiles">
      <video class="call-remote" autoplay playsinline aria-label=""></video>
      <p class="call-placeholder" hidden></p>
      <video class="call-local" autoplay playsinline muted aria-label="You"></video>
    </div>
    <div class="call-invite" role="alert" hidden>
      <p class="call-invite-text"></p>
      <button type="button" class="primary call-accept">Join the call</button>
      <button type="button" class="call-decline">Not now</button>
    </div>
    <div class="call-invite call-screen-ask" role="alert" hidden>
      <p class="call-screen-ask-text"></p>
      <button type="button" class="primary call-screen-share">Share my screen</button>
      <button type="button" class="call-screen-decline">Not now</button>
    </div>
    <p class="call-state" role="status" data-state="idle"></p>
    <p class="call-remote-screen muted" hidden></p>
    <p class="call-remote-mute muted" hidden></p>
    <p class="call-problem" role="alert" hidden></p>
    <div class="call-actions">
      <button type="button" class="primary call-start">Start video call</button>
      <button type="button" class="call-mute" hidden aria-pressed="false">Mute</button>
      <button type="button" class="call-camera" hidden aria-pressed="false">Camera off</button>
      <button type="button" class="call-share" hidden aria-pressed="false">Share screen</button>
      <button type="button" class="call-ask-screen" hidden>Ask to see their screen</button>
      <button type="button" class="danger call-hangup" hidden>Hang up</button>
    </div>`;
  const q = (c) => root.querySelector('.' + c);
  q('call-remote').setAttribute('aria-label', otherName);
  q('call-placeholder').textContent = `${otherName}'s camera is off`;
  q('call-screen-ask-text').textContent = `${otherName} asks to see your screen. You choose what to share.`;
  q('call-remote-screen').textContent = `${otherName} is sharing their screen.`;
  let call = null;
  const live = () => call !== null && !AT_REST.has(call.stateName) && call.stateName !== 'left';
  const invites = send ? new CallInvites({
    send,
    onInvitation: (id) => {
      q('call-invite').hidden = !id || live();
      q('call-invite-text').textContent = `${otherName} invites you to a video call.`;
      root.dataset.invitation = id && !live() ? 'open' : 'none';
    },
    onDeclined: () => {
      if (call) call.close('idle');
      q('call-problem').textContent = `${otherName} can't take a video call right now.`;
      q('call-problem').hidden = false;
      root.dataset.declined = 'true';
    },
  }) : null;
  const problem = (text) => {
    q('call-problem').textContent = text;
    q('call-problem').hidden = false;
  };
  const screens = send ? new ScreenShareFrames({
    send,
    onAsk: (id) => {
      q('call-screen-ask').hidden = !id || !live();
      root.dataset.screenAsk = id && live() ? 'open' : 'none';
    },
    onRemote: (on) => {
      q('call-remote-screen').hidden = !on;
      root.dataset.remoteScreen = on ? 'on' : 'off';
    },
    onDeclined: () => {
      problem(`${otherName} would rather not share their screen now.`);
      root.dataset.screenDeclined = 'true';
    },
  }) : null;
  const showSharing = (on) => {
    q('call-share').setAttribute('aria-pressed', String(on));
    q('call-share').textContent = on ? 'Stop sharing' : 'Share screen';
    root.dataset.screen = on ? 'sharing' : 'off';
  };
  const shareScreen = async () => {
    q('call-screen-ask').hidden = true;
    try {
      await call.shareScreen();
    } catch (e) {
      // cancelling the browser's picker is an answer, not a problem
      if (e.name !== 'NotAllowedError' && e.name !== 'AbortError') problem('The screen could not be shared: ' + e.message);
      else if (screens && screens.open) screens.decline();
    }
  };
  const show = (state) => {
    q('call-state').textContent = STATE_TEXT[state] || state;
    q('call-state').dataset.state = state;
    root.dataset.state = state;
    const on = !AT_REST.has(state);
    q('call-start').hidden = on;
    q('call-mute').hidden = !on;
    q('call-camera').hidden = !on;
    q('call-hangup').hidden = !on;
    q('call-share').hidden = !on;
    q('call-ask-screen').hidden = !on || !options.askScreen || !send;
    if (on) q('call-invite').hidden = true;
    if (!on) {
      q('call-screen-ask').hidden = true;
      q('call-remote-screen').hidden = true;
      root.dataset.remoteScreen = 'off';
      if (screens) screens.reset();
    }
    if (!on) q('call-placeholder').hidden = true;
    if (invites && ['connecting', 'connected', 'relayed'].includes(state)) invites.joined();
  };
  show('idle');
  const begin = async (invited) => {
    q('call-problem').hidden = true;
    delete root.dataset.declined;
    const theirs = invites ? invites.current() : null;
    if (invites) {
      if (invited) invites.accept(invited);
      else invites.acceptAll(); // the other side's own invitation is answered by joining
    }
    const pressed = (c) => q(c).getAttribute('aria-pressed') === 'true';
    call = new Call({
      ...sources,
      muted: { audio: pressed('call-mute'), video: pressed('call-camera') },
      onState: show,
      onScreen: (on) => {
        showSharing(on);
        if (screens) screens.sharing(on);
      },
      onLocalStream: (s) => { q('call-local').srcObject = s; },
      onRemoteStream: (s) => { q('call-remote').srcObject = s; },
      onRemoteMute: (m) => {
        const parts = [m.audio ? 'microphone muted' : null, m.video ? 'camera off' : null].filter(Boolean);
        q('call-remote-mute').hidden = parts.length === 0;
        q('call-remote-mute').textContent = parts.length ? `${otherName}: ${parts.join(', ')}` : '';
        q('call-placeholder').hidden = !m.video;
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
    if (invites && !invited && !theirs) invites.invite();
    try {
      await call.start();
    } catch (e) {
      q('call-problem').textContent = 'The call could not start: ' + e.message;
      q('call-problem').hidden = false;
      call.close('idle');
    }
  };
  q('call-start').onclick = () => begin(null);
  q('call-accept').onclick = () => begin(invites.current());
  q('call-decline').onclick = () => invites.decline();
  q('call-share').onclick = () => {
    if (!call) return;
    if (call.screen) call.stopScreen();
    else shareScreen();
  };
  q('call-ask-screen').onclick = () => {
    delete root.dataset.screenDeclined;
    screens.ask();
  };
  q('call-screen-share').onclick = () => {
    if (call) shareScreen();
  };
  q('call-screen-decline').onclick = () => {
    q('call-screen-ask').hidden = true;
    root.dataset.screenAsk = 'none';
    screens.decline();
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
    if (invites) invites.withdraw();
    if (call) call.hangUp();
  };
  return {
    /** The session ended: the call ends too. */
    end() {
      if (call) call.close('ended');
    },
    /** A relay frame; true when it was the call's (call.*). */
    frame(type, frame, me) {
      if (screens && screens.frame(type, frame.payload, frame.header.from, me)) return true;
      return invites ? invites.frame(type, frame.payload, frame.header.from, me) : false;
    },
    /** Whether a call is under way (not idle or ended), and the local mute state. */
    live,
    muted: () => (call ? { ...call.muted } : { audio: false, video: false }),
  };
}
