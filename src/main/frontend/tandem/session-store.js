// The session credential survives page navigations on the site through sessionStorage (per tab, per origin). It
// arrives in the URL fragment (#tandem=...) from Tandem's customer workspace and is removed from the address bar.

const KEY = 'tandem.session';
const PARAM = 'tandem=';

/** Reads a handed-over session from the fragment, stores it, and returns the current one (or null). */
export function currentSession(win = window) {
  const hash = win.location.hash || '';
  const at = hash.indexOf(PARAM);
  if (at >= 0) {
    try {
      const encoded = hash.slice(at + PARAM.length).split('&')[0];
      const session = JSON.parse(decodeBase64Url(encoded));
      if (session && session.sessionId && session.credential) {
        win.sessionStorage.setItem(KEY, JSON.stringify(session));
      }
    } catch (e) {
      // a damaged fragment is ignored; the stored session (if any) still applies
    }
    const rest = hash.slice(0, at).replace(/[#&]$/, '');
    win.history.replaceState(null, '', win.location.pathname + win.location.search + rest);
  }
  try {
    const stored = JSON.parse(win.sessionStorage.getItem(KEY) || 'null');
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
  win.sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forget(win = window) {
  win.sessionStorage.removeItem(KEY);
}

/** The fragment that hands a session to a site page: `#tandem=<base64url JSON>`. */
export function handoffFragment(session) {
  return '#' + PARAM + encodeBase64Url(JSON.stringify(session));
}

export function encodeBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
