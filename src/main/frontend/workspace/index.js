// The customer's workspace after consent: who they are with, whether the advisor is connected, the stage. On a
// customer-led stage it offers "continue on <site>", handing the session to that site's tandem.js through the URL
// fragment; on an advisor-led stage it shows the advisor's page live.

import 'rrweb/dist/style.css';
import { RelayConnection, randomId, relayUrl } from '../lib/connection.js';
import { FrameRouter } from '../lib/frame-router.js';
import { Mirror } from '../lib/mirror.js';
import { callPanel } from '../lib/call-panel.js';
import { exchangeHandoff, handoffUrl, takeHandoffCode } from '../tandem/session-store.js';
import { mirrorSurface } from '../lib/annotate/surfaces.js';
import { ControlDriver } from '../lib/control/driver.js';
import { AnnotationLayer } from '../lib/annotate/layer.js';
import { sendOver } from '../lib/annotate/model.js';
import { ratingForm, sendRating } from '../lib/feedback.js';
import { workspaceDocuments } from './documents.js';
import { Narrator, advisorColours, listOfNames, peopleList, staffPresent } from '../lib/people.js';
import { localize, onLanguage, problemError, setLanguage, t, unlocalize } from '../lib/i18n.js';

/**
 * A workspace entered from a site page (the customer chose to watch the advisor's page): a one-time handoff code comes
 * in the URL fragment and is exchanged here for the session; the site settings come from /api/config. Returns an
 * admission-shaped object, {error} with words for the customer when the link cannot be used, or null without a code.
 */
export async function admissionFromFragment() {
  const code = takeHandoffCode();
  if (!code) return null;
  const { session, error } = await exchangeHandoff(location.origin, code);
  if (error) return { error };
  if (session.kind === 'stage') return null;
  const config = await fetch('/api/config').then((r) => r.json());
  return { ...session, siteName: config.site.name, siteStartUrl: config.site.startUrl };
}

/**
 * @param {object} admission  the consent answer: {sessionId, credential, expiresAt, advisorName, siteName, siteStartUrl}
 * @param {object} el         elements: status, stage, continueButton, continueLabel, mirror, ended, call
 */
export function startWorkspace(admission, el) {
  const customerApi = async (path, method = 'GET') => {
    const response = await fetch(path, { method, headers: { Authorization: 'Customer ' + admission.credential } });
    const body = await response.json().catch(() => ({}));
    // the call stops reconnecting on 410 (session ended): the error carries the status
    if (!response.ok) throw problemError(body, response.status);
    return body;
  };
  const call = el.call ? callPanel(el.call, {
    signaling: () => customerApi(`/api/sessions/${admission.sessionId}/signaling-token`, 'POST'),
    iceServers: () => customerApi(`/api/sessions/${admission.sessionId}/ice-servers`),
  }, admission.advisorName, (type, payload) => connection.sendReliable(type, JSON.stringify(payload)),
  { viewer: 'customer', sendControl: (type, payload) => connection.sendControl(type, payload) }) : null;
  el.continueLabel.textContent = admission.siteName;
  el.continueButton.onclick = async () => {
    // a call under way goes on with the customer: tandem.js on the site rejoins it on its first page
    const goingOn = call && call.live() ? { muted: call.muted() } : null;
    const target = new URL(admission.siteStartUrl, location.origin);
    el.continueButton.disabled = true;
    try {
      // a one-time code, not the credential, goes in the URL: the link works once, in this browser, for a minute
      const url = await handoffUrl(location.origin, target, admission, goingOn);
      connection.close();
      location.href = url;
    } catch (e) {
      el.continueButton.disabled = false;
      localize(el.status, 'workspace.continueFailed', { site: admission.siteName });
    }
  };
  const docs = el.document ? workspaceDocuments(el.document, admission, () => connection) : null;
  let mirror = null;
  let driver = null;
  let layer = null;
  let participants = [];
  let heard = false;
  const narrator = new Narrator({ me: 'customer', viewer: 'customer' });
  let control = { state: 'none' };
  // who is with the customer, and one line for each change ("Ben Baker from Claims joined")
  const say = (line) => {
    if (!el.lines) return;
    const li = document.createElement('li');
    li.textContent = line; // said once, in the language of the moment
    el.lines.append(li);
    while (el.lines.children.length > 5) el.lines.firstElementChild.remove();
  };
  const showPeople = () => {
    if (!el.people) return;
    const colours = advisorColours(participants);
    el.people.replaceChildren(...peopleList(participants, { viewer: 'customer' }).map((p) => {
      const li = document.createElement('li');
      li.dataset.id = p.id;
      if (p.owner) li.dataset.owner = 'true';
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.setAttribute('aria-hidden', 'true');
      dot.style.background = colours.get(p.id) || '#1f5fbf';
      const name = document.createElement('span');
      name.className = 'who';
      name.setAttribute('translate', 'no');
      name.textContent = p.name;
      const detail = document.createElement('span');
      detail.className = 'meta';
      detail.textContent = p.detail;
      li.append(dot, name, detail);
      return li;
    }));
  };
  // whether the advisor is connected, in words ("Alice Archer is connected")
  const showStatus = () => {
    const staff = staffPresent(participants);
    const connected = staff.filter((p) => p.state === 'connected');
    const lead = staff.find((p) => p.owner) || staff[0];
    const name = (lead && lead.name) || admission.advisorName;
    if (connected.length > 1) {
      localize(el.status, 'workspace.withYou', { names: listOfNames(connected.map((p) => p.name)) });
    } else if (connected.length) {
      localize(el.status, 'workspace.connected', { name: connected[0].name || admission.advisorName });
    } else if (lead && lead.state === 'reconnecting') {
      localize(el.status, 'workspace.reconnecting', { name });
    } else {
      localize(el.status, 'workspace.waiting', { name });
    }
    el.status.dataset.advisor = connected.length ? 'connected' : 'waiting';
  };
  onLanguage(() => {
    showPeople();
    if (participants.length) showStatus();
  });
  let stageMode = 'customer';
  // On the advisor's page the customer can ask for control, and use it once the advisor hands it over
  const renderControl = () => {
    if (!el.control) return;
    const mine = control.state === 'granted' && control.to === 'customer';
    el.control.box.hidden = stageMode !== 'advisor';
    el.control.request.hidden = mine;
    el.control.release.hidden = !mine;
    el.control.status.dataset.state = mine ? 'granted' : 'none';
    if (mine) localize(el.control.status, 'workspace.controlling', { name: admission.advisorName });
    else unlocalize(el.control.status);
    if (driver) driver.setActive(mine && stageMode === 'advisor');
  };
  if (el.control) {
    el.control.request.onclick = () => {
      connection.sendReliable('ctl.request', JSON.stringify({ scope: 'page' }));
      localize(el.control.status, 'workspace.askedControl', { name: admission.advisorName });
    };
    el.control.release.onclick = () => connection.sendReliable('ctl.revoke', '{}');
  }
  const showStage = (mode) => {
    stageMode = mode;
    el.stage.dataset.mode = mode;
    el.continueButton.hidden = mode !== 'customer';
    el.mirror.hidden = mode !== 'advisor';
    if (mode === 'advisor' && !mirror) {
      mirror = new Mirror(el.mirror, { onNav: (nav, kind) => {
        if (layer && kind === 'load') layer.navigated(nav.url.split('#')[0]);
        else if (layer) layer.setPage(nav.url.split('#')[0]);
      } });
      const surface = mirrorSurface(mirror);
      driver = new ControlDriver({ panel: el.mirror, surface,
        send: (action) => connection.sendReliable('ctl.action', JSON.stringify(action)) });
      // the advisor's drawings on their page, and the customer's own, as on the customer's page the other way round
      layer = new AnnotationLayer({ ...surface, me: { id: 'customer', name: t('people.you'), role: 'customer' }, page: null,
        send: sendOver(connection) });
      layer.setParticipants(participants);
      surface.watch(() => layer.invalidate());
      window.__tandemWorkspaceAnnotations = layer;
      if (el.tools) {
        for (const button of el.tools.querySelectorAll('[data-tool]')) {
          button.onclick = () => {
            layer.setTool(button.dataset.tool || null);
            for (const b of el.tools.querySelectorAll('[data-tool]')) b.setAttribute('aria-pressed', String(b === button));
          };
        }
        el.tools.querySelector('[data-action=undo]').onclick = () => layer.undo();
        el.tools.querySelector('[data-action=clear]').onclick = () => layer.clearOwn();
      }
    }
    if (el.tools) el.tools.hidden = mode !== 'advisor';
    renderControl();
  };
  const connection = new RelayConnection({
    url: relayUrl(location.origin, admission.sessionId),
    authorization: () => 'Customer ' + admission.credential,
    epoch: randomId(),
    onFrame: new FrameRouter()
      .on('sys.welcome', (type, frame) => {
        const welcome = JSON.parse(frame.payload);
        control = welcome.control || control;
        if (welcome.language) setLanguage(welcome.language); // the advisor chose the session's language
        showStage(welcome.stage.mode);
        if (docs) docs.welcome(welcome);
        if (call) call.welcome();
      })
      // the components that take frames of their own: documents, the call
      .on('*', (type, frame) => !!(docs && docs.frame(type, frame)) || !!(call && call.frame(type, frame, 'customer')))
      .on('sys.stage', (type, frame) => { showStage(JSON.parse(frame.payload).mode); })
      .on('sys.language', (type, frame) => { setLanguage(JSON.parse(frame.payload).lang); })
      .on('sys.control', (type, frame) => {
        control = JSON.parse(frame.payload);
        renderControl();
      })
      .on('ctl.deny', () => {
        if (el.control) localize(el.control.status, 'workspace.declined', { name: admission.advisorName });
      })
      .on('ctl.result', (type, frame) => {
        if (!el.control) return;
        const result = JSON.parse(frame.payload);
        el.control.status.dataset.lastResult = result.ok ? 'ok' : result.reason;
      })
      .on(['sys.reset', 'sys.stage'], () => {
        if (layer) layer.model.annotations.clear(); // the annotation log follows the keyframe
      })
      .on(['ann.*', 'ptr.*'], (type, frame) => {
        if (!layer) return false;
        layer.apply(type, frame.payload, frame.header.from);
        return true;
      }, { except: ['ptr.move'] })
      .on('*', (type, frame) => {
        if (!mirror || !mirror.frame(type, frame)) return false;
        if (layer) layer.invalidate();
        return true;
      })
      .on('ptr.move', (type, frame) => {
        if (mirror && frame.header.from !== 'customer') {
          const from = frame.header.from;
          const who = participants.find((p) => p.id === from || 'stage:' + p.id === from);
          mirror.showPointer(from, (who && who.name) || admission.advisorName,
            advisorColours(participants).get(from) || '#1f5fbf', JSON.parse(frame.payload));
        }
      })
      .on('sys.presence', (type, frame) => {
        participants = JSON.parse(frame.payload).participants;
        if (call) call.presence(participants, 'customer');
        const lines = narrator.presence(participants, { quiet: !heard });
        heard = true;
        if (layer) layer.setParticipants(participants);
        for (const line of lines) say(line);
        showPeople();
        showStatus();
      })
      .on('sys.notice', (type, frame) => {
        const notice = JSON.parse(frame.payload);
        if (notice.kind === 'owner' && notice.name) {
          admission.advisorName = notice.name;
          if (el.advisor) el.advisor.textContent = notice.name;
        }
        const line = narrator.notice(notice);
        if (line) say(line);
        return true;
      })
      .on('sys.end', () => {
        if (call) call.end();
        el.ended.hidden = false;
        el.stage.hidden = true;
        if (!el.ended.querySelector('.tandem-rating')) {
          ratingForm(el.ended, (answer) => sendRating(location.origin, admission.sessionId, admission.credential,
            answer));
        }
      })
      .handler(),
    onState: (state) => {
      document.body.dataset.relay = state;
    },
  });
  connection.connect();
  return connection;
}
