// What is drawn and pointed at on a shared document's pages: the annotation layer (lib/annotate) over the document's
// page surface, and which relay frames are its. Used by the session's viewer (console and workspace), which sends,
// and by the supervisor's replay, which only feeds recorded frames.

import { AnnotationLayer } from '../annotate/layer.js';

/** Whether an annotation or pointer `page` is a document page ("doc:<versionId>:<n>") rather than a URL. */
export const onDocument = (page) => typeof page === 'string' && page.startsWith('doc:');

export class DocumentDrawings {
  /**
   * @param {object} surface  documentSurface(viewer)
   * @param {object} o        me {id, name, role, color?}, send(type, payload) (omit to never send: a replay),
   *                          trackPointer (default true)
   */
  constructor(surface, o) {
    this.surface = surface;
    this.ids = new Set(); // the document's pens, shapes and notes (text highlights are the viewer's)
    this.layer = new AnnotationLayer({
      ...surface,
      eventTarget: o.send ? surface.eventTarget : null,
      me: o.me,
      page: surface.shownPage(),
      send: o.send || (() => {}),
      trackPointer: Boolean(o.send) && o.trackPointer !== false,
      trackClicks: false, // a click ripple carries no page: it would land on the live page
    });
    this.unwatch = surface.watch(() => this.layer.setPage(surface.shownPage()));
  }

  /**
   * Applies a frame from another participant (payload parsed) if it belongs to a document page; returns true when
   * nothing else should see it. Clears are applied and left for the live page's drawings too.
   */
  apply(type, p, from) {
    if (!p || typeof p !== 'object') return false;
    if (type === 'ptr.move') {
      if (!onDocument(p.page)) return false; // pointing at the live page
    } else if (type === 'ann.begin') {
      if (!p.anchor || !p.anchor.doc || p.tool === 'highlight') return false;
      this.ids.add(p.id);
    } else if (type === 'ann.points' || type === 'ann.end' || type === 'ann.undo') {
      if (!this.ids.has(p.id)) return false;
    } else if (type === 'ann.clear' || type === 'ann.clear-all') {
      this.layer.apply(type, p, from);
      return false;
    } else {
      return false;
    }
    this.layer.apply(type, p, from);
    return true;
  }

  setParticipants(list) {
    this.layer.setParticipants(list);
  }

  /** null (just point) or a drawing tool: pen, arrow, rect, ellipse, text. */
  setTool(tool) {
    this.layer.setTool(tool);
  }

  /** Everything drawn is forgotten (the annotation log follows a reset; a stage switch empties it). */
  forget() {
    this.ids.clear();
    this.layer.model.annotations.clear();
    this.layer.invalidate();
  }

  dispose() {
    this.unwatch();
    this.layer.dispose();
  }
}
