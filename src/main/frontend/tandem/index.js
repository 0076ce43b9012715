// tandem.js: one script tag on the firm's site. With a session handed over through the URL fragment it shares this
// page: rrweb capture with masking applied in the browser, a reliable relay connection that survives reloads and
// navigations (the session is kept in sessionStorage), and a banner with a Stop button. Two kinds of session:
//  - a customer's (from the join page's "continue on site"): shares while the customer's page is on the stage;
//  - the advisor's stage page (the site shown in the console's stage frame): shares while the advisor's page is.

import { RelayConnection, randomId, relayUrl } from '../lib/connection.js';
import { FrameRouter } from '../lib/frame-router.js';
import { Capture } from './capture.js';
import { HelpButton } from './help.js';
import { currentSession, exchangeHandoff, forget, handoffUrl, remember, takeHandoffCode } from './session-store.js';
import { DrawToolbar, Notice, PausedPill, RatingCard, SharingBanner, StagePrompt } from './ui.js';
import { useBranding } from './brand.js';
import { ratingForm, sendRating } from '../lib/feedback.js';
import { record } from 'rrweb';
import { AnnotationLayer } from '../lib/annotate/layer.js';
import { sendOver } from '../lib/annotate/model.js';
import { pageSurface } from '../lib/annotate/surfaces.js';
import { StageControl } from './control.js';
import { canvasFps } from '../lib/canvas.js';
import { SiteCall, forgetCall, rememberCall } from './site-call.js';
import { framedByTrustedParent, parseFrameParents } from '../lib/cross-frame.js';
import { FrameChild } from './frame-child.js';
import { Narrator, staffPresent } from '../lib/people.js';
import { choose, chosenLanguage, preferredLanguage, setLanguage, t } from '../lib/i18n.js';

const script = document.currentScript;
const base = script && script.src ? new URL(script.src).origin : location.origin;
const masking = {
  maskAllInputs: script ? script.hasAttribute('data-tandem-mask-all-inputs') : false,
  privateByDefault: script ? script.hasAttribute('data-tandem-private') : false,
};
/** Canvas frames per second the site allows (data-tandem-canvas-fps; 0: canvas is not mirrored). */
const canvasFramesPerSecond = canvasFps(script ? script.getAttribute('data-tandem-canvas-fps') : null);
/** Pages of other origins this page may be mirrored inside, when framed by them (data-tandem-frame-parents). */
const frameParents = parseFrameParents(script ? script.getAttribute('data-tandem-frame-parents') : null);
/** The site may make every session view-only: remote control is then refused here, whatever the server says. */
const viewOnly = script ? script.hasAttribute('data-tandem-view-only') : false;
/** The site's signed-in customer (their CRM id), so a help request goes to their account manager first. */
const customerCrmId = script ? script.getAttribute('data-tandem-customer') || null : null;
// the firm's proof of it (HMAC-SHA256 under the secret it shares with Tandem), when Tandem asks for one
const customerHash = script ? script.getAttribute('data-tandem-customer-hash') || null : null;

function start(session) {
  const stageKind = session.kind === 'stage';
  let capture = null;
  let me = null;
  let annotations = null; // the others' drawings and pointers over this page, while it is on the stage
  let participants = [];
  let heard = false; // presence heard on this page
  const narrator = new Narrator({ viewer: stageKind ? 'advisor' : 'customer' });
  let control = null; // remote control of this page, while it is on the stage
  let controlState = { state: 'none' };
  let remoteControl = true;
  const nameOf = (id) => (participants.find((p) => p.id === id) || {}).name
    || (stageKind ? t('people.yourCustomer') : session.advisorName);
  const showAnnotations = () => {
    if (annotations) return;
    const surface = pageSurface(window, () => record.mirror);
    const layer = new AnnotationLayer({
      ...surface,
      me: { id: me, name: t('people.you'), role: stageKind ? 'advisor' : 'customer' },
      page: location.href.split('#')[0],
      trackPointer: false, // capture.js sends the pointer; clicks ripple on the other side
      send: sendOver(connection),
    });
    layer.setParticipants(participants);
    const unwatch = surface.watch(() => layer.invalidate());
    const tools = new DrawToolbar((tool) => layer.setTool(tool), () => layer.undo(), () => layer.clearOwn());
    tools.show();
    annotations = { layer, close: () => { unwatch(); tools.remove(); layer.dispose(); surface.dispose(); } };
    window.__tandem.annotations = layer;
  };
  const hideAnnotations = () => {
    if (annotations) annotations.close();
    annotations = null;
  };
  const banner = stageKind ? null : new SharingBanner(session.advisorName, () => stop(true),
    () => siteCall && siteCall.start(true));
  // the video call with the advisor, on every page of the site (not on the advisor's own stage page)
  const siteCall = stageKind ? null : new SiteCall({ base, session,
    send: (type, payload) => connection.sendReliable(type, JSON.stringify(payload)),
    sendControl: (type, payload) => connection.sendControl(type, payload),
    onLive: (live) => banner.setCallAvailable(!live) });
  // to the join page's workspace with a one-time code (never the credential) in the URL
  const toWorkspace = () => handoffUrl(base, base + '/join', session).then((url) => { location.href = url; },
    () => new Notice({ key: 'notice.notOpened' }));
  const prompt = stageKind ? null : new StagePrompt(session.advisorName, toWorkspace);
  // a policy document on the shared viewer is read in the join page's workspace
  const documentPrompt = stageKind ? null : new StagePrompt(session.advisorName, toWorkspace, 'document',
    'document-prompt');
  let stopping = false;
  let rated = false;
  /** The rating card, once per session on this page (the end may be heard twice: sys.end, then the close). */
  const rateOnce = () => {
    if (rated || stageKind) return;
    rated = true;
    askForRating(session);
  };
  /** Stops sharing; `pressed`: the customer pressed Stop (close code 4000, so the advisor sees "stopped sharing"). */
  const stop = (pressed = false) => {
    if (stopping) return;
    stopping = true;
    if (siteCall) siteCall.end();
    connection.close(pressed ? 4000 : 1000, pressed ? 'stopped' : 'bye');
    if (documentPrompt) documentPrompt.hide();
    if (capture) capture.dispose();
    capture = null;
    if (banner) banner.remove();
    if (prompt) prompt.hide();
    if (control) control.dispose();
    control = null;
    hideAnnotations();
    if (pressed && !stageKind) {
      // paused, not over: the customer may share this session again, from this page or the site's next ones
      remember({ ...session, paused: true });
      offerToShareAgain(session, true);
      return;
    }
    forget();
    window.__tandem.state = 'stopped';
    if (!stageKind) offerHelp();
  };
  const applyStage = (stage) => {
    const mine = stage.sharer === me;
    window.__tandem.sharing = mine;
    if (mine && !capture) {
      capture = new Capture(connection, masking, canvasFramesPerSecond);
      capture.start();
      capture.focusReporter();
      showAnnotations();
      control = new StageControl({ connection, nameOf, nodeById: (id) => record.mirror.getNode(id),
        policy: { ...masking, viewOnly: viewOnly || !remoteControl }, consent: !stageKind });
      control.setState(controlState);
      window.__tandem.control = control;
    } else if (!mine && capture) {
      capture.dispose();
      capture = null;
      hideAnnotations();
      if (control) control.dispose();
      control = null;
    }
    if (prompt) {
      if (mine) prompt.hide();
      else prompt.show();
    }
  };
  const connection = new RelayConnection({
    url: relayUrl(base, session.sessionId),
    authorization: () => (stageKind ? 'Stage ' : 'Customer ') + session.credential,
    epoch: randomId(),
    onFrame: new FrameRouter()
      .on('*', (type, frame) => !!(siteCall && siteCall.frame(type, frame, me)))
      .on('sys.welcome', (type, frame) => {
        const welcome = JSON.parse(frame.payload);
        me = welcome.participantId;
        if (siteCall) siteCall.welcome();
        controlState = welcome.control || controlState;
        remoteControl = welcome.remoteControl !== false;
        // the advisor chose the session's language: the customer's pages speak it (the advisor's stage page does not)
        if (!stageKind && welcome.language) setLanguage(welcome.language);
        if (control) control.policy.viewOnly = viewOnly || !remoteControl;
        applyStage(welcome.stage);
        if (control) control.setState(controlState);
        if (documentPrompt && welcome.document) documentPrompt.show();
      })
      .on(['doc.open', 'doc.close'], (type) => {
        if (documentPrompt && type === 'doc.open') documentPrompt.show();
        else if (documentPrompt) documentPrompt.hide();
      })
      .on('sys.stage', (type, frame) => { applyStage(JSON.parse(frame.payload)); })
      .on('sys.language', (type, frame) => {
        if (!stageKind) setLanguage(JSON.parse(frame.payload).lang);
      })
      .on('sys.control', (type, frame) => {
        controlState = JSON.parse(frame.payload);
        if (control) control.setState(controlState);
      })
      .on('ctl.request', (type, frame) => { if (control) control.request(frame.header.from); })
      .on('ctl.action', (type, frame) => { if (control) control.action(frame); })
      .on('sys.snapshot-request', () => { if (capture) capture.snapshot(); })
      .on(['ann.*', 'ptr.*'], (type, frame) => {
        // the others' drawings and pointers (this page's own pointer comes back from no one)
        if (type.startsWith('ptr.') && frame.header.from === me) return;
        if (annotations) annotations.layer.apply(type, frame.payload, frame.header.from);
      })
      .on('sys.presence', (type, frame) => {
        participants = JSON.parse(frame.payload).participants;
        narrator.me = me;
        // the first list after a page load says nothing new
        const lines = narrator.presence(participants, { quiet: !heard });
        heard = true;
        if (annotations) annotations.layer.setParticipants(participants);
        if (!banner) return;
        for (const line of lines) banner.say(line);
        const staff = staffPresent(participants);
        const connected = staff.some((p) => p.state === 'connected');
        banner.setPeople(staff.length ? staff.map((p) => p.name) : [session.advisorName]);
        banner.setStatus(connected ? 'banner.status.connected' : 'banner.status.waiting', connected,
          connected ? { count: staff.length } : undefined);
      })
      .on('sys.notice', (type, frame) => {
        const notice = JSON.parse(frame.payload);
        if (notice.kind === 'owner' && notice.name && !stageKind) {
          session.advisorName = notice.name; // the next page of the site names the new advisor
          remember(session);
        }
        narrator.me = me;
        const line = narrator.notice(notice);
        if (line && banner) banner.say(line);
        return true;
      })
      .on('sys.end', () => {
        stop();
        rateOnce();
      })
      .handler(),
    onState: (state, detail) => {
      window.__tandem.connection = state;
      if (state === 'reconnecting' && banner) {
        banner.setStatus('banner.status.reconnecting', false);
      } else if (state === 'closed' && detail && detail.code !== 1000) {
        stop();
        // ended while nothing was shared (stopped, then "Share again"): the end is heard only now
        if (detail.code === 4409 && session.resumed) rateOnce();
      }
    },
  });
  window.__tandem = { state: 'sharing', kind: stageKind ? 'stage' : 'customer', connection: 'connecting',
    stop: () => stop(true), banner };
  if (banner) banner.show();
  if (siteCall) siteCall.resume(); // first: a call under way loses as little time as it can on a new page
  connection.connect();
}

/**
 * The customer stopped sharing: "Share again" goes on with the same session (its credential is still good while the
 * session lasts; the advisor sees them connected again), "Done" lets it go and offers help as before.
 * `pressed`: they pressed Stop on this page just now (the keyboard moves to "Share again").
 */
function offerToShareAgain(session, pressed = false) {
  window.__tandem.state = 'stopped';
  const pill = new PausedPill(session.advisorName, () => {
    const again = { ...session };
    delete again.paused;
    remember(again);
    start({ ...again, resumed: true });
  }, () => {
    forget();
    forgetCall();
    offerHelp();
  });
  pill.show(pressed);
  window.__tandem.paused = pill;
}

/** The session is over: "how likely are you to recommend us?" on the page the customer is on. */
function askForRating(session) {
  const card = new RatingCard((root) => ratingForm(root,
    (answer) => sendRating(base, session.sessionId, session.credential, answer)));
  card.show();
  window.__tandem.rating = card;
}

/** No session yet: the "Get help" button (or the page's own [data-tandem-help] element) starts one. */
function offerHelp() {
  const help = new HelpButton(base, { crmId: customerCrmId, hash: customerHash }, (admission) => {
    help.remove();
    const session = { sessionId: admission.sessionId, credential: admission.credential,
      advisorName: admission.advisorName, expiresAt: admission.expiresAt };
    remember(session);
    start(session);
  });
  help.show();
  window.__tandem.help = help;
}

function boot() {
  if (window.__tandem) return; // loaded twice
  if (framedByTrustedParent(window, frameParents)) {
    // part of the parent's page: it shares this frame when it shares itself; nothing of its own here
    new FrameChild(frameParents, masking, canvasFramesPerSecond).start();
    return;
  }
  window.__tandem = { state: 'idle' };
  setLanguage(preferredLanguage()); // the browser's languages; the advisor's choice for the session comes later
  // the firm's name and colours on the pill, prompts and help button
  useBranding(base, script ? script.getAttribute('data-tandem-site') : null);
  const code = takeHandoffCode(); // and the language the customer chose on the page before, if any
  if (!code) {
    const session = currentSession();
    if (session && session.language) choose(session.language);
    if (session && session.paused && session.kind !== 'stage') offerToShareAgain(session);
    else if (session) start(session);
    else {
      forgetCall();
      offerHelp();
    }
    return;
  }
  // handed over from Tandem (the join page's workspace, or the console's stage frame): the code works once
  window.__tandem.state = 'handoff';
  exchangeHandoff(base, code).then(({ session, error }) => {
    if (error) {
      window.__tandem.state = 'idle';
      window.__tandem.handoffError = error;
      const kept = currentSession();
      if (kept) start(kept); // this tab already shares: a stale link changes nothing
      else {
        offerHelp();
        new Notice(error);
      }
      return;
    }
    if (session.call) {
      // a call under way goes on here
      rememberCall({ active: true, muted: session.call.muted || {} });
      delete session.call;
    } else forgetCall();
    if (chosenLanguage()) session.language = chosenLanguage(); // kept for the site's next pages
    remember(session);
    start(session);
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', boot, { once: true });
} else {
  boot();
}
