// The call's controls and video tiles, the same for advisor and customer: start, mute, camera, hang up, the state
// ("connecting", "connected", "relayed via TURN", "failed"), the others' mute state, and clear messages when
// the camera or microphone is refused or missing. One tile per other person in the call (up to three), labelled with
// their name; ours is the small one. The tiles live in their own panel, never over the mirror.

import { Call } from './call.js';
import { CallInvites } from './call-invites.js';
import { ScreenShareFrames } from './call-screen.js';
import { InCallReport, callUnderWayLine, othersInCall } from './call-presence.js';
import { mutedLines, picture, showPictures } from './call-pictures.js';
import { localize, problemMessage, t, translate, unlocalize } from './i18n.js';

/** The class names of a tile's parts (console.css). */
const TILE = { root: 'call-tile', video: 'call-remote', placeholder: 'call-placeholder', label: 'call-name' };

/** The states said in words (callPanel.state.*). */
export const STATES_SAID = new Set(['idle', 'waiting', 'connecting', 'connected', 'reconnecting', 'relayed', 'failed',
  'ended', 'full', 'session-ended']);

// States in which no call is up: the start button shows, the call controls hide.
const AT_REST = new Set(['idle', 'ended', 'full', 'session-ended']);

/** Media problems with words (callPanel.media.*). */
const MEDIA_PROBLEMS = new Set(['denied', 'no-camera', 'no-devices']);

/**
 * @param {HTMLElement} root   the panel element (its children are created here)
 * @param {object} sources     {signaling: () => Promise<{url, token}>, iceServers: () => Promise<{iceServers}>}
 * @param {string} otherName   the other side's name, for labels
 * @param {(type: string, payload: object) => void} [send]  a reliable relay frame: with it, starting the call invites
 *   the other side (wherever it is: the firm's site, the workspace, the console) and its invitations show here
 * @param {{askScreen?: boolean, sendControl?: (type: string, payload: string) => void, viewer?: string,
 *   nameOf?: (participantId: string) => string}} [options]
 *   askScreen: offer "Ask to see their screen" (the advisor's console); sendControl: a relay control frame, with which
 *   the panel tells the room whether we are in the call (sys.in-call); viewer: 'staff' or 'customer', for the sentence
 *   saying who is in a call we are not in (from presence, see presence()); nameOf: a participant's name, for who invites
 *   (otherName without it)
 */
export function callPanel(root, sources, otherName, send, options = {}) {
  root.classList.add('call-panel');
  root.innerHTML = `
    <div class="call-tiles" data-count="0">
      <video class="call-local" autoplay playsinline muted data-i18n-aria-label="people.you"></video>
    </div>
    <div class="call-invite" role="alert" hidden>
      <p class="call-invite-text"></p>
      <button type="button" class="primary call-accept" data-i18n="call.join"></button>
      <button type="button" class="call-decline" data-i18n="call.notNow"></button>
    </div>
    <div class="call-invite call-screen-ask" role="alert" hidden>
      <p class="call-screen-ask-text"></p>
      <button type="button" class="primary call-screen-share" data-i18n="call.shareMyScreen"></button>
      <button type="button" class="call-screen-decline" data-i18n="call.notNow"></button>
    </div>
    <p class="call-state" role="status" data-state="idle"></p>
    <p class="call-remote-screen muted" hidden></p>
    <p class="call-remote-mute muted" hidden></p>
    <p class="call-problem" role="alert" hidden></p>
    <p class="call-running" role="status" hidden></p>
    <div class="call-actions">
      <button type="button" class="primary call-start" data-i18n="callPanel.start"></button>
      <button type="button" class="call-mute" hidden aria-pressed="false" data-i18n="call.mute"></button>
      <button type="button" class="call-camera" hidden aria-pressed="false" data-i18n="call.cameraOff"></button>
      <button type="button" class="call-share" hidden aria-pressed="false" data-i18n="callPanel.shareScreen"></button>
      <button type="button" class="call-ask-screen" hidden data-i18n="callPanel.askScreen"></button>
      <button type="button" class="danger call-hangup" hidden data-i18n="call.hangUp"></button>
    </div>`;
  translate(root);
  const q = (c) => root.querySelector('.' + c);
  const tiles = new RemoteTiles(q('call-tiles'), q('call-local'));
  localize(q('call-screen-ask-text'), 'call.asksScreen', { name: otherName });
  localize(q('call-remote-screen'), 'call.remoteScreen', { name: otherName });
  let call = null;
  const live = () => call !== null && !AT_REST.has(call.stateName) && call.stateName !== 'left';
  let remote = []; // the other people in the call now
  let running = []; // the others in the call while we are not in it, as presence says
  let invitation = null; // an open invitation to the call (its own words say who asks)
  const report = options.sendControl ? new InCallReport(options.sendControl) : null;
  /** "Join the call" and a sentence saying who talks, while others are in a call we are not in. */
  const showRunning = () => {
    const line = live() || invitation ? null : callUnderWayLine(running, options.viewer || 'staff');
    q('call-running').hidden = !line;
    q('call-running').textContent = line || '';
    // an open invitation has its own "Join the call": one button of that name at a time
    localize(q('call-start'), line ? 'call.join' : 'callPanel.start');
    root.dataset.running = line ? 'true' : 'false';
  };
  const joinWatchers = []; // [peer id, callback]: told once our connection to that person is up
  const seen = () => {
    for (let i = joinWatchers.length - 1; i >= 0; i--) {
      const [id, told] = joinWatchers[i];
      const pc = remote.some((p) => p.peerId === id) && call ? call.connections().get(id) : null;
      if (!pc) continue;
      if (pc.connectionState === 'connected') {
        joinWatchers.splice(i, 1);
        told();
      } else if (!pc.tandemWatched) {
        // their media flow once the connection is up: only then is our place in the call not needed any more
        pc.tandemWatched = true;
        pc.addEventListener('connectionstatechange', seen);
      }
    }
  };
  const invites = send ? new CallInvites({
    send,
    onInvitation: (id, from) => {
      invitation = id;
      q('call-invite').hidden = !id || live();
      const who = (from && options.nameOf && options.nameOf(from)) || otherName;
      localize(q('call-invite-text'), 'call.invites', { name: who });
      root.dataset.invitation = id && !live() ? 'open' : 'none';
      showRunning();
    },
    onDeclined: () => {
      if (call) call.close('idle');
      localize(q('call-problem'), 'siteCall.declined', { name: otherName });
      q('call-problem').hidden = false;
      root.dataset.declined = 'true';
    },
  }) : null;
  const problem = (key, args) => {
    localize(q('call-problem'), key, args);
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
      problem('callPanel.screenDeclined', { name: otherName });
      root.dataset.screenDeclined = 'true';
    },
  }) : null;
  const showSharing = (on) => {
    q('call-share').setAttribute('aria-pressed', String(on));
    localize(q('call-share'), on ? 'call.stopSharing' : 'callPanel.shareScreen');
    root.dataset.screen = on ? 'sharing' : 'off';
  };
  const shareScreen = async () => {
    q('call-screen-ask').hidden = true;
    try {
      await call.shareScreen();
    } catch (e) {
      // cancelling the browser's picker is an answer, not a problem
      if (e.name !== 'NotAllowedError' && e.name !== 'AbortError') {
        problem('callPanel.screenFailed', { reason: e.message });
      }
      else if (screens && screens.open) screens.decline();
    }
  };
  const show = (state) => {
    if (STATES_SAID.has(state)) localize(q('call-state'), `callPanel.state.${state}`);
    else unlocalize(q('call-state'));
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
    if (!on) tiles.show([]);
    if (invites && ['connecting', 'connected', 'relayed'].includes(state)) invites.joined();
    if (report) report.set(live());
    showRunning();
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
      onRemotePeers: (peers) => {
        remote = peers;
        seen();
        tiles.show(peers);
        const lines = mutedLines(peers, nameOf);
        q('call-remote-mute').hidden = lines.length === 0;
        q('call-remote-mute').textContent = lines.join('; ');
        root.dataset.remoteAudio = peers.some((p) => p.muted.audio) ? 'muted' : 'on';
        root.dataset.remoteVideo = peers.some((p) => p.muted.video) ? 'off' : 'on';
        root.dataset.peers = String(peers.length);
      },
      onMediaProblem: (kind) => {
        if (MEDIA_PROBLEMS.has(kind)) localize(q('call-problem'), `callPanel.media.${kind}`);
        else q('call-problem').textContent = kind;
        q('call-problem').hidden = false;
        root.dataset.mediaProblem = kind;
      },
    });
    window.__tandemCall = call;
    // joining a call under way invites nobody: the others are in it
    if (invites && !invited && !theirs && !running.length) invites.invite();
    try {
      await call.start();
    } catch (e) {
      localize(q('call-problem'), 'callPanel.couldNotStart', { reason: problemMessage(e) });
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
    localize(button, muted ? on : off);
    if (call) call.setMuted(kind, muted);
  };
  q('call-mute').onclick = () => toggle(q('call-mute'), 'audio', 'call.unmute', 'call.mute');
  q('call-camera').onclick = () => toggle(q('call-camera'), 'video', 'call.cameraOn', 'call.cameraOff');
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
    /** A sys.presence list: who is in the call (`call: true`) while we are not; `me` is our participant id. */
    presence(participants, me) {
      running = othersInCall(participants, me);
      showRunning();
    },
    /** Whether others are in a call we are not in. */
    running: () => !live() && running.length > 0,
    /** Joins the call under way (or starts one), as "Join the call" does; nothing if we are in it. */
    join() {
      if (!live()) begin(null);
    },
    /** Leaves the call, as "Hang up" does. */
    hangUp() {
      q('call-hangup').onclick();
    },
    /** The relay welcomed a new connection: it hears again that we are in the call. */
    welcome() {
      if (report) report.welcome();
    },
    /** Calls `told` once the person with this participant id is in the call with us (at once if they are). */
    whenJoinedBy(id, told) {
      joinWatchers.push([id, told]);
      seen();
    },
    muted: () => (call ? { ...call.muted } : { audio: false, video: false }),
  };
}

/** A person's name for their tile: the name the signaling token carries, never their id. */
export function nameOf(peer) {
  const name = typeof peer.name === 'string' ? peer.name.trim() : '';
  if (name && name !== peer.peerId) return name;
  return peer.role === 'customer' ? t('people.theCustomer') : t('people.anAdvisor');
}

/**
 * The other people's video tiles, in the order they joined the call: one per person, labelled with their name, with
 * "<name>'s camera is off" over it while it is; a tile goes when its person leaves the call.
 */
export class RemoteTiles {
  /**
   * @param {HTMLElement} box  the tiles' container
   * @param {HTMLElement} local  our own (small) video, kept last
   */
  constructor(box, local) {
    this.box = box;
    this.local = local;
    this.tiles = new Map(); // peer id -> picture (lib/call-pictures.js)
  }

  /** @param {{peerId: string, name: string, role: string, stream: MediaStream, muted: object}[]} peers */
  show(peers) {
    showPictures(this.tiles, peers, {
      make: () => picture(this.box.ownerDocument, TILE),
      place: (t) => this.box.insertBefore(t.root, this.local), // in the order they came, ours last
      nameOf,
    });
    this.box.dataset.count = String(peers.length);
  }
}
