// The customer's side of the shared document viewer: content fetched with the session credential (only versions
// the advisor shared, only while the session is live), and the customer's sign-off of a clause.

import { DocumentSession } from '../lib/document/session.js';

export function workspaceDocuments(panel, admission, connection) {
  const auth = { Authorization: 'Customer ' + admission.credential };
  return new DocumentSession(panel, {
    role: 'customer',
    // the customer's screen may be a phone's: the page is fitted to its width, and again when it turns
    fitWidth: true,
    send: (type, payload, latest) => (latest ? connection().sendLatest(type, payload)
      : connection().sendReliable(type, payload)),
    fetchContent: async (versionId) => {
      const response = await fetch(`/api/documents/versions/${versionId}/content`, { headers: auth });
      if (!response.ok) throw new Error('Document not available (' + response.status + ')');
      return response.arrayBuffer();
    },
    signOff: async (versionId, clause, name) => {
      const response = await fetch(`/api/sessions/${admission.sessionId}/documents/${versionId}/acknowledgements`, {
        method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ clause, name }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || 'Sign-off failed');
      return body;
    },
    names: (id) => (id === 'customer' ? 'You' : admission.advisorName),
    onOpenChange: (open) => {
      document.body.dataset.document = open ? 'open' : '';
    },
  });
}
