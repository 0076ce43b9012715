// The shared document of the replay's time: a panel beside the replayed page with the document's title, version and
// the page (and zoom) on screen then, and that page drawn by the same viewer the session used (lib/document), read
// with the supervisor's token. Follows the replay as the drawings overlay does; nothing is sent.

import '../lib/document/viewer.css';
import { DocumentViewer } from '../lib/document/viewer.js';
import { api } from '../console/api.js';
import { currentToken } from '../console/auth.js';
import { el } from './dom.js';
import { documentAt, documentStates } from './replay-model.js';

export class ReplayDocument {
  /**
   * @param {HTMLElement} panel  emptied and filled; hidden while no document is on screen
   * @param {Array} frames       the recording's frames
   */
  constructor(panel, frames) {
    this.panel = panel;
    this.states = documentStates(frames);
    this.title = el('strong', { 'data-doc': 'title' });
    this.version = el('span', { 'data-doc': 'version' });
    this.page = el('span', { 'data-doc': 'page' });
    const view = el('div', { className: 'doc-view' });
    panel.replaceChildren(el('p', { className: 'sv-document-head' }, 'Document on screen: ', this.title, ' · ',
      this.version, ' · ', this.page), view);
    this.viewer = new DocumentViewer(view);
    this.loaded = null;
    this.versions = new Map(); // versionId → metadata (or a pending promise)
    this.shownKey = '';
    this.show(null);
  }

  /** Shows what was on the shared viewer at `time` (epoch ms of the recording). */
  seek(time) {
    this.show(documentAt(this.states, time));
  }

  show(state) {
    const key = state ? `${state.open.versionId}|${state.page}|${state.zoom}` : '';
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.panel.hidden = !state;
    if (!state) {
      delete this.panel.dataset.version;
      return;
    }
    const { open, page, zoom } = state;
    this.panel.dataset.version = open.versionId;
    this.panel.dataset.page = String(page);
    this.title.textContent = open.title || 'Untitled document';
    this.page.textContent = `page ${page}, ${Math.round(zoom * 100)} %`;
    this.describe(open);
    this.draw(open, page).catch((e) => {
      this.panel.dataset.error = e.message;
    });
  }

  /** The version's label and page count from the library (the recording names the version only by id). */
  async describe(open) {
    this.version.textContent = 'version …';
    if (!this.versions.has(open.versionId)) {
      this.versions.set(open.versionId, api('/api/documents/versions/' + open.versionId).catch(() => null));
    }
    const v = await this.versions.get(open.versionId);
    if (this.panel.dataset.version !== open.versionId) return;
    this.version.textContent = v ? `version ${v.version}${v.pages ? ` of ${v.pages} pages` : ''}`
      : 'version no longer in the library';
  }

  /** The page itself, a little smaller than the session saw it; the same version is fetched once. */
  async draw(open, page) {
    if (this.loaded !== open.versionId) {
      this.loaded = open.versionId;
      delete this.panel.dataset.rendered;
      const response = await fetch(`/api/documents/versions/${open.versionId}/content`,
        { headers: { Authorization: 'Bearer ' + await currentToken() } });
      if (!response.ok) throw new Error('document not available (' + response.status + ')');
      const bytes = await response.arrayBuffer();
      if (this.loaded !== open.versionId) return;
      await this.viewer.load(open, bytes);
    }
    await this.viewer.show({ page, scroll: 0, zoom: 0.6 });
    if (this.panel.dataset.version === open.versionId) this.panel.dataset.rendered = `${open.versionId}:${page}`;
  }

  dispose() {
    this.viewer.dispose();
    this.panel.replaceChildren();
    this.panel.hidden = true;
  }
}
