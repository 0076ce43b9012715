// The firm's branding on Keycloak's login page, as an admin set it in Tandem. Tandem's origin is taken from the
// redirect_uri of the sign-in request (Keycloak has already checked it against the client's registered URIs before it
// shows this page) and kept for this tab, so a page shown again after a wrong password is branded too. Only the
// name (as text), a #rrggbb colour pair and a logo path on that origin are used; anything else leaves the defaults.
(function () {
  'use strict';
  var KEY = 'tandem.origin';
  var COLOUR = /^#[0-9a-fA-F]{6}$/;

  function tandemOrigin() {
    var origin = null;
    try {
      var redirect = new URLSearchParams(window.location.search).get('redirect_uri');
      if (redirect) {
        var url = new URL(redirect);
        if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
      }
      if (origin) window.sessionStorage.setItem(KEY, origin);
      else origin = window.sessionStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
    return origin;
  }

  function apply(origin, b) {
    var root = document.documentElement;
    if (COLOUR.test(b.colour || '') && COLOUR.test(b.textColour || '')) {
      root.style.setProperty('--tandem-brand', b.colour);
      root.style.setProperty('--tandem-brand-ink', b.textColour);
    }
    var header = document.getElementById('kc-header-wrapper');
    if (header && typeof b.name === 'string' && b.name.trim()) {
      header.textContent = '';
      if (typeof b.logoUrl === 'string' && b.logoUrl.charAt(0) === '/' && b.logoUrl.charAt(1) !== '/') {
        var img = document.createElement('img');
        img.className = 'tandem-logo';
        img.alt = '';
        img.src = origin + b.logoUrl;
        header.appendChild(img);
      }
      var name = document.createElement('span');
      name.className = 'tandem-name';
      name.textContent = b.name;
      header.appendChild(name);
    }
    root.setAttribute('data-tandem-branded', 'true');
  }

  function start() {
    var origin = tandemOrigin();
    if (!origin || !window.fetch) return;
    fetch(origin + '/api/branding', { credentials: 'omit', mode: 'cors' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) { if (b) apply(origin, b); })
      .catch(function () { /* Tandem unreachable: the realm's display name stays */ });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
