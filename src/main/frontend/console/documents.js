// The console's side of the shared document viewer: the library picker (library documents and those uploaded for
// this session), sharing a version with the customer before opening it, and fetching content with the staff token.

import { DocumentSession } from '../lib/document/session.js';
import { api } from './api.js';
import { currentToken } from './auth.js';
import { t } from '../lib/staff-messages.js';

export function consoleDocuments(panel, session, connection, role, me) {
  return new DocumentSession(panel, {
    role,
    send: (type, payload, latest) => (latest ? connection().sendLatest(type, payload)
      : connection().sendReliable(type, payload)),
    fetchContent: async (versionId) => {
      const response = await fetch(`/api/documents/versions/${versionId}/content`,
        { headers: { Authorization: 'Bearer ' + await currentToken() } });
      if (!response.ok) throw new Error(t('console.documents.unavailable', { status: response.status }));
      return response.arrayBuffer();
    },
    // the picker shows only while the role is advisor's: a supervisor who steps in presents documents too
    library: {
      search: async (query) => {
        const q = encodeURIComponent(query || '');
        const [library, own] = await Promise.all([api(`/api/documents?query=${q}&size=20`),
          api(`/api/documents?query=${q}&size=20&sessionId=${session.id}`)]);
        return [...own.items, ...library.items];
      },
      share: (versionId) => api(`/api/sessions/${session.id}/documents`, { method: 'POST', body: { versionId } }),
    },
    // a sign-off is shown only as the server stored it (a doc.ack frame could say anything)
    confirmAck: async (claimed) => {
      const activity = await api(`/api/sessions/${session.id}/documents/activity`);
      return (activity.acknowledgements || []).find((a) => a.id === claimed.id) || null;
    },
    names: (id) => (id === 'customer' ? session.customer.name : id === me() ? t('console.documents.you')
      : t('console.documents.theAdvisor')),
    onOpenChange: (open) => {
      document.body.dataset.document = open ? 'open' : '';
    },
  });
}
