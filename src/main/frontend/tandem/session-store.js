// The session credential survives page navigations on the site through sessionStorage (per tab, per origin). It never
// travels in a URL: the page that holds it asks Tandem for a one-time handoff code, the next page finds the code in
// its fragment (#tandem-handoff=...), removes it from the address bar at once and exchanges it, once, for the session.
// A link copied, forwarded or opened in another browser after that hands over nothing. An old-style fragment that
// carried a credential itself (#tandem=...) is removed and ignored. The language the customer chose travels beside
// the code (&tandem-lang=de): the next page speaks it too.

import { tabStorage } from './tab-storage.js';
import { choose, chosenLanguage, problemError, problemMessage, t } from '../lib/i18n.js';

const KEY = 'tandem.session';
const HANDOFF = 'tandem-handoff=';
const LEGACY = 'tandem=';
const LANGUAGE = 'tandem-lang=';

/** The session this tab keeps (or null): sharing goes on with it across the site's page loads. */
export function currentSession(win = window) {
  try {
    const stored = JSON.parse(tabStorage(win).getItem(KEY) || 'null');
    if (stored && stored.expiresAt && Date.parse(stored.expiresAt) < Date.now()) {
      forget(win);
      return null;
    }
    return stored;
  } catch (e) {
    return null;
  }
}

/** Keeps a session for this tab's later page loads on the site. */
export function remember(session, win = window) {
  tabStorage(win).setItem(KEY, JSON.stringify(session));
}

export function forget(win = window) {
  tabStorage(win).removeItem(KEY);
}

/**
 * Takes a handoff code out of the address bar (so it is neither bookmarked, shared nor sent on), and any old-style
 * credential fragment, which is dropped. Returns the code, or null.
 */
export function takeHandoffCode(win = window) {
  const hash = win.location.hash || '';
  let code = null;
  let rest = hash;
  for (const param of [HANDOFF, LEGACY, LANGUAGE]) {
    const at = rest.indexOf(param);
    if (at < 0 || (at > 1 && rest[at - 1] !== '&')) continue;
    const value = rest.slice(at + param.length).split('&')[0];
    if (param === HANDOFF) code = value;
    if (param === LANGUAGE) choose(value); // only a language this page speaks; anything else is ignored
    rest = (rest.slice(0, at) + rest.slice(at + param.length + value.length)).replace(/&&/, '&').replace(/[#&]+$/, '');
  }
  if (rest !== hash) {
    win.history.replaceState(null, '', win.location.pathname + win.location.search + rest.replace(/^#&/, '#'));
  }
  return code && /^[A-Za-z0-9_-]{43}$/.test(code) ? code : null;
}

/** The header that carries a session's credential: the advisor's stage page uses its own scheme. */
export function authorization(session) {
  return (session.kind === 'stage' ? 'Stage ' : 'Customer ') + session.credential;
}

/**
 * Exchanges a handoff code at Tandem (base: Tandem's origin) for the session: {session} or {error: words for the
 * person}. The session's names come from the server.
 */
export async function exchangeHandoff(base, code, fetchImpl = fetch) {
  let response;
  try {
    response = await fetchImpl(base + '/api/handoff/exchange', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }),
    });
  } catch (e) {
    return { error: t('handoff.unreachable') };
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    return { error: problemMessage(body, 'handoff.unusable') };
  }
  const session = { sessionId: body.sessionId, credential: body.credential, expiresAt: body.expiresAt,
    advisorName: body.advisorName || '' };
  if (body.kind === 'stage') {
    session.kind = 'stage';
    session.advisorName = 'you';
  }
  if (body.call) session.call = { muted: { audio: !!body.call.audio, video: !!body.call.video } };
  return { session };
}

/**
 * The URL that hands the session to {@code target} (any page with tandem.js, or Tandem's /join): asks for a one-time
 * code with the session's credential. {@code call}: the call's {muted: {audio, video}} when one goes on.
 */
export async function handoffUrl(base, target, session, call = null, fetchImpl = fetch) {
  const response = await fetchImpl(base + '/api/handoff', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization(session) },
    body: JSON.stringify(call ? { call: { audio: !!call.muted.audio, video: !!call.muted.video } } : {}),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw problemError(body, response.status, 'The session could not be handed over (' + response.status + ')');
  }
  const { code } = await response.json();
  const lang = chosenLanguage();
  return String(target).split('#')[0] + '#' + HANDOFF + code + (lang ? '&' + LANGUAGE + lang : '');
}
