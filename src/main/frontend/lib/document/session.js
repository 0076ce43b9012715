// The shared document viewer in a session, for the advisor's console and the customer's workspace alike: follows
// the relay's doc.* frames (open, view, presenter, follow, close, ack), leads when this side presents, and keeps
// what is drawn on the document (ann.* frames whose anchor names a document page: text highlights, and pens, shapes
// and notes of the annotation layer over the page) and pointers on it apart from the live page's.

import './viewer.css';
import { DocumentViewer } from './viewer.js';
import { documentSurface } from './surface.js';
import { DocumentDrawings } from './drawings.js';
import { documentPicker } from './picker.js';
import { randomId } from '../connection.js';
import { DELIVERY } from '../annotate/model.js';
import { formatNumber, localize, localizeAttr, unlocalize } from '../i18n.js';

const HIGHLIGHT = 'rgba(255, 214, 0, 0.45)';
const VIEW_EVERY_MS = 80;
const DRAW_TOOLS = [['', 'tools.point'], ['pen', 'tools.pen'], ['arrow', 'tools.arrow'], ['rect', 'tools.box'],
  ['ellipse', 'tools.ellipse'], ['text', 'tools.note']];

export class DocumentSession {
  /**
   * @param {HTMLElement} panel
   * @param {object} o  role ('advisor'|'customer'|'supervisor'), fetchContent(versionId) → ArrayBuffer,
   *                    send(type, payload, latest?), onOpenChange(open), library? {search(query), share(versionId)},
   *                    signOff?(versionId, clause, name) → acknowledgement, names(id) → display name,
   *                    fitWidth? (zoom 1 is the page fitted to the viewer's width: the customer's, maybe on a phone)
   */
  constructor(panel, o) {
    this.o = o;
    this.panel = panel;
    this.me = null;
    this.doc = null;
    this.presenter = null;
    this.following = true;
    this.lead = null;
    this.highlightsById = new Map();
    this.participants = [];
    this.drawings = null; // pens, shapes, notes and pointers on the pages, once the relay has said who we are
    this.tool = false;
    this.drawTool = null;
    this.build();
  }

  build() {
    // words are message keys (lib/i18n.js); so are the aria-label, placeholder and title attributes
    const h = (tag, attrs = {}, key = '') => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) {
        if (['aria-label', 'placeholder', 'title'].includes(k)) localizeAttr(el, k, v);
        else el.setAttribute(k, v);
      }
      if (key) localize(el, key);
      return el;
    };
    const bar = h('div', { class: 'doc-toolbar', role: 'toolbar', 'aria-label': 'document.toolbar' });
    this.el = {
      prev: h('button', { type: 'button', 'data-doc': 'prev' }, 'document.prev'),
      page: h('span', { class: 'doc-page-label', 'data-doc': 'page' }),
      next: h('button', { type: 'button', 'data-doc': 'next' }, 'document.next'),
      zoomOut: h('button', { type: 'button', 'data-doc': 'zoom-out', 'aria-label': 'document.zoomOut' }),
      zoom: h('span', { class: 'doc-zoom-label', 'data-doc': 'zoom' }),
      zoomIn: h('button', { type: 'button', 'data-doc': 'zoom-in', 'aria-label': 'document.zoomIn' }),
      follow: h('button', { type: 'button', 'data-doc': 'follow' }, 'document.follow'),
      handOver: h('button', { type: 'button', 'data-doc': 'hand-over' }, 'document.handOver'),
      takeBack: h('button', { type: 'button', 'data-doc': 'take-back' }, 'document.takeBack'),
      highlight: h('button', { type: 'button', 'data-doc': 'highlight', 'aria-pressed': 'false' }, 'document.highlight'),
      tools: h('span', { class: 'doc-tools', role: 'group', 'aria-label': 'document.tools' }),
      signOff: h('button', { type: 'button', 'data-doc': 'sign-off' }, 'document.signOff'),
      close: h('button', { type: 'button', 'data-doc': 'close' }, 'document.close'),
      status: h('span', { class: 'doc-status', role: 'status', 'data-doc': 'status' }),
      acks: h('ul', { class: 'doc-acks', 'data-doc': 'acks' }),
      form: h('form', { class: 'doc-sign-form', hidden: '' }),
      view: h('div', { class: 'doc-view' }),
    };
    const e = this.el;
    e.zoomOut.textContent = '−';
    e.zoomIn.textContent = '+';
    const clause = h('input', { 'data-doc': 'clause', 'aria-label': 'document.clause',
      placeholder: 'document.clausePlaceholder', required: '', maxlength: '200' });
    const name = h('input', { 'data-doc': 'name', 'aria-label': 'document.yourName', placeholder: 'document.fullName',
      required: '', maxlength: '200' });
    e.form.append(h('span', {}, 'document.haveRead'), clause, name,
      h('button', { type: 'submit', class: 'primary', 'data-doc': 'sign' }, 'document.sign'));
    for (const [tool, label] of DRAW_TOOLS) {
      const b = h('button', { type: 'button', 'data-doc': 'tool', 'data-tool': tool, 'aria-pressed': String(!tool) },
        label);
      b.onclick = () => this.setDrawTool(tool || null);
      e.tools.append(b);
    }
    const undo = h('button', { type: 'button', 'data-doc': 'undo' }, 'tools.undo');
    const clear = h('button', { type: 'button', 'data-doc': 'clear' }, 'tools.clear');
    undo.onclick = () => this.drawings && this.drawings.layer.undo();
    clear.onclick = () => this.drawings && this.drawings.layer.clearOwn();
    e.tools.append(undo, clear);
    bar.append(e.prev, e.page, e.next, e.zoomOut, e.zoom, e.zoomIn, e.follow, e.handOver, e.takeBack, e.highlight,
      e.tools, e.signOff, e.close, e.status);
    const parts = [bar, e.form, e.acks, e.view];
    if (this.o.library) {
      // the advisor's picker (the console): its own words are the staff member's (picker.js, i18n/staff)
      const plain = (tag, attrs = {}, text = '') => {
        const el = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        if (text) el.textContent = text;
        return el;
      };
      this.picker = documentPicker(plain, this.o.library, (d) => this.share(d));
      parts.unshift(this.picker.box);
    }
    this.panel.replaceChildren(...parts);
    this.panel.classList.add('doc-panel');
    this.viewer = new DocumentViewer(e.view, { onScroll: (view) => this.local(view, false),
      fitWidth: Boolean(this.o.fitWidth) });
    this.surface = documentSurface(this.viewer);
    e.prev.onclick = () => this.local({ ...this.viewer.view(), page: this.viewer.view().page - 1, scroll: 0 });
    e.next.onclick = () => this.local({ ...this.viewer.view(), page: this.viewer.view().page + 1, scroll: 0 });
    e.zoomIn.onclick = () => this.local({ ...this.viewer.view(), zoom: this.viewer.view().zoom + 0.25 });
    e.zoomOut.onclick = () => this.local({ ...this.viewer.view(), zoom: this.viewer.view().zoom - 0.25 });
    e.follow.onclick = () => {
      this.o.send('doc.view', JSON.stringify(this.viewer.view()), true);
      this.o.send('doc.follow', '{}');
    };
    e.handOver.onclick = () => this.handTo('customer');
    e.takeBack.onclick = () => this.handTo(this.me);
    e.close.onclick = () => {
      this.o.send('doc.close', '{}');
      this.closed();
    };
    e.highlight.onclick = () => {
      const on = !this.tool;
      if (on) this.setDrawTool(null);
      this.tool = on;
      e.highlight.setAttribute('aria-pressed', String(this.tool));
    };
    e.view.addEventListener('mouseup', () => {
      if (this.tool) this.highlightSelection();
    });
    e.signOff.onclick = () => {
      e.form.hidden = !e.form.hidden;
    };
    e.form.onsubmit = async (event) => {
      event.preventDefault();
      const ack = await this.o.signOff(this.doc.versionId, clause.value, name.value);
      this.o.send('doc.ack', JSON.stringify(ack));
      this.acknowledged(ack);
      e.form.hidden = true;
    };
    this.render();
  }

  /** The advisor opens a library version: shared first (so the customer may fetch it), then announced. */
  async share(d) {
    await this.o.library.share(d.id);
    const open = { documentId: d.documentId, versionId: d.id, contentType: d.contentType, title: d.title };
    this.o.send('doc.open', JSON.stringify(open));
    await this.opened(open, this.me, null);
  }

  welcome(welcome) {
    this.me = welcome.participantId;
    this.o.role = welcome.role || this.o.role;
    this.ensureDrawings();
    if (this.picker) this.picker.box.hidden = this.o.role !== 'advisor';
    if (welcome.document) this.opened(welcome.document, welcome.document.presenter, welcome.document.view);
    else if (this.doc) this.closed();
    if (this.picker && this.o.role === 'advisor') this.picker.search().catch(() => {});
  }

  /**
   * The participant's role in the room changed on the same connection (a supervisor stepped in: advisor; or back out:
   * supervisor): the picker and the tools follow it.
   */
  setRole(role) {
    if (!role || role === this.o.role) return;
    this.o.role = role;
    if (this.picker) this.picker.box.hidden = role !== 'advisor';
    if (this.picker && role === 'advisor') this.picker.search().catch(() => {});
    this.render();
  }

  /** Handles a relay frame; true when it was the document's. */
  frame(type, frame) {
    const from = frame.header.from;
    if (type === 'doc.open') {
      this.opened(JSON.parse(frame.payload), from, null);
    } else if (type === 'doc.close') {
      this.closed();
    } else if (type === 'doc.view') {
      this.lead = JSON.parse(frame.payload);
      if (this.following && this.doc) this.viewer.show(this.lead).then(() => this.render());
    } else if (type === 'doc.presenter') {
      this.presenter = JSON.parse(frame.payload).to;
      this.following = true;
      this.render();
    } else if (type === 'doc.follow') {
      this.following = true;
      if (this.doc) this.viewer.show(this.lead || { page: 1, scroll: 0, zoom: 1 }).then(() => this.render());
      this.render();
    } else if (type === 'doc.ack') {
      this.announced(JSON.parse(frame.payload));
    } else if (type.startsWith('ann.') || type === 'ptr.move') {
      const p = JSON.parse(frame.payload);
      if (this.drawings && this.drawings.apply(type, p, from)) return true;
      return type.startsWith('ann.') && this.annotation(type, p, from);
    } else if (type === 'sys.presence') {
      this.participants = JSON.parse(frame.payload).participants || [];
      if (this.drawings) this.drawings.setParticipants(this.participants);
      return false;
    } else if (type === 'sys.reset' || type === 'sys.stage') {
      if (this.drawings) this.drawings.forget(); // the annotation log follows a reset; a stage switch empties it
      return false;
    } else {
      return false;
    }
    return true;
  }

  /** Drawing on the pages, once the relay has said who we are. */
  ensureDrawings() {
    if (this.drawings && this.drawings.layer.me.id === this.me) return;
    if (this.drawings) this.drawings.dispose();
    this.drawings = new DocumentDrawings(this.surface, {
      me: { id: this.me, name: 'You', role: this.o.role },
      send: (type, payload) => this.o.send(type, JSON.stringify(payload), DELIVERY[type] !== 'reliable'),
      trackPointer: this.o.role !== 'supervisor',
    });
    this.drawings.setParticipants(this.participants);
    this.drawings.setTool(this.drawTool);
    window.__tandemDocumentAnnotations = this.drawings.layer;
  }

  /** null (just point) or a drawing tool of the annotation layer; the text highlighter goes off. */
  setDrawTool(tool) {
    this.drawTool = tool;
    this.tool = false;
    this.el.highlight.setAttribute('aria-pressed', 'false');
    for (const b of this.el.tools.querySelectorAll('[data-doc=tool]')) {
      b.setAttribute('aria-pressed', String((b.dataset.tool || null) === tool));
    }
    if (this.drawings) this.drawings.setTool(tool);
  }

  async opened(open, presenter, view) {
    const same = this.doc && this.doc.versionId === open.versionId;
    this.doc = open;
    this.presenter = presenter;
    this.following = true;
    this.lead = view;
    this.o.onOpenChange(true);
    this.render();
    if (!same) {
      const bytes = await this.o.fetchContent(open.versionId);
      if (this.doc !== open) return;
      await this.viewer.load(open, bytes);
      for (const h of this.highlightsById.values()) if (h.doc === open.versionId) this.viewer.addHighlight(h);
    }
    await this.viewer.show(view || { page: 1, scroll: 0, zoom: 1 });
    this.panel.dataset.loaded = open.versionId;
    this.render();
  }

  closed() {
    this.doc = null;
    this.presenter = null;
    this.viewer.dispose();
    delete this.panel.dataset.loaded;
    this.o.onOpenChange(false);
    this.render();
  }

  /** A change made on this side: the presenter's goes to everyone; anyone else stops following until "follow me". */
  async local(view, redraw = true) {
    if (!this.doc) return;
    if (redraw) await this.viewer.show(view);
    if (this.presenter === this.me) {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.o.send('doc.view', JSON.stringify(this.viewer.view()), true),
        redraw ? 0 : VIEW_EVERY_MS);
    } else {
      this.following = false;
    }
    this.render();
  }

  handTo(to) {
    this.o.send('doc.presenter', JSON.stringify({ to }));
    this.presenter = to;
    if (to === this.me) this.o.send('doc.view', JSON.stringify(this.viewer.view()), true);
    this.render();
  }

  highlightSelection() {
    const sel = this.viewer.selection();
    if (!sel || !this.doc) return;
    const id = randomId();
    const anchor = { doc: this.doc.versionId, page: sel.page, rects: sel.rects };
    this.o.send('ann.begin', JSON.stringify({ id, tool: 'highlight', color: HIGHLIGHT, width: 0, anchor,
      page: 'doc:' + this.doc.versionId, text: sel.text }));
    this.o.send('ann.end', JSON.stringify({ id }));
    this.keep({ id, author: this.me, color: HIGHLIGHT, doc: anchor.doc, page: anchor.page, rects: anchor.rects });
    window.getSelection().removeAllRanges();
  }

  /** Text highlights on the document's pages (the viewer draws them); true when the frame was one's. */
  annotation(type, a, from) {
    if (type === 'ann.begin' && a.anchor && a.anchor.doc) {
      this.keep({ id: a.id, author: from, color: a.color, doc: a.anchor.doc, page: a.anchor.page,
        rects: a.anchor.rects || [] });
      return true;
    }
    if ((type === 'ann.end' || type === 'ann.points') && this.highlightsById.has(a.id)) return true;
    if (type === 'ann.undo' && this.highlightsById.has(a.id)) {
      this.highlightsById.delete(a.id);
      this.viewer.removeHighlight(a.id);
      return true;
    }
    if (type === 'ann.clear' || type === 'ann.clear-all') {
      const author = type === 'ann.clear' ? from : null;
      for (const [id, h] of this.highlightsById) if (author === null || h.author === author) this.highlightsById.delete(id);
      this.viewer.removeBy(author);
    }
    return false; // the live page's drawings are cleared too
  }

  keep(h) {
    this.highlightsById.set(h.id, h);
    if (this.doc && h.doc === this.doc.versionId) this.viewer.addHighlight(h);
  }

  /**
   * Another participant says a sign-off was made. The frame is only a hint: where the server can be asked
   * (`confirmAck`, the staff side), only the sign-off it stored is shown, with its own words and hash; a forged
   * frame shows nothing. Hints are handled in the order they came.
   */
  announced(claimed) {
    const confirm = this.o.confirmAck;
    if (!confirm) {
      this.acknowledged(claimed);
      return;
    }
    this.confirming = (this.confirming || Promise.resolve()).then(() => confirm(claimed)).then((stored) => {
      if (stored) this.acknowledged(stored);
    }, () => {});
  }

  acknowledged(ack) {
    if ([...this.el.acks.children].some((li) => li.dataset.ack === String(ack.id))) return;
    const li = document.createElement('li');
    li.dataset.ack = ack.id;
    localize(li, 'document.signed', { name: ack.name, clause: ack.clause, hash: String(ack.sha256).slice(0, 12) });
    this.el.acks.append(li);
  }

  render() {
    const e = this.el;
    const open = Boolean(this.doc);
    const presenting = open && this.presenter === this.me;
    const staff = this.o.role === 'advisor';
    this.panel.dataset.state = open ? 'open' : 'closed';
    this.panel.dataset.presenter = this.presenter || '';
    this.panel.dataset.following = String(this.following);
    // until this side shows the version, a page or zoom change would be measured against the wrong page count
    const ready = open && this.panel.dataset.loaded === this.doc.versionId;
    for (const b of [e.prev, e.next, e.zoomIn, e.zoomOut]) {
      b.hidden = !open || this.o.role === 'supervisor';
      b.disabled = !ready;
    }
    // highlights and drawings need a PDF page to anchor to (an HTML document reflows)
    const pdf = open && this.doc.contentType === 'application/pdf';
    e.highlight.hidden = !pdf || this.o.role === 'supervisor';
    e.tools.hidden = !pdf || this.o.role === 'supervisor';
    e.follow.hidden = !presenting;
    e.handOver.hidden = !(open && staff && presenting);
    e.takeBack.hidden = !(open && staff && !presenting);
    e.close.hidden = !(open && staff);
    e.signOff.hidden = !(open && this.o.role === 'customer');
    const v = this.viewer.view();
    if (open) localize(e.page, 'document.page', { page: formatNumber(v.page), pages: formatNumber(this.viewer.pages) });
    else unlocalize(e.page);
    if (open) localize(e.zoom, 'document.zoom', { percent: formatNumber(Math.round(v.zoom * 100)) });
    else unlocalize(e.zoom);
    this.panel.dataset.page = String(v.page);
    this.panel.dataset.zoom = String(v.zoom);
    if (!open) localize(e.status, 'document.none');
    else if (presenting) localize(e.status, 'document.presenting');
    else {
      localize(e.status, this.following ? 'document.isPresenting' : 'document.isPresentingLooking',
        { name: this.o.names(this.presenter) });
    }
  }
}
