// The advisor console: the session list, a "New session" dialog, the invite panel, the live mirror of the
// customer's page (with pointer, URL, title, tab state and round trip), and ending a session with an outcome.
// It speaks the staff member's language (lib/staff-language.js, the switch in its header; messages in
// i18n/staff/*.json under console.…), which is never the customer's: that one is set for the session (language.js).

import { FrameRouter } from '../lib/frame-router.js';
import 'rrweb/dist/style.css';
import { RelayConnection, randomId, relayUrl } from '../lib/connection.js';
import { handoffUrl } from '../tandem/session-store.js';
import { Mirror } from '../lib/mirror.js';
import { callPanel } from '../lib/call-panel.js';
import { AnnotationLayer } from '../lib/annotate/layer.js';
import { sendOver } from '../lib/annotate/model.js';
import { mirrorSurface } from '../lib/annotate/surfaces.js';
import { ControlDriver } from '../lib/control/driver.js';
import { ConsoleControl } from './control.js';
import { consoleDocuments } from './documents.js';
import { api, whenSignedOut } from './api.js';
import { accessToken, currentToken, profile, refreshedToken, signIn, signOut, tokenExpiry } from './auth.js';
import { outcomeLabel, statusLabel } from '../lib/words.js';
import { speakStaffLanguage, staffLanguageSwitch } from '../lib/staff-language.js';
import { formatNumber, language, listFormat, locale, localize, onLanguage, t, unlocalize } from '../lib/staff-messages.js';
import { clearFieldErrors, showFieldErrors } from '../lib/field-errors.js';
import { showNavFor } from './nav.js';
import { InvitationInbox } from './invitations.js';
import { ColleagueInvitations } from './colleagues.js';
import { SessionPeople } from './people.js';
import { showCustomerCard } from './customer-card.js';
import { showMyFollowUps } from './follow-ups.js';
import { showWaitingHelp } from './waiting-help.js';
import { customerLanguage } from './language.js';

/** Renew the relay's token this long before it expires (the relay closes with 4401 one second before expiry). */
const RENEW_BEFORE_MS = 60000;

const $ = (id) => document.getElementById(id);
const state = { sessions: [], selected: null, connection: null, mirror: null, countdown: null, chosenCustomer: null };

async function main() {
  speakStaffLanguage(document);
  staffLanguageSwitch($('staff-language'));
  await accessToken();
  const me = profile();
  $('me').textContent = me ? me.name : '';
  showNavFor(me ? me.roles : []);
  $('sign-out').onclick = signOut;
  $('sign-in-again').onclick = () => signIn();
  whenSignedOut(showSignedOut);
  $('new-session').onclick = openNewDialog;
  $('cancel-new').onclick = () => $('new-dialog').close();
  $('new-form').onsubmit = createSession;
  $('customer-search').oninput = debounce(searchCustomers, 250);
  $('end-session').onclick = () => {
    clearFieldErrors($('end-form'), $('end-error'));
    $('end-dialog').showModal();
  };
  $('cancel-end').onclick = () => $('end-dialog').close();
  $('end-form').onsubmit = endSession;
  $('use-here').onclick = () => {
    // take the session back from the other tab (the relay replaces that tab's connection with this one)
    $('replaced').hidden = true;
    delete document.body.dataset.replaced;
    if (state.connection) state.connection.reopen();
  };
  $('copy-link').onclick = () => navigator.clipboard?.writeText($('invite-link').value);
  setUpTools();
  setUpView();
  setUpShortcuts();
  $('stage-customer').onclick = () => setStage('customer');
  $('stage-mine').onclick = () => setStage('advisor');
  setUpColleagues();
  const advisor = me && me.roles.includes('advisor');
  const waitingHelp = () => showWaitingHelp(async (session) => {
    await refreshSessions();
    select(session.id);
  }).catch(() => {});
  if (advisor) {
    showMyFollowUps().catch(() => {});
    waitingHelp();
  }
  // what is drawn from data rather than kept by localize() is drawn again in the new language
  onLanguage(() => {
    refreshSessions().catch(() => {});
    if (advisor) {
      showMyFollowUps().catch(() => {});
      waitingHelp();
    }
    if (state.selected) showCustomerCard(state.selected.customer.id, { currentSession: state.selected.id }).catch(() => {});
    if (state.people.participants) state.people.render();
    state.colleagues.render();
    state.inbox.redraw();
    if (state.participants && state.connection) presence(state.participants, state.connection);
  });
  await refreshSessions();
  setInterval(() => refreshSessions().catch(() => {}), 10000);
  if (advisor) setInterval(waitingHelp, 5000);
  const wanted = new URLSearchParams(location.search).get('session');
  if (wanted) select(wanted);
}

async function refreshSessions() {
  const page = await api('/api/sessions?size=50');
  state.sessions = page.items;
  const list = $('sessions');
  list.replaceChildren(...page.items.map((s) => {
    const li = document.createElement('li');
    li.dataset.id = s.id;
    li.classList.toggle('selected', state.selected?.id === s.id);
    const who = document.createElement('span');
    who.className = 'who';
    who.translate = false;
    who.textContent = s.customer.name;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = t('console.sessions.meta', { status: statusLabel(s.status),
      when: new Date(s.createdAt).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' }) });
    li.append(who, meta);
    li.onclick = () => select(s.id);
    return li;
  }));
  if (state.selected) {
    const fresh = page.items.find((s) => s.id === state.selected.id);
    if (fresh) showSession(fresh);
  }
}

function openNewDialog() {
  state.chosenCustomer = null;
  $('new-form').reset();
  $('customer-results').replaceChildren();
  unlocalize($('chosen-customer'));
  clearFieldErrors($('new-form'), $('new-error'));
  $('new-dialog').showModal();
  $('customer-search').focus();
}

async function searchCustomers() {
  const query = $('customer-search').value.trim();
  if (!query) return $('customer-results').replaceChildren();
  const page = await api('/api/customers?size=10&query=' + encodeURIComponent(query));
  $('customer-results').replaceChildren(...page.items.map((c) => {
    const li = document.createElement('li');
    li.translate = false; // the customer's own name, address and CRM id
    li.textContent = [c.name, c.email, c.externalCrmId].filter(Boolean).join(' · ');
    li.onclick = () => {
      state.chosenCustomer = c;
      localize($('chosen-customer'), 'console.newSession.chosen', { name: c.name });
      $('customer-results').replaceChildren();
      accountManagerHint(c);
    };
    return li;
  }));
}

/** A customer with another account manager: say so, since their sessions go to that advisor first. */
async function accountManagerHint(c) {
  if (!c.assignedAdvisorId) return;
  const full = await api('/api/customers/' + c.id).catch(() => null);
  const me = profile();
  if (!full || !full.accountManagerName || state.chosenCustomer !== c || (me && me.name === full.accountManagerName)) {
    return;
  }
  localize($('chosen-customer'), 'console.newSession.accountManager', { name: c.name,
    manager: full.accountManagerName });
}

async function createSession(event) {
  event.preventDefault();
  const body = { purpose: $('purpose').value.trim() || undefined };
  if (state.chosenCustomer) {
    body.customerId = state.chosenCustomer.id;
  } else {
    body.customer = { name: $('new-name').value.trim(), email: $('new-email').value.trim() || undefined };
  }
  const helpCode = $('help-code').value.replace(/\s/g, '');
  try {
    const created = helpCode
      ? await api('/api/help-requests/claim', { method: 'POST', body: { ...body, code: helpCode } })
      : await api('/api/sessions', { method: 'POST', body });
    $('new-dialog').close();
    state.invite = helpCode ? null : created;
    await refreshSessions();
    await select(created.id);
  } catch (e) {
    showFieldErrors($('new-form'), e, { 'customer.name': $('new-name'), 'customer.email': $('new-email'),
      purpose: $('purpose'), code: $('help-code') }, $('new-error'));
  }
}

async function select(id) {
  let session;
  try {
    session = await api('/api/sessions/' + id);
  } catch (e) {
    if (e.status === 403 || e.status === 404) {
      showUnavailable(e.status);
      return;
    }
    throw e;
  }
  $('unavailable').hidden = true;
  if (state.selected?.id !== id) connect(session);
  showSession(session);
  for (const li of $('sessions').children) li.classList.toggle('selected', li.dataset.id === id);
}

function showSession(session) {
  state.selected = session;
  $('empty').hidden = true;
  $('session').hidden = false;
  $('session-title').textContent = session.customer.name;
  $('session-title').title = session.customer.name;
  $('session-purpose').textContent = session.purpose || '';
  $('session-status').textContent = statusLabel(session.status);
  $('session-status').dataset.status = session.status;
  showCustomerCard(session.customer.id, { currentSession: session.id }).catch(() => {});
  showLeadTools();
  if (session.status === 'ENDED' || session.status === 'EXPIRED') setPhase('ended'); // for good: never live again
  const invite = state.invite && state.invite.id === session.id && session.status === 'CREATED' ? state.invite : null;
  $('invite').hidden = !invite;
  clearInterval(state.countdown);
  if (invite) {
    $('invite-code').textContent = invite.code;
    $('invite-link').value = invite.joinUrl;
    const tick = () => {
      const left = Math.max(0, Date.parse(invite.expiresAt) - Date.now());
      $('invite-expiry').textContent = `${Math.floor(left / 60000)}:${String(Math.floor(left / 1000) % 60).padStart(2, '0')}`;
    };
    tick();
    state.countdown = setInterval(tick, 1000);
  }
}

function connect(session) {
  if (state.connection) state.connection.close();
  dropLayer();
  if (state.mirror) state.mirror.dispose();
  if (state.call) state.call.end();
  state.call = null;
  $('call').hidden = true;
  $('customer-page').textContent = '';
  unlocalize($('customer-tab'));
  $('replaced').hidden = true;
  delete document.body.dataset.replaced;
  $('customer-presence').className = 'presence';
  localize($('customer-presence'), 'console.presence.none');
  unlocalize($('ctl-status'));
  state.phase = null;
  state.handedTo = null;
  state.me = null;
  state.participants = null;
  delete document.body.dataset.handedTo;
  delete document.body.dataset.handedOver;
  state.lead = true;
  state.seat = null;
  state.people.reset(session);
  state.colleagues.setSession(session);
  showLeadTools();
  setPhase(session.status === 'ENDED' || session.status === 'EXPIRED' ? 'ended' : 'live', session);
  if (session.status === 'ENDED' || session.status === 'EXPIRED') return;
  let token = null;
  const mirror = new Mirror($('mirror'), {
    onLocalScroll: () => state.layer && state.layer.invalidate(),
    onNav: (nav, kind) => {
      state.page = nav.url.split('#')[0];
      if (state.layer) {
        if (kind === 'load') state.layer.navigated(state.page);
        else state.layer.setPage(state.page);
      }
      $('customer-page').textContent = `${nav.title} — ${nav.url}`;
      $('customer-page').title = nav.url;
    },
    onFocus: (focus) => {
      localize($('customer-tab'), focus.visible ? (focus.focused ? 'console.tab.front' : 'console.tab.visible')
        : 'console.tab.background');
    },
  });
  state.mirror = mirror;
  mirror.setViewMode(state.viewMode || 'fit');
  mirror.setFollow(state.follow !== false);
  $('call').hidden = false;
  state.call = callPanel($('call'), {
    signaling: () => api(`/api/sessions/${session.id}/signaling-token`, { method: 'POST' }),
    iceServers: () => api(`/api/sessions/${session.id}/ice-servers`),
  }, session.customer.name, (type, payload) => connection.sendReliable(type, JSON.stringify(payload)),
  { askScreen: true, viewer: 'staff',
    nameOf: (id) => (id === 'customer' ? session.customer.name : state.people.nameOf(id)),
    // a silent supervisor is in no call (the relay would close the socket with 4403)
    sendControl: (type, payload) => { if (state.me?.role !== 'supervisor') connection.sendControl(type, payload); } });
  const control = new ConsoleControl({
    el: { request: $('ctl-request'), release: $('ctl-release'), hand: $('ctl-hand'), takeBack: $('ctl-take-back'),
      status: $('ctl-status'), consent: $('ctl-consent'), consentText: $('ctl-consent-text'), allow: $('ctl-allow'),
      deny: $('ctl-deny') },
    send: (type, payload) => connection.sendReliable(type, JSON.stringify(payload)),
    customerName: () => session.customer.name,
    nameOf: (id) => state.people.nameOf(id),
  });
  state.control = control;
  control.setTool(state.tool || null);
  const role = (profile()?.roles || []).includes('advisor') ? 'advisor' : 'supervisor';
  // the customer's language for the session: chosen here, it reaches the workspace and the site's tandem.js
  state.language = customerLanguage($('customer-language'), role === 'advisor',
    (lang) => connection.sendControl('sys.language', JSON.stringify({ lang })));
  const docs = consoleDocuments($('documents'), session, () => connection, role, () => state.participantId);
  state.docs = docs;
  const connection = new RelayConnection({
    url: relayUrl(location.origin, session.id),
    authorization: () => 'Bearer ' + token,
    epoch: randomId(),
    onFrame: new FrameRouter()
      .on('sys.welcome', (type, frame) => {
        const welcome = JSON.parse(frame.payload);
        state.participantId = welcome.participantId;
        state.people.welcome(welcome);
        showStage(welcome.stage);
        control.welcome(welcome);
        ensureLayer(connection, mirror, welcome);
        docs.welcome(welcome);
        if (state.call) state.call.welcome();
        state.language.show(welcome.language);
      })
      .on('sys.language', (type, frame) => { state.language.show(JSON.parse(frame.payload).lang); })
      .on('sys.stage', (type, frame) => {
        showStage(JSON.parse(frame.payload));
        control.setStage(JSON.parse(frame.payload).mode);
      })
      // the components that take frames of their own: control, documents, the call
      .on('*', (type, frame) => !!(control.frame(type, frame) || docs.frame(type, frame)
        || (state.call && state.call.frame(type, frame, state.participantId))))
      .on(['sys.reset', 'sys.stage'], () => {
        // the mirror is rebuilt and the annotation log follows: start the drawings afresh too
        dropLayer();
        ensureLayer(connection, mirror, null);
      })
      .on(['ann.*', 'ptr.*'], (type, frame) => {
        if (state.layer) state.layer.apply(type, frame.payload, frame.header.from);
        return true;
      }, { except: ['ptr.move'] })
      .on('*', (type, frame) => {
        if (!mirror.frame(type, frame)) return false;
        if (state.layer) state.layer.invalidate();
        return true;
      })
      .on('ptr.move', (type, frame) => {
        if (frame.header.from === 'customer') {
          mirror.showPointer('customer', session.customer.name, '#d9480f', JSON.parse(frame.payload));
        } else if (state.layer && frame.header.from !== state.participantId) {
          // another advisor's pointer, anchored like their drawings, in their name and colour
          state.layer.apply(type, frame.payload, frame.header.from);
        }
      })
      .on('sys.presence', (type, frame) => {
        const participants = JSON.parse(frame.payload).participants;
        state.participants = participants;
        state.people.presence(participants);
        if (state.layer) state.layer.setParticipants(participants);
        presence(participants, connection);
        if (state.call) state.call.presence(participants, state.participantId);
        joinCallIfHandedOver(session.id);
      })
      .on('sys.notice', (type, frame) => {
        const notice = JSON.parse(frame.payload);
        state.people.notice(notice);
        // handed the lead while in the session: the call under way goes on with us
        // (presence follows a notice at once, and says who is in the call)
        // (once per session in this page: a reconnect hears the notice again, and must not rejoin a call we left)
        if (notice && notice.kind === 'owner' && notice.id === state.participantId && state.ledSince !== session.id) {
          state.ledSince = session.id;
          state.joinCall = session.id;
        }
        return true;
      })
      .on('sys.end', () => {
        setPhase('ended');
        refreshSessions();
      })
      .handler(),
    onState: (s, detail) => {
      document.body.dataset.relay = s;
      if (s === 'reconnecting' && document.body.dataset.auth === 'signed-out') {
        connection.close(); // signed out: stop knocking with a token the server refuses; the screen stays as it is
        return;
      }
      if (detail && detail.code) document.body.dataset.relayClose = String(detail.code);
      if (s === 'closed' && detail && detail.code === 4410 && state.connection === connection) {
        // the same advisor opened this session in another tab, which took over: say so rather than go stale
        $('replaced').hidden = false;
        document.body.dataset.replaced = 'true';
      }
      if (s === 'closed' && detail && (detail.code === 4401 || detail.code === 1008)) {
        document.body.dataset.relayAuthClose = String(detail.code);
        // the server no longer accepts the token (expired, or signed out at Keycloak): carry on with a freshly
        // refreshed one, or tell the advisor to sign in again
        refreshedToken().then((fresh) => {
          if (state.connection !== connection) return;
          if (!fresh) {
            showSignedOut();
            return;
          }
          token = fresh;
          connection.reopen();
          keepTokenFresh();
        });
      }
    },
  });
  state.connection = connection;
  // Renew the socket's token in-band shortly before it expires, so the connection (and the customer's view of the
  // advisor) never drops for a token refresh.
  const keepTokenFresh = () => {
    clearTimeout(state.renewal);
    // at most setTimeout's 32-bit limit: beyond it the timer fires at once (a far-off expiry renewed in a loop)
    const due = Math.min(2 ** 31 - 1, Math.max(5000, tokenExpiry() - Date.now() - RENEW_BEFORE_MS));
    state.renewal = setTimeout(async () => {
      if (state.connection !== connection) return;
      const fresh = await currentToken(RENEW_BEFORE_MS + 30000);
      if (!fresh || state.connection !== connection) return; // the relay will close with 4401: handled above
      token = fresh;
      connection.sendControl('sys.auth', JSON.stringify({ token: fresh }));
      keepTokenFresh();
    }, due);
  };
  accessToken().then((t) => {
    token = t;
    connection.connect();
    keepTokenFresh();
  });
}

/**
 * Colleagues: the live invitations to this advisor (Join opens the session here), the owner's "Invite a colleague"
 * and "Hand over", and who is in the open session.
 */
function setUpColleagues() {
  state.inbox = new InvitationInbox({ section: $('inbox'), list: $('invitations'),
    onJoined: (answer) => openInvitedSession(answer) }).start();
  state.colleagues = new ColleagueInvitations({ dialog: $('colleague-dialog'), form: $('colleague-form'),
    title: $('colleague-title'), intro: $('colleague-intro'), search: $('colleague-search'),
    results: $('colleague-results'), chosen: $('colleague-chosen'), note: $('colleague-note'),
    noteCount: $('colleague-note-count'), error: $('colleague-error'), send: $('colleague-send'),
    cancel: $('colleague-cancel'), list: $('session-invitations') });
  $('invite-colleague').onclick = () => state.colleagues.open('join');
  $('transfer-session').onclick = () => state.colleagues.open('transfer');
  state.people = new SessionPeople({
    el: { section: $('session-people'), list: $('people'), lines: $('session-lines'), stepIn: $('step-in'),
      stepOut: $('step-out'), stepStatus: $('step-status') },
    onChange: (view) => seatChanged(view),
    onHandedOver: (lead) => handedOver(lead),
    onLeave: (lead) => leaveAfterHandOver(lead),
  });
}

/**
 * The new lead of a warm transfer joins the call under way by itself (the customer never sees it end or restart), at
 * the first presence after taking over (it says who is in the call); a call nobody is in is not started.
 */
function joinCallIfHandedOver(sessionId) {
  if (state.joinCall !== sessionId || !state.call || !state.participantId) return;
  state.joinCall = null; // once: a call started later is joined by pressing "Join the call"
  if (state.phase === 'live' && state.call.running()) state.call.join();
}

/** An accepted invitation: open its session in this console (the address says which, for a reload). */
function openInvitedSession(answer) {
  // taking a session over: its call goes on with us (joinCallIfHandedOver)
  if (answer.kind === 'transfer') {
    state.joinCall = answer.sessionId;
    state.ledSince = answer.sessionId;
  }
  const url = new URL(answer.workspaceUrl || '/console/?session=' + encodeURIComponent(answer.sessionId),
    location.origin);
  if (url.pathname !== location.pathname) {
    location.assign(url.href);
    return;
  }
  history.pushState(null, '', url.pathname + url.search);
  select(answer.sessionId);
  refreshSessions().catch(() => {});
}

/** Who leads the session and where this console sits: the lead's tools, and a supervisor stepping in or out. */
function seatChanged({ owner, role, seat }) {
  state.lead = owner;
  state.seat = seat;
  showLeadTools();
  if (state.me && role && role !== state.me.role && state.connection) {
    // a supervisor stepped in (role advisor: point, draw, control) or back out (silent again), on the same socket
    state.me = { ...state.me, role };
    if (state.docs) state.docs.setRole(role); // presenting documents too
    dropLayer();
    ensureLayer(state.connection, state.mirror, null);
    if (state.layer && state.participants) state.layer.setParticipants(state.participants);
  }
}

/** Invite, Hand over and End are the lead's; a supervisor keeps End, as before. */
function showLeadTools() {
  const over = state.phase === 'ended' || state.phase === 'handed';
  const advisor = state.me ? state.me.role === 'advisor' && state.seat !== 'supervisor'
    : (profile()?.roles || []).includes('advisor');
  const lead = state.lead !== false && advisor && !state.handedTo;
  $('owner-tools').hidden = !lead || over;
  state.colleagues.setOwner(lead && !over);
  const status = state.selected?.status;
  const ended = status === 'ENDED' || status === 'EXPIRED';
  const supervisorWatching = state.me && state.me.role === 'supervisor';
  $('end-session').hidden = ended || !(lead || supervisorWatching || (!state.me && state.lead !== false));
}

/** This console led the session and handed it over: say so; it leaves once the new lead is connected. */
function handedOver(lead) {
  state.handedTo = lead;
  showLeadTools();
  $('ended').hidden = false;
  $('ended').dataset.phase = 'handing';
  localize($('ended-title'), 'console.handOver.title', { name: lead.name });
  localize($('ended-text'), 'console.handOver.leaving', { name: lead.name });
  $('ended-replay').hidden = true;
  $('ended-touchpoint').hidden = true;
  document.body.dataset.handedTo = lead.name;
}

function leaveAfterHandOver(lead) {
  if (!state.connection) return;
  state.connection.close();
  state.connection = null;
  const call = state.call;
  const stayInCall = call && call.live();
  if (stayInCall) {
    // the call carries on with the new lead: this console stays in it until they have joined it, so the customer
    // is never left alone in it (which would end it), and leaves at the latest after two minutes
    call.whenJoinedBy(lead.id, () => call.end());
    setTimeout(() => call.end(), 120_000);
    state.call = null; // the session is left: nothing else of it ends this call now
  } else if (call) {
    call.end();
  }
  setPhase('handed');
  state.people.left();
  $('customer-presence').className = 'presence';
  localize($('customer-presence'), 'console.presence.youLeft');
  localize($('ended-title'), 'console.handOver.title', { name: lead.name });
  localize($('ended-text'), stayInCall ? 'console.handOver.inCall' : 'console.handOver.left', { name: lead.name });
  document.body.dataset.handedOver = 'left';
}

/** The sign-in is over: say so, keep everything on screen, and offer to sign in again (back to this session). */
function showSignedOut() {
  document.body.dataset.auth = 'signed-out';
  $('signed-out').hidden = false;
  if (state.call) state.call.end();
  // a reconnect may already be waiting for its turn: stop it now rather than at its next refused attempt
  if (state.connection && document.body.dataset.relay === 'reconnecting') state.connection.close();
}

/** A session this staff member may not open (403), or that does not exist (404). */
function showUnavailable(status) {
  if (state.connection) state.connection.close();
  state.connection = null;
  state.selected = null;
  $('empty').hidden = true;
  $('session').hidden = true;
  $('unavailable').hidden = false;
  $('unavailable').dataset.status = String(status);
  localize($('unavailable-text'), status === 403 ? 'console.unavailable.forbidden' : 'console.unavailable.notFound');
}

/**
 * The advisor's annotation layer over the mirror: drawings, laser, spotlight and the advisor's pointer go to the
 * customer's page; theirs come back. Created once the relay has said who we are.
 */
function ensureLayer(connection, mirror, welcome) {
  if (state.layer || state.connection !== connection) return;
  if (welcome) state.me = { id: welcome.participantId, name: welcome.name, role: welcome.role };
  if (!state.me) return;
  // a silent supervisor watches: no pointer, no drawing, no control (the relay would close the socket with 4403)
  const watching = state.me.role === 'supervisor';
  document.body.dataset.role = state.me.role;
  if (state.seat) document.body.dataset.seat = state.seat;
  else delete document.body.dataset.seat;
  $('annotate-tools').hidden = watching;
  $('control-tools').hidden = watching;
  $('stage-controls').hidden = watching;
  // a silent supervisor is in no call; stepped in, they join it like an advisor, and stepping back hangs up
  $('call').hidden = watching || !state.call;
  if (watching && state.call && state.call.live()) state.call.hangUp();
  const surface = mirrorSurface(mirror);
  const layer = new AnnotationLayer({
    ...surface,
    me: state.me,
    page: state.page || null,
    send: sendOver(connection),
    trackPointer: !watching,
    trackClicks: !watching,
  });
  const unwatch = surface.watch(() => layer.invalidate());
  // each advisor's colour comes from the list of who is here (the same in every browser)
  const known = (welcome && welcome.participants) || state.participants;
  if (known) layer.setParticipants(known);
  layer.setTool(state.tool || null);
  if (welcome) state.keepAnnotations = welcome.keepAnnotations === true;
  layer.model.setKeep(state.keepAnnotations === true);
  $('ann-keep').setAttribute('aria-pressed', String(state.keepAnnotations === true));
  state.layer = layer;
  const driver = new ControlDriver({ panel: mirror.panel, surface,
    send: (action) => {
      if (state.control) state.control.action(action);
      connection.sendReliable('ctl.action', JSON.stringify(action));
    } });
  if (state.control) state.control.setDriver(driver);
  state.layerCleanup = () => {
    unwatch();
    if (state.control) state.control.setDriver(null);
    driver.dispose();
    layer.dispose();
    surface.dispose();
  };
  window.__tandemAnnotations = layer;
  window.__tandemControlDriver = driver; // for tests: an action on a node the customer's page no longer has
  showLeadTools();
}

function dropLayer() {
  if (state.layerCleanup) state.layerCleanup();
  state.layer = null;
  state.layerCleanup = null;
}

/** The drawing toolbar: a tool at a time (none = just point), undo, clear mine, clear everyone's. */
function setUpTools() {
  const bar = $('annotate-tools');
  for (const button of bar.querySelectorAll('[data-tool]')) {
    button.onclick = () => {
      state.tool = button.dataset.tool || null;
      for (const b of bar.querySelectorAll('[data-tool]')) b.setAttribute('aria-pressed', String(b === button));
      if (state.layer) state.layer.setTool(state.tool);
      if (state.control) state.control.setTool(state.tool);
    };
  }
  $('ann-undo').onclick = () => state.layer && state.layer.undo();
  $('ann-clear').onclick = () => state.layer && state.layer.clearOwn();
  $('ann-clear-all').onclick = () => state.layer && state.layer.clearAll();
  $('ann-keep').onclick = () => {
    if (!state.layer) return;
    state.keepAnnotations = !state.keepAnnotations;
    state.layer.setKeep(state.keepAnnotations);
    $('ann-keep').setAttribute('aria-pressed', String(state.keepAnnotations));
  };
}

/** Switches the stage: the customer's page (mirrored here) or the advisor's own page (shared from a stage frame). */
async function setStage(mode) {
  if (!state.connection || !state.selected) return;
  if (mode === 'customer') {
    state.connection.sendControl('sys.stage', JSON.stringify({ mode: 'customer' }));
    return;
  }
  const grant = await api(`/api/sessions/${state.selected.id}/stage-credential`, { method: 'POST' });
  const session = { sessionId: state.selected.id, credential: grant.credential, kind: 'stage' };
  const url = new URL($('stage-url').value || '/', location.origin);
  // the frame's tandem.js exchanges a one-time code for the stage credential: no credential in the frame's URL
  $('stage-frame').src = await handoffUrl(location.origin, url, session);
  state.connection.sendControl('sys.stage',
    JSON.stringify({ mode: 'advisor', sharer: 'stage:' + state.participantId }));
}

function showStage(stage) {
  const mine = stage.mode === 'advisor';
  $('stage-customer').setAttribute('aria-pressed', String(!mine));
  $('stage-mine').setAttribute('aria-pressed', String(mine));
  $('mirror').hidden = mine;
  $('stage-frame').hidden = !mine;
  if (!mine && $('stage-frame').getAttribute('src')) $('stage-frame').src = 'about:blank';
  document.body.dataset.stage = stage.mode;
}

function presence(participants, connection) {
  if (state.phase === 'ended' || state.phase === 'handed') return; // nothing here is live any more
  const customer = participants.find((p) => p.role === 'customer');
  const el = $('customer-presence');
  const stopped = customer && customer.state === 'left' && customer.reason === 'stopped';
  el.className = 'presence ' + (customer ? customer.state : '');
  if (!customer) localize(el, 'console.presence.none');
  else if (stopped) localize(el, 'console.presence.stopped');
  else if (['connected', 'left', 'reconnecting'].includes(customer.state)) localize(el, `console.presence.${customer.state}`);
  else localize(el, 'console.presence.other', { state: customer.state });
  if (stopped) setPhase('stopped');
  else if (customer && customer.state === 'left') setPhase('left');
  else if (customer && customer.state === 'connected') setPhase('live');
  const ms = (n) => formatNumber(n, { style: 'unit', unit: 'millisecond' });
  const mine = connection.rtt >= 0 ? ms(connection.rtt) : '–';
  const theirs = customer && customer.rtt !== undefined ? ms(customer.rtt) : '–';
  localize($('rtt'), 'console.rtt', { mine, theirs });
  // staff see silent supervisors (customers never do): say who is watching
  const watching = participants.filter((p) => p.role === 'supervisor' && p.state === 'connected'
    && p.id !== state.participantId).map((p) => p.name);
  $('supervisor-watching').hidden = watching.length === 0;
  if (watching.length) {
    localize($('supervisor-watching'), 'console.watching', { names: listFormat(watching), count: watching.length });
  } else {
    unlocalize($('supervisor-watching'));
  }
  if (customer && customer.state === 'connected' && state.selected?.status !== 'ACTIVE') refreshSessions();
}

async function endSession(event) {
  event.preventDefault();
  try {
    await api(`/api/sessions/${state.selected.id}/end`, { method: 'POST',
      body: { outcome: $('outcome').value, notes: $('notes').value.trim() || undefined } });
    $('end-dialog').close();
    if (state.connection) state.connection.close();
    setPhase('ended');
    await refreshSessions();
  } catch (e) {
    showFieldErrors($('end-form'), e, { outcome: $('outcome'), notes: $('notes') }, $('end-error'));
  }
}

/** The banner's words for each read-only phase: console.phase.<phase>.title and .text. */
const PHASES = ['ended', 'stopped', 'left', 'handed'];

/**
 * The session's phase in the console: 'live', or read-only once it has ended, the customer stopped sharing or left.
 * Read-only means no tool, no control, no call, no stage switch; a banner says why, with the replay and touchpoint
 * of an ended session.
 */
function setPhase(phase, session = state.selected) {
  if (state.phase === phase && (phase !== 'ended' || state.endedShown === session?.id + session?.recorded)) return;
  state.phase = phase;
  const live = phase === 'live';
  document.body.dataset.sessionState = phase;
  for (const el of document.querySelectorAll('#annotate-tools button, #control-tools button, #stage-controls button,'
    + ' #stage-controls input, #call button, #view-follow, #documents [data-doc=query]')) {
    el.disabled = !live;
  }
  if (!live) {
    if (state.call) state.call.end();
    if (state.control) state.control.readOnly(''); // the banner says why; the status line says nothing stale
    unlocalize($('customer-tab'));
    unlocalize($('rtt'));
    if (phase === 'ended') {
      $('customer-presence').className = 'presence';
      localize($('customer-presence'), 'console.presence.ended');
    }
    if (state.layer) state.layer.setTool(null);
    if ($('ctl-consent').open) $('ctl-consent').close();
  } else if (state.control) {
    state.control.readOnly(null);
  }
  $('ended').hidden = live;
  $('ended').dataset.phase = phase;
  if (live) return;
  const words = PHASES.includes(phase) ? phase : 'ended';
  localize($('ended-title'), `console.phase.${words}.title`);
  localize($('ended-text'), `console.phase.${words}.text`);
  const supervisor = (profile()?.roles || []).includes('supervisor');
  const ended = phase === 'ended' && session;
  $('ended-replay').hidden = !(ended && supervisor && session.recorded);
  $('ended-touchpoint').hidden = !(ended && supervisor);
  if (ended) {
    state.endedShown = session.id + session.recorded;
    $('ended-replay').href = '/supervisor/?replay=' + encodeURIComponent(session.id);
    $('ended-touchpoint').href = '/supervisor/?customer=' + encodeURIComponent(session.customer.id);
    if (!supervisor) showTouchpoint(session);
  }
}

/** For an advisor (no supervisor page): the ended session's touchpoint, in a sentence. */
async function showTouchpoint(session) {
  try {
    const page = await api(`/api/customers/${session.customer.id}/timeline?size=20`);
    const entry = page.items.find((t) => t.sessionId === session.id);
    if (!entry || state.selected?.id !== session.id || state.phase !== 'ended') return;
    const minutes = Math.max(1, Math.round((entry.durationSeconds || 0) / 60));
    // the outcome as a word inside the sentence: lower case, but German nouns keep their capital
    const label = entry.outcome ? outcomeLabel(entry.outcome) : '';
    const outcome = !label ? t('console.phase.noOutcome')
      : language() === 'de' ? label : label.toLocaleLowerCase(locale());
    localize($('ended-text'), 'console.phase.touchpoint', { name: session.customer.name, outcome,
      duration: formatNumber(minutes, { style: 'unit', unit: 'minute' }) });
  } catch (e) {
    // the banner already says the session ended; the touchpoint may still be on its way
  }
}

/** Fit or 1:1, follow the customer's scrolling or scroll freely. */
function setUpView() {
  $('view-actual').onclick = () => {
    state.viewMode = state.viewMode === 'actual' ? 'fit' : 'actual';
    $('view-actual').setAttribute('aria-pressed', String(state.viewMode === 'actual'));
    if (state.mirror) state.mirror.setViewMode(state.viewMode);
  };
  $('view-follow').onclick = () => {
    state.follow = state.follow === false;
    $('view-follow').setAttribute('aria-pressed', String(state.follow));
    if (state.mirror) state.mirror.setFollow(state.follow);
  };
}

/**
 * Keyboard shortcuts: each button with aria-keyshortcuts is pressed by its key, when the advisor is not typing in a
 * field or controlling the customer's page (the keys then go to the page). "?" lists them.
 */
function setUpShortcuts() {
  const buttons = () => [...document.querySelectorAll('#session-bar [aria-keyshortcuts]')];
  const keyOf = (e) => (e.shiftKey && e.key.length === 1 && /[a-z]/i.test(e.key) ? 'Shift+' + e.key.toUpperCase()
    : e.key.length === 1 ? e.key.toUpperCase() : e.key);
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t.closest && (t.closest('input, textarea, select, [contenteditable], dialog[open], .tandem-control-overlay,'
      + ' #documents'))) return;
    if ($('session').hidden) return;
    const key = keyOf(e);
    if (key === '?') {
      e.preventDefault();
      openShortcuts(buttons());
      return;
    }
    const button = buttons().find((b) => b.getAttribute('aria-keyshortcuts') === key && !b.hidden && !b.disabled
      && !b.closest('[hidden]'));
    if (!button) return;
    e.preventDefault();
    button.click();
  });
  $('show-shortcuts').onclick = () => openShortcuts(buttons());
  $('close-shortcuts').onclick = () => $('shortcuts-dialog').close();
  $('shortcuts-dialog').addEventListener('close', () => {
    // focus may stay on the closed dialog's button: give the keys back to the page
    if ($('shortcuts-dialog').contains(document.activeElement)) document.activeElement.blur();
  });
}

function openShortcuts(buttons) {
  const seen = new Set();
  const rows = [];
  for (const b of buttons) {
    const label = b.getAttribute('aria-label') || b.textContent.trim();
    const key = b.getAttribute('aria-keyshortcuts');
    if (seen.has(key + label)) continue;
    seen.add(key + label);
    const dt = document.createElement('dt');
    const kbd = document.createElement('kbd');
    kbd.translate = false; // the key's name, as on the keyboard
    kbd.textContent = key;
    dt.append(kbd);
    const dd = document.createElement('dd');
    dd.textContent = label;
    rows.push(dt, dd);
  }
  $('shortcuts-list').replaceChildren(...rows);
  $('shortcuts-dialog').showModal();
}

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

main().catch((e) => {
  document.body.dataset.error = e.message;
  console.error(e);
});
