// The customer's side of the video call on the firm's site. The advisor invites from the console (call.invite over
// the relay) and the customer accepts in the tile, or the customer starts it from the banner and the console shows
// the invitation. A call under way is kept in sessionStorage: the site's next page (or a reload) rejoins it by itself,
// while the advisor's side says "Reconnecting…". The rejoin uses the previous page's signaling token and ICE servers
// while they are still valid (two requests less before the media flow again); a reconnect later on the page always
// asks for fresh ones.

import { Call } from '../lib/call.js';
import { CallInvites } from '../lib/call-invites.js';
import { ScreenShareFrames } from '../lib/call-screen.js';
import { CallTile } from './call-tile.js';
import { InCallReport } from '../lib/call-presence.js';
import { tabStorage } from './tab-storage.js';
import { problemError } from '../lib/i18n.js';

const KEY = 'tandem.call';
/** States in which no call is up (the last three are final: hung up, room full, session ended). */
const AT_REST = ['idle', 'left', 'ended', 'full', 'session-ended'];

/** Media problems with words for the customer (siteCall.media.*). */
const MEDIA_PROBLEMS = new Set(['denied', 'no-camera', 'no-devices']);

/** What this tab remembers of the call: {active, muted: {audio, video}, layout: {x, y, minimised}}. */
export function storedCall(win = window) {
  try {
    return JSON.parse(tabStorage(win).getItem(KEY) || 'null') || {};
  } catch (e) {
    return {};
  }
}

export function rememberCall(update, win = window) {
  tabStorage(win).setItem(KEY, JSON.stringify({ ...storedCall(win), ...update }));
}

export function forgetCall(win = window) {
  tabStorage(win).removeItem(KEY);
}

/** A kept signaling token is used only with this much of its life left (it is checked when the socket opens). */
const TOKEN_LEFT_MS = 30_000;
/** Kept ICE servers are used only with this much of their TURN credential's life left. */
const ICE_LEFT_MS = 60_000;
/** ICE servers without a TURN credential (STUN only) are kept this long. */
const ICE_KEPT_MS = 10 * 60_000;

/** Whether a kept grant ({value, at}) of the given kind may still serve at `now`. */
export function stillValid(kind, kept, now) {
  if (!kept || !kept.value) return false;
  const expires = kept.value.expiresAt ? Date.parse(kept.value.expiresAt) : NaN;
  if (kind === 'signaling') return expires - now > TOKEN_LEFT_MS;
  if (Number.isNaN(expires)) return now - kept.at < ICE_KEPT_MS;
  return expires - now > ICE_LEFT_MS;
}

/**
 * A grant of the call (kind 'signaling' or 'ice') for this page: the first time, the one a previous page of this tab
 * kept, if still valid; otherwise, and every later time (a reconnect), a fresh one from `fetch`, kept for the next page.
 */
export function keptGrant(kind, fetch, win = window, now = () => Date.now()) {
  let first = true;
  return async () => {
    const kept = (storedCall(win).grants || {})[kind];
    if (first) {
      first = false;
      if (stillValid(kind, kept, now())) return kept.value;
    }
    const value = await fetch();
    rememberCall({ grants: { ...(storedCall(win).grants || {}), [kind]: { value, at: now() } } }, win);
    return value;
  };
}

export class SiteCall {
  /**
   * @param {object} options
   * @param {string} options.base  Tandem's origin
   * @param {{sessionId: string, credential: string, advisorName: string}} options.session
   * @param {(type: string, payload: object) => void} options.send  a reliable relay frame
   * @param {(type: string, payload: string) => void} [options.sendControl]  a relay control frame: the room hears
   *   whether the customer is in the call (sys.in-call), so that a colleague's console can offer to join it
   * @param {(live: boolean) => void} [options.onLive]  the call started or ended (the banner hides its call button)
   */
  constructor(options) {
    this.options = options;
    this.session = options.session;
    this.call = null;
    this.tile = null;
    this.invites = new CallInvites({
      send: options.send,
      onInvitation: (id) => {
        if (this.live() || this.joining) return;
        if (id) this.ensureTile().invitation(true);
        else if (this.tile && this.tile.host.dataset.state !== 'ended') this.dismiss();
      },
      onDeclined: () => this.declined(),
    });
    // the advisor may ask to see the customer's screen; the customer decides (and picks what, in the browser)
    this.screens = new ScreenShareFrames({
      send: options.send,
      onAsk: (id) => {
        if (this.tile) this.tile.screenAsk(Boolean(id) && this.live());
      },
      onRemote: (on) => {
        if (this.tile) this.tile.remoteScreen(on);
      },
    });
    this.onPageHide = () => this.leave();
    this.report = options.sendControl ? new InCallReport(options.sendControl) : null;
  }

  /** The relay welcomed this page's connection: it hears again whether we are in the call. */
  welcome() {
    if (this.report) this.report.welcome();
  }

  live() {
    return this.call !== null && !AT_REST.includes(this.call.stateName);
  }

  /** On every page load: a call that was under way on the previous page goes on here at once. */
  resume() {
    if (storedCall().active) this.start(false);
  }

  /** A relay frame; true when it was the call's. */
  frame(type, frame, me) {
    if (this.screens.frame(type, frame.payload, frame.header.from, me)) return true;
    return this.invites.frame(type, frame.payload, frame.header.from, me);
  }

  ensureTile() {
    if (!this.tile) {
      const saved = storedCall();
      this.tile = new CallTile(this.session.advisorName, {
        accept: () => this.start(false, this.invites.current()),
        decline: () => {
          this.invites.decline();
          this.dismiss();
        },
        mute: (kind, muted) => {
          if (this.call) this.call.setMuted(kind, muted);
          rememberCall({ muted: this.tile.muted() });
        },
        hangUp: () => this.hangUp(),
        close: () => this.dismiss(),
        layout: (layout) => rememberCall({ layout }),
        shareScreen: () => this.shareScreen(),
        declineScreen: () => {
          this.tile.screenAsk(false);
          this.screens.decline();
        },
        stopScreen: () => {
          if (this.call) this.call.stopScreen();
        },
      }, saved.layout || {});
      this.tile.setMuted(saved.muted || {});
      this.tile.show();
      window.__tandem.callTile = this.tile;
    }
    return this.tile;
  }

  dismiss() {
    if (this.tile) this.tile.remove();
    this.tile = null;
  }

  /**
   * Joins the call: after accepting an invitation, from the banner (inviting the advisor), or as a rejoin.
   * @param {boolean} invite  ask the advisor to join (the customer started it)
   * @param {string} [accepted]  the invitation accepted
   */
  async start(invite, accepted) {
    if (this.live() || this.joining) return;
    const tile = this.ensureTile();
    tile.problem(null);
    tile.invitation(false);
    this.joining = true; // answering the invitation below must not take the tile away
    if (accepted) this.invites.accept(accepted);
    else if (invite && this.invites.current()) this.invites.acceptAll(); // the advisor asked first: just join
    else if (invite) this.invites.invite();
    const saved = storedCall();
    rememberCall({ active: true });
    const api = (path, method = 'GET') => this.api(path, method);
    const id = this.session.sessionId;
    const call = new Call({
      signaling: keptGrant('signaling', () => api(`/api/sessions/${id}/signaling-token`, 'POST')),
      iceServers: keptGrant('ice', () => api(`/api/sessions/${id}/ice-servers`)),
      muted: saved.muted || tile.muted(),
      onState: (state) => {
        if (this.call !== call) return;
        // leaving the page is not leaving the call: the next page says it is in it again
        if (this.report && state !== 'left') this.report.set(!AT_REST.includes(state));
        tile.setState(state);
        if (['connecting', 'connected', 'relayed'].includes(state)) this.invites.joined();
        if (['ended', 'full', 'session-ended'].includes(state)) {
          this.screens.reset();
          this.finished();
        }
      },
      onLocalStream: (s) => tile.setLocal(s),
      onRemotePeers: (peers) => tile.setPeople(peers),
      onMediaProblem: (kind) => tile.problem(MEDIA_PROBLEMS.has(kind) ? `siteCall.media.${kind}` : null),
      onScreen: (on) => {
        if (this.call !== call) return;
        tile.sharing(on);
        this.screens.sharing(on);
      },
    });
    this.call = call;
    this.joining = false;
    window.__tandem.call = call;
    window.addEventListener('pagehide', this.onPageHide);
    if (this.options.onLive) this.options.onLive(true);
    try {
      await call.start();
    } catch (e) {
      if (this.call !== call) return;
      tile.problem('siteCall.couldNotStart');
      call.close('idle');
      this.finished();
    }
  }

  /** Shares a screen in the call, after the customer pressed "Share my screen" (the browser then asks which). */
  async shareScreen() {
    if (!this.call) return;
    this.tile.screenAsk(false);
    try {
      await this.call.shareScreen();
    } catch (e) {
      if (e.name === 'NotAllowedError' || e.name === 'AbortError') this.screens.decline(); // cancelled the picker
      else this.tile.problem('siteCall.screenFailed');
    }
  }

  /** The advisor declined our invitation: the call ends with a sentence saying so. */
  declined() {
    if (!this.call) return;
    this.call.close('ended');
    if (this.tile && this.session.advisorName) this.tile.problem('siteCall.declined', { name: this.session.advisorName });
    else if (this.tile) this.tile.problem('siteCall.declinedAdvisor');
  }

  hangUp() {
    this.invites.withdraw();
    if (this.call) this.call.hangUp();
  }

  /** This page goes away: the call is not over, the next page rejoins it. */
  leave() {
    if (this.call && this.live()) this.call.leave();
  }

  /** The session is over (or sharing stopped): the call ends for good. */
  end() {
    this.invites.withdraw();
    if (this.call && this.live()) this.call.hangUp();
    this.finished();
    this.dismiss();
    forgetCall();
  }

  finished() {
    window.removeEventListener('pagehide', this.onPageHide);
    rememberCall({ active: false });
    if (this.options.onLive) this.options.onLive(false);
  }

  async api(path, method) {
    const response = await fetch(this.options.base + path, { method,
      headers: { Authorization: 'Customer ' + this.session.credential } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw problemError(body, response.status); // the call stops reconnecting on 410
    return body;
  }
}
