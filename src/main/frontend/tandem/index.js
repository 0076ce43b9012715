// tandem.js: one script tag on the firm's site. With a session handed over (join link → "continue on site"), it
// shares this page with the advisor: rrweb capture with masking applied in the browser, a reliable relay
// connection that survives reloads and navigations, and a banner with a Stop button.

import { RelayConnection, randomId, relayUrl } from '../lib/connection.js';
import { Capture } from './capture.js';
import { currentSession, forget } from './session-store.js';
import { SharingBanner } from './ui.js';

const script = document.currentScript;
const base = script && script.src ? new URL(script.src).origin : location.origin;
const masking = {
  maskAllInputs: script ? script.hasAttribute('data-tandem-mask-all-inputs') : false,
  privateByDefault: script ? script.hasAttribute('data-tandem-private') : false,
};

function start(session) {
  let capture = null;
  let status = 'connecting';
  const stop = () => {
    connection.close();
    if (capture) capture.dispose();
    banner.remove();
    forget();
    window.__tandem.state = 'stopped';
  };
  const banner = new SharingBanner(session.advisorName, stop);
  const connection = new RelayConnection({
    url: relayUrl(base, session.sessionId),
    authorization: () => 'Customer ' + session.credential,
    epoch: randomId(),
    onFrame: (type, frame) => {
      if (type === 'sys.snapshot-request' && capture) capture.snapshot();
      if (type === 'sys.presence') {
        const advisor = JSON.parse(frame.payload).participants.find((p) => p.role === 'advisor');
        status = advisor && advisor.state === 'connected' ? 'advisor connected' : 'waiting for your advisor';
        banner.setStatus(status, status === 'advisor connected');
      }
      if (type === 'sys.end') stop();
    },
    onState: (state, detail) => {
      window.__tandem.connection = state;
      if (state === 'open' && !capture) {
        capture = new Capture(connection, masking);
        capture.start();
        capture.focusReporter();
      } else if (state === 'reconnecting') {
        banner.setStatus('reconnecting…', false);
      } else if (state === 'closed' && detail && detail.code !== 1000) {
        stop();
      }
    },
  });
  window.__tandem = { state: 'sharing', connection: 'connecting', stop };
  banner.show();
  connection.connect();
}

function boot() {
  if (window.__tandem) return; // loaded twice
  window.__tandem = { state: 'idle' };
  const session = currentSession();
  if (session) start(session);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', boot, { once: true });
} else {
  boot();
}
