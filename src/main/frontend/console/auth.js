// Staff sign-in for the consoles. The server signs staff in (quarkus-oidc web-app tenant: authorization code flow with
// PKCE against Keycloak) and keeps the tokens in an encrypted session cookie; a console page signed out is redirected
// to Keycloak's login page before it loads. The page takes the access token the API and the relay need from
// /console/token (refreshed there before it expires) and keeps it in sessionStorage of this tab only.

const KEY = 'tandem.staff';
const RELOADED_AT = 'tandem.staff.reloaded-at';

/**
 * The current access token; without one, signs in again (a page load the server redirects to Keycloak). If the page
 * was loaded for that less than 10 s ago (the server signed in, but handed out no token) it stops instead of looping.
 */
export async function accessToken() {
  const token = await currentToken();
  if (token) {
    sessionStorage.removeItem(RELOADED_AT);
    return token;
  }
  if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) || 0) < 10000) {
    document.body.dataset.signIn = 'failed';
  } else {
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    signIn();
  }
  return new Promise(() => {}); // the page is navigating away, or stuck: nothing to do with a token
}

/**
 * An access token valid for at least minValidityMs more, fetched anew from the server if needed, or null when the
 * sign-in is over (signed out, or the session expired at Keycloak). Never redirects: callers decide how to tell the user.
 */
export async function currentToken(minValidityMs = 20000) {
  const stored = read();
  if (stored && stored.exp * 1000 > Date.now() + minValidityMs) return stored.access;
  return fetchToken();
}

/**
 * A token fresh from the server, or null when the sign-in is over there: used when the relay or the API has said the
 * current token no longer counts (signed out, or expired on a socket).
 */
export async function refreshedToken() {
  return fetchToken();
}

/** When the current access token expires (ms since the epoch), 0 without one. */
export function tokenExpiry() {
  const stored = read();
  return stored ? stored.exp * 1000 : 0;
}

/** The signed-in staff member's name and roles, from the token's claims. */
export function profile() {
  const stored = read();
  if (!stored) return null;
  const claims = decode(stored.access);
  return { name: claims.name || claims.preferred_username, roles: claims.realm_access?.roles || [] };
}

/** Signs out here and at Keycloak: the server ends its session and sends the browser through Keycloak's logout. */
export function signOut() {
  sessionStorage.removeItem(KEY);
  location.assign('/console/sign-out');
}

/** Loads this address again: signed out, the server sends the browser to Keycloak's login page and back here. */
export function signIn() {
  sessionStorage.removeItem(KEY);
  // through the server, which drops the over sign-in's cookies first (see ConsoleSessionReset)
  location.assign('/sign-in-again?next=' + encodeURIComponent(location.pathname + location.search));
}

async function fetchToken() {
  let response;
  try {
    response = await fetch('/console/token', { headers: { 'X-Requested-With': 'JavaScript' }, cache: 'no-store',
      credentials: 'same-origin' });
  } catch (e) {
    return null;
  }
  // 499 (quarkus-oidc: a script's request without a valid sign-in), 401, 403: the sign-in is over.
  if (!response.ok) return null;
  const { accessToken: access } = await response.json();
  return store(access).access;
}

function store(access) {
  const value = { access, exp: decode(access).exp };
  sessionStorage.setItem(KEY, JSON.stringify(value));
  return value;
}

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch (e) {
    return null;
  }
}

function decode(jwt) {
  return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}
