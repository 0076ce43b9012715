// The customer's way in: redeem the link token (URL fragment) or a typed code, consent, keep the credential.
// The fragment never reaches the server's logs; it is removed from the address bar as soon as it is read.
// Bundled from src/main/frontend/join (served as /join/join.js); the workspace is loaded after consent.

import { languageSwitch, preferredLanguage, problemError, problemMessage, register, setLanguage } from '../lib/i18n.js';

const $ = (id) => document.getElementById(id);
const CREDENTIAL_KEY = 'tandem.credential';
const WORKSPACE = '/assets/workspace.js';

setLanguage(preferredLanguage());
register(document, document.documentElement);
languageSwitch($('language'));

function show(id) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== id;
  }
}

/** A problem (or an error carrying one) in the customer's language. */
function fail(problem) {
  $('error').textContent = typeof problem === 'string' ? problem : problemMessage(problem);
  $('error').hidden = false;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw problemError(json, response.status);
  return json;
}

async function redeem(body) {
  $('error').hidden = true;
  try {
    const join = await post('/api/join', body);
    $('advisor-name').textContent = join.advisorName;
    $('purpose').textContent = join.purpose || '';
    $('purpose-line').hidden = !join.purpose;
    show('consent');
    $('accept').onclick = () => answer(join.ticket, true);
    $('decline').onclick = () => answer(join.ticket, false);
  } catch (e) {
    fail(e);
    show('enter-code');
  }
}

async function answer(ticket, accept) {
  try {
    const admission = await post('/api/join/consent', { ticket, accept });
    if (!admission) {
      show('declined');
      return;
    }
    sessionStorage.setItem(CREDENTIAL_KEY, JSON.stringify(admission));
    enterWorkspace(admission);
  } catch (e) {
    fail(e);
  }
}

/** The session workspace (advisor status, stage, "continue on site") for an admitted customer. */
async function enterWorkspace(admission) {
  $('joined-advisor').textContent = admission.advisorName;
  show('joined');
  const { startWorkspace } = await import(WORKSPACE);
  startWorkspace(admission, {
    status: $('joined-status'),
    advisor: $('joined-advisor'),
    people: $('joined-people'),
    lines: $('joined-lines'),
    stage: $('stage'),
    continueButton: $('continue'),
    continueLabel: $('site-name'),
    mirror: $('workspace-mirror'),
    ended: $('session-ended'),
    call: $('call'),
    tools: $('workspace-tools'),
    document: $('workspace-document'),
    control: { box: $('workspace-control'), request: $('ws-ctl-request'), release: $('ws-ctl-release'),
      status: $('ws-ctl-status') },
  });
}

/**
 * Arriving from a site page (the customer chose to watch the advisor's page): a one-time handoff code is in the
 * fragment, exchanged once for the session. A used or expired one shares nothing and says so.
 */
async function resumeWorkspace() {
  const { admissionFromFragment } = await import(WORKSPACE);
  const admission = await admissionFromFragment();
  if (admission && admission.error) {
    fail(admission.error);
    show('enter-code');
  } else if (admission) {
    sessionStorage.setItem(CREDENTIAL_KEY, JSON.stringify(admission));
    enterWorkspace(admission);
  } else {
    show('enter-code');
  }
}

function keptAdmission() {
  try {
    const admission = JSON.parse(sessionStorage.getItem(CREDENTIAL_KEY) || 'null');
    return admission && Date.parse(admission.expiresAt) > Date.now() ? admission : null;
  } catch (e) {
    return null;
  }
}

const token = location.hash.startsWith('#') ? location.hash.slice(1) : '';
if (token.startsWith('tandem-handoff=') || token.startsWith('tandem=')) {
  resumeWorkspace();
} else if (!token && keptAdmission()) {
  enterWorkspace(keptAdmission()); // a reload: the admission kept in this tab brings the customer back in
} else if (token) {
  history.replaceState(null, '', location.pathname);
  redeem({ token });
} else {
  show('enter-code');
}
$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  redeem({ code: $('code').value.trim() });
});
