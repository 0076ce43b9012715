// The owner's "Invite a colleague" and "Hand over": one dialog that searches colleagues and teams
// (/api/staff/colleagues), takes a short note and sends a join or transfer invitation; and this session's invitations
// with their state and a Withdraw button on those still waiting. Only the advisor who leads the session sees them.

import { api } from './api.js';
import { invitationState, invitationTitle, sendProblem } from '../lib/invitations.js';
import { formatNumber, localize, t } from '../lib/staff-messages.js';

const NOTE_MAX = 280;

export class ColleagueInvitations {
  /**
   * @param {object} el  dialog, form, title, intro, search, results, chosen, note, noteCount, error, send, cancel,
   *                     list (this session's invitations)
   */
  constructor(el) {
    this.el = el;
    this.session = null;
    this.kind = 'join';
    this.target = null;
    this.items = [];
    this.timer = null;
    el.cancel.onclick = () => el.dialog.close();
    el.form.onsubmit = (e) => {
      e.preventDefault();
      this.send();
    };
    let pending = null;
    el.search.oninput = () => {
      clearTimeout(pending);
      pending = setTimeout(() => this.search(), 200);
    };
    el.note.maxLength = NOTE_MAX;
    el.note.oninput = () => {
      el.noteCount.textContent = `${formatNumber(el.note.value.length)} / ${formatNumber(NOTE_MAX)}`;
    };
    window.__tandemColleagues = this;
  }

  /** The session now open (null: none); its invitations are read when the owner's tools show. */
  setSession(session) {
    if (this.session?.id === session?.id) return;
    this.session = session;
    this.items = [];
    this.render();
    if (this.el.dialog.open) this.el.dialog.close();
  }

  /** Whether this console leads the session: only then are invitations read and shown. */
  setOwner(owner) {
    this.owner = owner;
    this.el.list.hidden = !owner;
    if (owner) this.refresh();
    else clearTimeout(this.timer);
  }

  open(kind) {
    this.kind = kind;
    this.target = null;
    const el = this.el;
    el.form.reset();
    el.results.replaceChildren();
    el.chosen.textContent = '';
    el.error.hidden = true;
    el.noteCount.textContent = `${formatNumber(0)} / ${formatNumber(NOTE_MAX)}`;
    const name = this.session?.customer?.name;
    const customer = name || t('console.colleagues.theCustomer');
    if (kind === 'transfer') {
      localize(el.title, 'console.colleagues.transferTitle', { customer });
      localize(el.intro, name ? 'console.colleagues.transferIntro' : 'console.colleagues.transferIntroNoName',
        { customer });
      localize(el.send, 'console.colleagues.handOver');
    } else {
      localize(el.title, 'console.colleagues.invite');
      localize(el.intro, 'console.colleagues.inviteIntro', { customer,
        minutes: formatNumber(5, { style: 'unit', unit: 'minute', unitDisplay: 'long' }) });
      localize(el.send, 'console.colleagues.send');
    }
    el.send.disabled = true;
    el.dialog.showModal();
    el.search.focus();
    this.search();
  }

  async search() {
    const q = this.el.search.value.trim();
    let found;
    try {
      found = await api('/api/staff/colleagues?q=' + encodeURIComponent(q));
    } catch (e) {
      this.problem(t(e.status === 401 ? 'console.colleagues.signedOut' : 'console.colleagues.searchFailed'));
      return;
    }
    if (q !== this.el.search.value.trim()) return; // typed on meanwhile
    const match = (t) => !q || t.toLowerCase().includes(q.toLowerCase());
    const options = [
      ...(found.people || []).map((p) => ({ kind: 'person', id: p.id, label: p.name, named: true,
        detail: p.team || '', target: { inviteeId: p.id }, words: p.name })),
      ...(found.teams || []).filter(match).map((team) => ({ kind: 'team', id: 'team:' + team,
        label: t('console.colleagues.teamLabel', { team }),
        detail: t(this.kind === 'transfer' ? 'console.colleagues.teamTransfer' : 'console.colleagues.teamJoin'),
        target: { team }, words: t('staff.invitations.team', { team }) })),
    ];
    if (!options.length) {
      const li = document.createElement('li');
      li.className = 'muted empty';
      li.textContent = q ? t('console.colleagues.noMatch', { q }) : t('console.colleagues.nobody');
      // nothing to choose: a plain list saying so, not a listbox whose only item is no option
      this.el.results.removeAttribute('role');
      this.el.results.replaceChildren(li);
      return;
    }
    this.el.results.setAttribute('role', 'listbox');
    this.el.results.replaceChildren(...options.map((o) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.tabIndex = 0;
      li.dataset.kind = o.kind;
      li.dataset.id = o.id;
      const name = document.createElement('span');
      name.className = 'who';
      name.textContent = o.label;
      name.translate = !o.named; // a colleague's name as they are called
      const detail = document.createElement('span');
      detail.className = 'meta';
      detail.translate = !o.named; // a person's team is the firm's own name for it
      detail.textContent = o.detail;
      li.append(name, detail);
      const choose = () => {
        this.target = o;
        localize(this.el.chosen, this.kind === 'transfer' ? 'console.colleagues.chosenTransfer'
          : 'console.colleagues.chosenJoin', { whom: o.words });
        for (const other of this.el.results.children) other.setAttribute('aria-selected', String(other === li));
        this.el.send.disabled = false;
      };
      li.onclick = choose;
      li.onkeydown = (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      };
      return li;
    }));
  }

  async send() {
    if (!this.target || !this.session) {
      this.problem(t('console.colleagues.chooseFirst'));
      return;
    }
    this.el.send.disabled = true;
    const note = this.el.note.value.trim();
    try {
      await api(`/api/sessions/${this.session.id}/invitations`, { method: 'POST',
        body: { ...this.target.target, kind: this.kind, note: note || undefined } });
      this.el.dialog.close();
      this.refresh();
    } catch (e) {
      this.el.send.disabled = false;
      this.problem(sendProblem(e.status, e.problem?.detail));
    }
  }

  problem(text) {
    this.el.error.textContent = text;
    this.el.error.hidden = false;
  }

  /** Reads this session's invitations again; while some are waiting, again every few seconds. */
  async refresh() {
    clearTimeout(this.timer);
    const session = this.session;
    if (!session || !this.owner) return;
    try {
      const items = await api(`/api/sessions/${session.id}/invitations`);
      if (this.session !== session) return;
      this.items = Array.isArray(items) ? items : [];
    } catch (e) {
      if (e.status === 403) { // no longer ours (handed over): nothing to show
        this.items = [];
      }
    }
    this.render();
    if (this.session === session && this.owner && this.items.some((i) => i.status === 'pending')) {
      this.timer = setTimeout(() => this.refresh(), 3000);
    }
  }

  render() {
    const now = Date.now();
    const shown = this.items.slice(0, 8);
    this.el.list.replaceChildren(...shown.map((inv) => {
      const li = document.createElement('li');
      li.dataset.id = inv.id;
      li.dataset.status = inv.status;
      const title = document.createElement('strong');
      title.textContent = invitationTitle(inv);
      const state = document.createElement('span');
      state.className = 'inv-state';
      state.textContent = invitationState(inv, now);
      li.append(title, state);
      if (inv.note) {
        const note = document.createElement('q');
        note.className = 'inv-note';
        note.translate = false; // the colleague's own words
        note.textContent = inv.note;
        li.append(note);
      }
      if (inv.status === 'pending') {
        const withdraw = document.createElement('button');
        withdraw.type = 'button';
        withdraw.className = 'compact inv-withdraw';
        withdraw.textContent = t('console.colleagues.withdraw');
        withdraw.setAttribute('aria-label', t('console.colleagues.withdrawLabel', { what: invitationTitle(inv) }));
        withdraw.onclick = () => this.withdraw(inv, withdraw);
        li.append(withdraw);
      }
      return li;
    }));
  }

  async withdraw(inv, button) {
    button.disabled = true;
    try {
      await api(`/api/sessions/${this.session.id}/invitations/${encodeURIComponent(inv.id)}`, { method: 'DELETE' });
    } catch (e) {
      // 409: answered or expired meanwhile; the list says what became of it
    }
    this.refresh();
  }
}
