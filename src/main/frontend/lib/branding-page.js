// Entry of /assets/branding.js: brands the page it is loaded into (join and consent, the customer's workspace, the
// advisor's console and the supervisor page) as soon as the branding is read.

import { applyToPage, loadBranding } from './branding.js';

loadBranding('').then((b) => applyToPage(document, b));
