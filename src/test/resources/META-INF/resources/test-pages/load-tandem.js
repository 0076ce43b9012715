// Loads tandem.js from Tandem's own origin (the same test server under the name localhost) into a page served from
// 127.0.0.1, on whichever port the test run chose.
const tandem = document.createElement('script');
tandem.src = 'http://localhost:' + location.port + '/tandem.js';
document.body.append(tandem);
