// The video call on the firm's site: a floating tile with the advisor large and the customer's own picture small (with
// two or three advisors in the call, each one's picture in a cell of a 2 × 2 grid, labelled with their name, the
// customer's own in the last cell: the tile keeps its size), an invitation to accept or decline, mute, camera and
// hang-up. It can be dragged (pointer, or the Move button with the arrow keys) and minimised to its title bar; where
// it is and whether it is minimised survive the site's page loads. It starts just above the sharing pill (both dock
// bottom-left). Like the pill it lives in a shadow root marked data-tandem-block: it is never captured into the mirror.

import { listOfNames } from '../lib/people.js';
import { mutedLines, picture, showPictures } from '../lib/call-pictures.js';
import { localize, localizeAttr, register, t, unlocalize } from '../lib/i18n.js';

/** The class names of a person's picture's parts (STYLE below). */
const PERSON = { root: 'person', video: 'remote', placeholder: 'placeholder', label: 'who' };

/** The states said in words (tile.state.*); idle and left say nothing. */
const STATES_SAID = new Set(['waiting', 'connecting', 'connected', 'relayed', 'reconnecting', 'failed', 'ended', 'full',
  'session-ended']);

const STEP = 24; // px per arrow key press when moving the tile with the keyboard
const MARGIN = 8;

const STYLE = `
  :host { all: initial; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .tile { position: fixed; z-index: 2147483646; inset-inline-start: 16px; bottom: 64px; width: 320px; max-width: calc(100vw - 16px);
    background: #0f2744; color: #fff; border-radius: 14px; overflow: hidden; font: 14px/1.35 system-ui, sans-serif;
    box-shadow: 0 10px 36px rgb(0 0 0 / 35%); }
  .bar { display: flex; align-items: center; gap: 8px; padding-block: 6px; padding-inline: 12px 6px; cursor: grab; user-select: none;
    touch-action: none; }
  .bar.dragging { cursor: grabbing; }
  .title { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  .name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .state { font-size: 12px; color: #b9cbe3; }
  .state:empty { display: none; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 6px 12px; cursor: pointer; background: #fff;
    color: #0f2744; }
  button:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
  .icon { width: 32px; height: 32px; padding: 0; background: transparent; color: #fff; font-size: 16px; line-height: 1; }
  .icon:hover { background: rgb(255 255 255 / 12%); }
  .stage { position: relative; aspect-ratio: 16 / 9; background: #1d2430; }
  video { display: block; object-fit: cover; background: #1d2430; }
  .people { position: absolute; inset: 0; }
  .person { position: relative; margin: 0; width: 100%; height: 100%; overflow: hidden; }
  .remote { width: 100%; height: 100%; }
  .who { display: none; position: absolute; inset-inline-start: 4px; top: 4px; max-width: calc(100% - 8px); padding: 0 5px;
    border-radius: 4px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 11px; line-height: 16px;
    color: #fff; background: rgb(0 0 0 / 55%); }
  .stage.many { display: grid; grid-template-columns: 1fr 1fr; gap: 2px; }
  .stage.many .people { display: contents; }
  .stage.many .person { aspect-ratio: 16 / 9; height: auto; }
  .stage.many .who { display: block; }
  .stage.many .placeholder { font-size: 11px; padding: 0 6px; }
  .stage.many .local, .stage.many .local-off { position: static; width: 100%; border: 0; border-radius: 0; }
  .stage.many[data-count="2"] .local, .stage.many[data-count="2"] .local-off { grid-column: 1 / span 2;
    justify-self: center; width: 50%; }
  .local { position: absolute; inset-inline-end: 8px; bottom: 8px; width: 30%; aspect-ratio: 16 / 9; border-radius: 6px;
    border: 2px solid #fff; }
  .placeholder { position: absolute; inset: 0; margin: 0; display: flex; align-items: center; justify-content: center;
    padding: 0 16px; text-align: center; color: #dfe6f0; background: #1d2430; }
  .local-off { position: absolute; inset-inline-end: 8px; bottom: 8px; width: 30%; aspect-ratio: 16 / 9; margin: 0;
    border-radius: 6px; border: 2px solid #fff; background: #333; color: #fff; font-size: 11px; display: flex;
    align-items: center; justify-content: center; text-align: center; }
  .note { margin: 0; padding: 6px 12px; font-size: 13px; color: #dfe6f0; }
  .problem { color: #ffd27a; }
  .invite { padding: 12px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  .invite p { margin: 0 0 4px; flex-basis: 100%; }
  .controls { display: flex; gap: 8px; padding: 8px 12px 12px; flex-wrap: wrap; }
  .controls button[aria-pressed="true"] { background: #f5b400; }
  .hangup { background: #c62828; color: #fff; margin-inline-start: auto; }
  .accept { background: #2fd47a; color: #0f2744; font-weight: 600; }
  .decline { background: transparent; color: #fff; border: 1px solid #b9cbe3; }
  .tile.min .body { display: none; }
  @media (pointer: coarse) {
    button { min-width: 44px; min-height: 44px; }
  }
`;

/** A person's name on their picture: the name their signaling token carries, else the advisor's we know of. */
function personName(peer, fallback) {
  const name = typeof peer.name === 'string' ? peer.name.trim() : '';
  return name && name !== peer.peerId ? name : fallback;
}

export class CallTile {
  /**
   * @param {string} name  the advisor's name
   * @param {object} on    handlers: accept(), decline(), mute(kind, muted), hangUp(), close(), layout({x, y, minimised}),
   *   shareScreen(), declineScreen(), stopScreen()
   * @param {{x?: number, y?: number, minimised?: boolean}} [layout]  where it was on the previous page
   */
  constructor(name, on, layout = {}) {
    this.name = name || ''; // '' : "your advisor" in the customer's language
    this.on = on;
    this.layout = { ...layout };
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'call');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <section class="tile" role="region">
        <div class="bar">
          <div class="title"><span class="name"></span><span class="state" role="status" aria-live="polite"></span></div>
          <button type="button" class="icon move" aria-label="Move the video call"
            data-i18n-aria-label="tile.move" title="Drag, or use the arrow keys" data-i18n-title="tile.moveTitle">✥</button>
          <button type="button" class="icon minimise" aria-expanded="true">–</button>
        </div>
        <div class="body">
          <div class="invite" hidden>
            <p class="invite-text"></p>
            <button type="button" class="accept" data-i18n="call.join">Join the call</button>
            <button type="button" class="decline" data-i18n="call.notNow">Not now</button>
          </div>
          <div class="stage" hidden data-count="0">
            <div class="people"></div>
            <video class="local" autoplay playsinline muted aria-label="You" data-i18n-aria-label="people.you"></video>
            <p class="local-off" data-i18n="tile.cameraOff" hidden>Your camera is off</p>
          </div>
          <div class="invite screen-ask" role="alert" hidden>
            <p class="screen-ask-text"></p>
            <button type="button" class="accept screen-share" data-i18n="call.shareMyScreen">Share my screen</button>
            <button type="button" class="decline screen-decline" data-i18n="call.notNow">Not now</button>
          </div>
          <p class="note remote-screen" hidden></p>
          <p class="note remote-mute" hidden></p>
          <p class="note problem" role="alert" hidden></p>
          <div class="controls" hidden>
            <button type="button" class="mute" aria-pressed="false" data-i18n="call.mute">Mute</button>
            <button type="button" class="camera" aria-pressed="false" data-i18n="call.cameraOff">Camera off</button>
            <button type="button" class="share" aria-pressed="false" data-i18n="call.stopSharing" hidden>Stop sharing</button>
            <button type="button" class="hangup" data-i18n="call.hangUp">Hang up</button>
          </div>
          <div class="controls closing" hidden>
            <button type="button" class="close" data-i18n="common.close">Close</button>
          </div>
        </div>
      </section>`;
    this.root = root;
    this.$ = (c) => root.querySelector('.' + c);
    register(root, this.host);
    this.title(this.name);
    this.people = new Map(); // peer id -> {figure, video, placeholder, who}, in the order they came
    this.said('invite-text', 'call.invites');
    this.said('screen-ask-text', 'call.asksScreen');
    this.said('remote-screen', 'call.remoteScreen');
    this.$('screen-share').addEventListener('click', () => on.shareScreen());
    this.$('screen-decline').addEventListener('click', () => on.declineScreen());
    this.$('share').addEventListener('click', () => on.stopScreen());
    this.$('accept').addEventListener('click', () => on.accept());
    this.$('decline').addEventListener('click', () => on.decline());
    this.$('hangup').addEventListener('click', () => on.hangUp());
    this.$('close').addEventListener('click', () => on.close());
    for (const [button, kind] of [[this.$('mute'), 'audio'], [this.$('camera'), 'video']]) {
      button.addEventListener('click', () => {
        const muted = button.getAttribute('aria-pressed') !== 'true';
        this.setMuted({ ...this.muted(), [kind]: muted });
        on.mute(kind, muted);
      });
    }
    this.$('minimise').addEventListener('click', () => this.minimise(!this.layout.minimised));
    this.$('move').addEventListener('keydown', (e) => this.keyMove(e));
    this.dragging();
    this.minimise(Boolean(this.layout.minimised), false);
    this.setState('idle');
  }

  /** Element `.c` says message `key` about the advisor (the ...Advisor form when their name is not known). */
  said(c, key, args = {}) {
    if (this.name) localize(this.$(c), key, { name: this.name, ...args });
    else localize(this.$(c), `${key}Advisor`, args);
  }

  /** The advisor's name, or "Your advisor" when it is not known. */
  fallbackName() {
    return this.name || t('tile.yourAdvisor');
  }

  /** "Video call with Alice Archer and Ben Baker", as the title bar and the tile's name. */
  title(who) {
    const key = who ? 'tile.title' : 'tile.titleAdvisor';
    localize(this.$('name'), key, { name: who });
    localizeAttr(this.$('tile'), 'aria-label', key, { name: who });
  }

  show() {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
    if (this.layout.x !== undefined) this.moveTo(this.layout.x, this.layout.y, false);
    else this.dock();
  }

  /**
   * Just above the sharing pill where it is docked at the bottom: on a phone its text wraps to two or three lines, and a
   * tile at the usual 64 px would cover the pill's buttons (and the pill the tile's).
   */
  dock() {
    const pill = document.querySelector('[data-tandem-ui=banner]');
    const bar = pill && pill.shadowRoot ? pill.shadowRoot.querySelector('.bar') : null;
    const r = bar ? bar.getBoundingClientRect() : null;
    if (!r || !r.height || r.top < window.innerHeight / 2) return;
    this.$('tile').style.bottom = Math.max(64, Math.round(window.innerHeight - r.top + MARGIN)) + 'px';
  }

  remove() {
    this.host.remove();
  }

  /** The advisor's open invitation (or none): accept or decline. */
  invitation(open) {
    this.$('invite').hidden = !open;
    this.host.dataset.invitation = open ? 'open' : 'none';
    if (open) {
      this.$('stage').hidden = true;
      this.$('controls').hidden = true;
      this.$('closing').hidden = true;
      this.$('problem').hidden = true;
      this.setState('idle');
      if (this.layout.minimised) this.minimise(false);
    }
  }

  setState(state) {
    this.host.dataset.state = state;
    if (state === 'waiting') this.said('state', 'tile.state.waiting');
    else if (STATES_SAID.has(state)) localize(this.$('state'), `tile.state.${state}`);
    else unlocalize(this.$('state'));
    const live = !['idle', 'ended', 'left', 'full', 'session-ended'].includes(state);
    this.$('stage').hidden = !live;
    this.$('controls').hidden = !live;
    this.$('closing').hidden = !['ended', 'full', 'session-ended'].includes(state);
    if (live) this.$('invite').hidden = true;
    if (!live) {
      this.screenAsk(false);
      this.remoteScreen(false);
      this.$('remote-mute').hidden = true;
    }
  }

  setLocal(stream) {
    this.$('local').srcObject = stream;
  }

  /** The advisor's open ask to see the customer's screen (null: none). */
  screenAsk(open) {
    this.$('screen-ask').hidden = !open;
    this.host.dataset.screenAsk = open ? 'open' : 'none';
  }

  /** Whether the customer shares a screen now (the Stop sharing button shows while they do). */
  sharing(on) {
    this.$('share').hidden = !on;
    this.$('share').setAttribute('aria-pressed', String(on));
    this.host.dataset.screen = on ? 'sharing' : 'off';
    if (on) this.screenAsk(false);
  }

  /** Whether the advisor shares a screen now. */
  remoteScreen(on) {
    this.$('remote-screen').hidden = !on;
    this.host.dataset.remoteScreen = on ? 'on' : 'off';
  }

  /**
   * Everyone the customer is in the call with, in the order they came (from Call's onRemotePeers): one picture each,
   * labelled with their name once there are two or more, with "<name>'s camera is off" over it while it is, and one
   * line naming whoever is muted. The title names them all.
   * @param {{peerId: string, name: string, role: string, stream: MediaStream, muted: {audio: boolean, video: boolean}}[]}
   *   peers
   */
  setPeople(peers) {
    showPictures(this.people, peers, {
      make: () => picture(document, PERSON),
      place: (person) => this.$('people').append(person.root), // in the order they came
      nameOf: (p) => personName(p, this.fallbackName()),
    });
    const stage = this.$('stage');
    stage.dataset.count = String(peers.length);
    stage.classList.toggle('many', peers.length > 1);
    this.host.dataset.people = String(peers.length);
    const names = peers.map((p) => personName(p, this.fallbackName()));
    this.title(names.length ? listOfNames(names) : this.name);
    const lines = mutedLines(peers, (p) => personName(p, this.fallbackName()));
    this.$('remote-mute').hidden = lines.length === 0;
    this.$('remote-mute').textContent = lines.join('; ');
    this.host.dataset.remoteAudio = peers.some((p) => p.muted.audio) ? 'muted' : 'on';
    this.host.dataset.remoteVideo = peers.some((p) => p.muted.video) ? 'off' : 'on';
  }

  /** Our own microphone and camera as the buttons show them. */
  setMuted(m) {
    this.$('mute').setAttribute('aria-pressed', String(Boolean(m.audio)));
    this.$('camera').setAttribute('aria-pressed', String(Boolean(m.video)));
    this.$('local-off').hidden = !m.video;
    this.$('local').hidden = Boolean(m.video);
  }

  muted() {
    return { audio: this.$('mute').getAttribute('aria-pressed') === 'true',
      video: this.$('camera').getAttribute('aria-pressed') === 'true' };
  }

  /** A sentence for the customer: a message key and its arguments (null hides it). */
  problem(key, args) {
    this.$('problem').hidden = !key;
    if (key) localize(this.$('problem'), key, args);
    else unlocalize(this.$('problem'));
  }

  /** Shows only the title bar (the call goes on) or everything. */
  minimise(minimised, save = true) {
    this.layout.minimised = minimised;
    this.$('tile').classList.toggle('min', minimised);
    this.host.dataset.minimised = String(minimised);
    const button = this.$('minimise');
    button.setAttribute('aria-expanded', String(!minimised));
    localizeAttr(button, 'aria-label', minimised ? 'tile.show' : 'tile.minimise');
    button.textContent = minimised ? '▢' : '–';
    if (save) this.on.layout({ ...this.layout });
    if (this.layout.x !== undefined && this.host.isConnected) this.moveTo(this.layout.x, this.layout.y, false);
  }

  /** Puts the tile's top left corner at (x, y), kept inside the window. */
  moveTo(x, y, save = true) {
    const tile = this.$('tile');
    const rect = tile.getBoundingClientRect();
    const maxX = Math.max(MARGIN, window.innerWidth - rect.width - MARGIN);
    const maxY = Math.max(MARGIN, window.innerHeight - rect.height - MARGIN);
    const cx = Math.round(Math.min(Math.max(MARGIN, x), maxX));
    const cy = Math.round(Math.min(Math.max(MARGIN, y), maxY));
    tile.style.left = cx + 'px';
    tile.style.right = 'auto'; // placed by its left edge in either direction (the style docks it at the inline start)
    tile.style.top = cy + 'px';
    tile.style.bottom = 'auto';
    this.layout.x = cx;
    this.layout.y = cy;
    if (save) this.on.layout({ ...this.layout });
  }

  keyMove(e) {
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const rect = this.$('tile').getBoundingClientRect();
    const step = e.shiftKey ? STEP * 4 : STEP;
    this.moveTo(rect.left + d[0] * step, rect.top + d[1] * step);
  }

  dragging() {
    const bar = this.$('bar');
    let start = null;
    bar.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || (e.target.closest('button') && !e.target.closest('.move'))) return;
      const rect = this.$('tile').getBoundingClientRect();
      start = { px: e.clientX, py: e.clientY, x: rect.left, y: rect.top, id: e.pointerId };
      bar.setPointerCapture(e.pointerId);
      bar.classList.add('dragging');
      e.preventDefault();
    });
    bar.addEventListener('pointermove', (e) => {
      if (!start || e.pointerId !== start.id) return;
      this.moveTo(start.x + e.clientX - start.px, start.y + e.clientY - start.py, false);
    });
    const end = (e) => {
      if (!start || e.pointerId !== start.id) return;
      start = null;
      bar.classList.remove('dragging');
      this.on.layout({ ...this.layout });
    };
    bar.addEventListener('pointerup', end);
    bar.addEventListener('pointercancel', end);
  }
}
