// The shared document of the replay's time: a panel beside the replayed page with the document's title, version and
// the page (and zoom) on screen then, that page drawn by the same viewer the session used (lib/document), read with
// the supervisor's token, and what was drawn and pointed at on it by then: the annotation layer over the document's
// page surface, fed the recorded frames as the replay overlay feeds the live page's. Nothing is sent.

import '../lib/document/viewer.css';
import { DocumentViewer } from '../lib/document/viewer.js';
import { documentSurface } from '../lib/document/surface.js';
import { DocumentDrawings } from '../lib/document/drawings.js';
import { api } from '../console/api.js';
import { currentToken } from '../console/auth.js';
import { el, say } from './dom.js';
import { formatNumber } from '../lib/i18n.js';
import { advance, documentAt, documentStates } from './replay-model.js';

const FED = (t) => t.startsWith('ann.') || t === 'ptr.move' || t === 'sys.presence' || t === 'sys.stage';

function parse(payload) {
  try {
    return JSON.parse(payload);
  } catch (e) {
    return null;
  }
}

export class ReplayDocument {
  /**
   * @param {HTMLElement} panel  emptied and filled; hidden while no document is on screen
   * @param {Array} frames       the recording's frames
   */
  constructor(panel, frames) {
    this.panel = panel;
    this.states = documentStates(frames);
    this.title = el('strong', { 'data-doc': 'title', 'data-i18n-slot': 'title' });
    this.version = el('span', { 'data-doc': 'version', 'data-i18n-slot': 'version' });
    this.page = el('span', { 'data-doc': 'page', 'data-i18n-slot': 'page' });
    const view = el('div', { className: 'doc-view' });
    panel.replaceChildren(say(el('p', { className: 'sv-document-head' }, this.title, this.version, this.page),
      'supervisor.document.head'), view);
    this.viewer = new DocumentViewer(view);
    this.surface = documentSurface(this.viewer);
    this.frames = frames.filter((f) => FED(f.t));
    this.participants = [];
    this.fresh();
    this.next = 0;
    this.time = -Infinity;
    this.loaded = null;
    this.versions = new Map(); // versionId → metadata (or a pending promise)
    this.shownKey = '';
    this.show(null);
  }

  /** Shows what was on the shared viewer at `time` (epoch ms of the recording). */
  seek(time) {
    advance(this, time);
    this.show(documentAt(this.states, time));
    if (this.highlightsChanged) this.drawHighlights();
  }

  /** Starts the drawings afresh (seeking back, or a stage switch emptied the annotation log). */
  fresh() {
    if (this.drawings) this.drawings.dispose();
    this.drawings = new DocumentDrawings(this.surface, { me: { id: 'replay', name: 'Replay', role: 'supervisor' } });
    this.drawings.setParticipants(this.participants);
    this.highlights = new Map();
    this.highlightsChanged = true;
  }

  /** One recorded frame: only what was drawn or pointed at on a document page (the overlay has the live page's). */
  apply(f) {
    if (f.t === 'sys.stage') {
      this.fresh();
      return;
    }
    const p = parse(f.payload);
    if (!p || typeof p !== 'object') return;
    if (f.t === 'sys.presence') {
      this.participants = p.participants || [];
      this.drawings.setParticipants(this.participants);
    } else if (this.drawings.apply(f.t, p, f.from)) {
      // a pen, shape, note or pointer on a document page
    } else if (f.t === 'ann.begin' && p.anchor && p.anchor.doc && p.tool === 'highlight') {
      this.highlights.set(p.id, { id: p.id, author: f.from, color: p.color, doc: p.anchor.doc, page: p.anchor.page,
        rects: Array.isArray(p.anchor.rects) ? p.anchor.rects : [] });
      this.highlightsChanged = true;
    } else if (f.t === 'ann.undo' && this.highlights.get(p.id)?.author === f.from) {
      this.highlightsChanged = this.highlights.delete(p.id);
    } else if (f.t === 'ann.clear' || f.t === 'ann.clear-all') {
      for (const [id, h] of this.highlights) {
        if (f.t === 'ann.clear-all' || h.author === f.from) this.highlightsChanged = this.highlights.delete(id);
      }
    }
  }

  /** The text highlights of the shown version, by then. */
  drawHighlights() {
    this.highlightsChanged = false;
    this.viewer.highlights = new Map([...this.highlights].filter(([, h]) => h.doc === this.loaded));
    this.viewer.drawHighlights();
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
    // the document's own title is the firm's words; "Untitled document" is ours
    if (open.title) {
      this.title.removeAttribute('data-i18n');
      this.title.setAttribute('translate', 'no');
      this.title.textContent = open.title;
    } else {
      this.title.removeAttribute('translate');
      say(this.title, 'supervisor.document.untitled');
    }
    say(this.page, 'supervisor.document.page', { page: formatNumber(page), zoom: formatNumber(Math.round(zoom * 100)) });
    this.describe(open);
    this.draw(open, page).catch((e) => {
      this.panel.dataset.error = e.message;
    });
  }

  /** The version's label and page count from the library (the recording names the version only by id). */
  async describe(open) {
    say(this.version, 'supervisor.document.loading');
    if (!this.versions.has(open.versionId)) {
      this.versions.set(open.versionId, api('/api/documents/versions/' + open.versionId).catch(() => null));
    }
    const v = await this.versions.get(open.versionId);
    if (this.panel.dataset.version !== open.versionId) return;
    if (!v) say(this.version, 'supervisor.document.gone');
    else if (v.pages) say(this.version, 'supervisor.document.versionOfPages', { version: v.version, count: v.pages });
    else say(this.version, 'supervisor.document.version', { version: v.version });
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
      this.drawHighlights();
    }
    await this.viewer.show({ page, scroll: 0, zoom: 0.6 });
    if (this.panel.dataset.version === open.versionId) this.panel.dataset.rendered = `${open.versionId}:${page}`;
  }

  dispose() {
    this.drawings.dispose();
    this.surface.dispose();
    this.viewer.dispose();
    this.panel.replaceChildren();
    this.panel.hidden = true;
  }
}
