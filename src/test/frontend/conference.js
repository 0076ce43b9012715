// ConferenceCallTest's second-advisor page (test-pages/conference.html): the console's call panel on its own, with a
// signaling grant handed over in the URL's fragment. Bundled like the product's pages (the panel speaks through
// i18next and the message files), served by the app, so Chromium lets it reach the signaling server on localhost.
import { callPanel } from '../../main/frontend/lib/call-panel.js';

const grant = JSON.parse(decodeURIComponent(location.hash.slice(1)));
callPanel(document.getElementById('call'), {
  signaling: async () => grant,
  iceServers: async () => ({ iceServers: [] }),
}, 'The others');
