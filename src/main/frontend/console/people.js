// "In this session" in the console's sidebar: everyone present (name, team, who leads, a supervisor who stepped in or
// watches), one line for each change (joins and leaves from presence, sys.notice for a new lead and for a supervisor
// stepping in or out), who leads (only they invite, hand over and end), the hand-over as the previous lead sees it,
// and a supervisor's "Step in" / "Step back".

import { api } from './api.js';
import { Narrator, advisorColours, ownerOf, peopleList } from '../lib/people.js';
import { problemWords } from '../lib/words.js';
import { locale, localize, t } from '../lib/staff-messages.js';

const LINES_KEPT = 6;

export class SessionPeople {
  /**
   * @param {object} o
   * @param {object} o.el  section, list, lines, stepIn, stepOut, stepStatus
   * @param {(view: {owner: boolean, lead: object|null, role: string, seat: string|null}) => void} o.onChange
   * @param {(lead: object) => void} o.onHandedOver   this console led the session and handed it to `lead`
   * @param {(lead: object) => void} o.onLeave        the new lead is connected: time to go
   */
  constructor(o) {
    this.o = o;
    this.el = o.el;
    this.el.stepIn.onclick = () => this.step('in');
    this.el.stepOut.onclick = () => this.step('out');
    this.reset(null);
    window.__tandemPeople = this;
  }

  /** A session opened (or none): forget the last one's people and lines. */
  reset(session) {
    this.session = session;
    this.me = null;
    this.role = null;
    this.participants = null;
    this.narrator = new Narrator({ viewer: 'advisor' });
    this.led = false;
    this.ownerAware = false; // presence has said who leads (a server with issue 16)
    this.noticedLead = null; // the lead a notice named, who may not be connected yet
    this.handedTo = null;
    clearTimeout(this.leaving);
    this.leaving = null;
    this.lines = [];
    this.el.lines.replaceChildren();
    this.el.list.replaceChildren();
    // a session over has nobody in it any more
    this.el.section.hidden = !session || session.status === 'ENDED' || session.status === 'EXPIRED';
    this.el.stepIn.hidden = true;
    this.el.stepOut.hidden = true;
    this.el.stepStatus.textContent = '';
  }

  welcome(welcome) {
    this.me = welcome.participantId;
    this.narrator.me = this.me;
    this.role = welcome.role;
    if (Array.isArray(welcome.participants)) this.presence(welcome.participants, { quiet: this.participants === null });
  }

  /** A sys.presence list; `quiet`: the first one, whose people are shown without a line each. */
  presence(participants, { quiet = false } = {}) {
    this.participants = participants || [];
    this.noticeAhead = false; // the relay sends presence right after a notice: from here presence says who leads
    for (const line of this.narrator.presence(this.participants, { quiet })) this.say(line);
    this.update();
  }

  /** Who leads, this console's seat, the list and the buttons, from the last presence and notices. */
  update() {
    const mine = this.participants.find((p) => p.id === this.me);
    // a notice of a new lead is ahead of the presence list until the next one comes
    const lead = this.noticeAhead ? this.participants.find((p) => p.id === this.noticedLead.id) || this.noticedLead
      : ownerOf(this.participants);
    if (lead) this.ownerAware = true;
    // without `owner` on anyone: the lead a notice named is not connected yet, or (a server before issue 16) every
    // advisor leads, as before
    const owner = lead ? lead.id === this.me
      : this.noticedLead ? this.noticedLead.id === this.me : !this.ownerAware;
    if (owner && lead) this.led = true;
    if (lead) this.handOverTo(lead);
    if (this.handedTo && !this.leaving) {
      const now = this.participants.find((p) => p.id === this.handedTo.id);
      if (now && now.state === 'connected') {
        // both are present for a moment, then the previous lead leaves
        this.leaving = setTimeout(() => this.o.onLeave(now), 2500);
      }
    }
    const role = mine ? mine.role : this.role;
    const seat = mine ? mine.seat || null : null;
    this.render();
    this.renderStep(role, seat);
    this.o.onChange({ owner, lead, role, seat });
  }

  /** This console left the session (handed over): nobody is shown as present any more; the lines stay. */
  left() {
    this.el.list.replaceChildren();
    this.el.stepIn.hidden = true;
    this.el.stepOut.hidden = true;
    this.say(t('console.people.youLeft'));
  }

  /** A participant's name as presence says it ('' when unknown). */
  nameOf(id) {
    return (this.participants || []).find((p) => p.id === id)?.name || '';
  }

  /** Someone else leads now: if this console led, it handed the session over. */
  handOverTo(lead) {
    if (this.led && lead.id !== this.me && !this.handedTo) {
      this.handedTo = lead;
      this.o.onHandedOver(lead);
    }
  }

  notice(payload) {
    if (payload && payload.kind === 'owner' && payload.id) {
      this.ownerAware = true;
      this.noticedLead = payload;
      this.noticeAhead = true;
      this.handOverTo(payload);
      if (payload.id === this.me) this.led = true;
    }
    const line = this.narrator.notice(payload);
    if (line) this.say(line);
    if (this.participants) this.update();
  }

  say(line) {
    this.lines.push({ line, at: new Date() });
    this.lines = this.lines.slice(-LINES_KEPT);
    this.el.lines.replaceChildren(...this.lines.map(({ line: text, at }) => {
      const li = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = at.toISOString();
      time.textContent = at.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
      const words = document.createElement('span');
      words.textContent = text;
      li.append(time, words);
      return li;
    }));
  }

  render() {
    const colours = advisorColours(this.participants);
    const people = peopleList(this.participants, { me: this.me, viewer: 'staff' });
    this.el.list.replaceChildren(...people.map((p) => {
      const li = document.createElement('li');
      li.dataset.id = p.id;
      li.dataset.role = p.role;
      if (p.owner) li.dataset.owner = 'true';
      if (p.supervisor) li.dataset.supervisor = p.watching ? 'watching' : 'stepped-in';
      li.dataset.state = p.state;
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.setAttribute('aria-hidden', 'true');
      const colour = p.role === 'customer' ? '#d9480f' : colours.get(p.id);
      if (colour) dot.style.background = colour;
      const name = document.createElement('span');
      name.className = 'who';
      if (p.you) localize(name, 'console.people.you', { name: p.name });
      else {
        name.translate = false;
        name.textContent = p.name;
      }
      const detail = document.createElement('span');
      detail.className = 'meta';
      detail.textContent = p.detail;
      li.append(dot, name, detail);
      return li;
    }));
  }

  /** A supervisor's Step in / Step back, as their seat is now. */
  renderStep(role, seat) {
    const supervisor = this.role === 'supervisor' || seat === 'supervisor';
    this.el.stepIn.hidden = !supervisor || role === 'advisor';
    this.el.stepOut.hidden = !supervisor || role !== 'advisor';
  }

  async step(direction) {
    if (!this.session) return;
    const button = direction === 'in' ? this.el.stepIn : this.el.stepOut;
    button.disabled = true;
    this.el.stepStatus.textContent = '';
    try {
      await api(`/api/sessions/${this.session.id}/step-${direction === 'in' ? 'in' : 'out'}`, { method: 'POST' });
      // the relay's presence says when the seat changed; the buttons follow it
    } catch (e) {
      localize(this.el.stepStatus, direction === 'in' ? 'console.people.stepInFailed' : 'console.people.stepOutFailed',
        { problem: problemWords(e) });
    } finally {
      button.disabled = false;
    }
  }
}
