// Staff sign-in for the consoles: OpenID Connect authorization code flow with PKCE against the realm's public
// client; the access token lives in sessionStorage of this tab only.

const KEY = 'tandem.staff';
const PENDING = 'tandem.staff.pending';

let configPromise = null;

export function config() {
  if (!configPromise) configPromise = fetch('/api/config').then((r) => r.json());
  return configPromise;
}

/** The current access token, signing in (a redirect) if there is none. */
export async function accessToken() {
  const token = await currentToken();
  if (token) return token;
  await signIn();
  return new Promise(() => {}); // the page is navigating away
}

/**
 * An access token valid for at least minValidityMs more, refreshed if needed, or null when the sign-in is over
 * (the refresh token expired or was revoked). Never redirects: callers decide how to tell the user.
 */
export async function currentToken(minValidityMs = 20000) {
  const stored = read();
  if (stored && stored.exp * 1000 > Date.now() + minValidityMs) return stored.access;
  if (stored && stored.refresh) {
    const refreshed = await refresh(stored.refresh).catch(() => null);
    if (refreshed) return refreshed.access;
  }
  return null;
}

/**
 * A token fresh from the identity provider (refresh grant), or null when the sign-in is over there: used when the
 * server has said the current token no longer counts (signed out, or expired on a socket).
 */
export async function refreshedToken() {
  const stored = read();
  if (!stored || !stored.refresh) return null;
  const refreshed = await refresh(stored.refresh).catch(() => null);
  return refreshed ? refreshed.access : null;
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
  const claims = JSON.parse(atob(stored.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return { name: claims.name || claims.preferred_username, roles: claims.realm_access?.roles || [] };
}

/** Finishes a sign-in redirect (?code=...) if this page load is one. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', pending && pending.back ? pending.back : location.pathname);
  if (!pending || pending.state !== params.get('state')) return;
  const { oidc } = await config();
  const response = await fetch(oidc.authority + '/protocol/openid-connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: oidc.clientId, code,
      redirect_uri: pending.redirect, code_verifier: pending.verifier }),
  });
  if (response.ok) store(await response.json());
}

export async function signOut() {
  const { oidc } = await config();
  const idToken = read()?.id;
  sessionStorage.removeItem(KEY);
  // With the ID token as a hint Keycloak ends the sign-in without asking "Do you want to log out?" again.
  location.href = oidc.authority + '/protocol/openid-connect/logout?client_id=' + encodeURIComponent(oidc.clientId)
    + (idToken ? '&id_token_hint=' + encodeURIComponent(idToken) : '')
    + '&post_logout_redirect_uri=' + encodeURIComponent(location.origin + location.pathname);
}

/** Redirects to the sign-in page; afterwards the console comes back to this address (e.g. ?session=...). */
export async function signIn() {
  const { oidc } = await config();
  const verifier = random(48);
  const state = random(16);
  const redirect = location.origin + location.pathname;
  const back = location.pathname + location.search;
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, redirect, back }));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const challenge = base64Url(new Uint8Array(digest));
  location.href = oidc.authority + '/protocol/openid-connect/auth?' + new URLSearchParams({
    client_id: oidc.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirect, state,
    code_challenge: challenge, code_challenge_method: 'S256' });
}

async function refresh(refreshToken) {
  const { oidc } = await config();
  const response = await fetch(oidc.authority + '/protocol/openid-connect/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: oidc.clientId, refresh_token: refreshToken }),
  });
  if (!response.ok) return null;
  return store(await response.json());
}

function store(tokens) {
  const claims = JSON.parse(atob(tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const previous = read();
  const value = { access: tokens.access_token, refresh: tokens.refresh_token, exp: claims.exp,
    id: tokens.id_token || previous?.id };
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

function random(bytes) {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return base64Url(b);
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
