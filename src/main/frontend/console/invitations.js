// The console's live invitations: colleagues asking this advisor (or their team) to join a session or take it over.
// Read from /api/invitations/stream with fetch and a stream reader (EventSource cannot send the bearer token),
// reconnecting with backoff; each event is the whole list of pending invitations, so one that is withdrawn, expires
// or is taken by a team-mate simply is no longer in it. Join accepts and opens the session; Decline declines.

import { api } from './api.js';
import { currentToken } from './auth.js';
import { EventStreamParser, acceptLabel, answerProblem, invitationHeadline, reconnectDelay, timeLeft }
  from '../lib/invitations.js';
import { t } from '../lib/staff-messages.js';

export class InvitationInbox {
  /**
   * @param {object} o
   * @param {HTMLElement} o.section  shown while there are invitations
   * @param {HTMLElement} o.list     the list
   * @param {(answer: {sessionId, kind, workspaceUrl}) => void} o.onJoined  open the session
   * @param {() => void} [o.onSignedOut]
   * @param {(attempt: number) => number} [o.delay]  ms before reconnect number `attempt` (tests shorten it)
   */
  constructor(o) {
    this.o = o;
    this.items = [];
    this.attempt = 0;
    this.stopped = false;
    this.problems = new Map(); // invitation id → a sentence about its last answer that failed
    this.ticker = setInterval(() => this.render(), 1000);
    window.__tandemInvitations = this;
  }

  start() {
    this.read();
    return this;
  }

  stop() {
    this.stopped = true;
    clearInterval(this.ticker);
    if (this.abort) this.abort.abort();
  }

  async read() {
    if (this.stopped) return;
    const token = await currentToken();
    if (!token) {
      this.state = 'signed-out';
      if (this.o.onSignedOut) this.o.onSignedOut();
      return;
    }
    this.abort = new AbortController();
    this.state = 'connecting';
    try {
      const response = await fetch('/api/invitations/stream', { headers: { Authorization: 'Bearer ' + token,
        Accept: 'text/event-stream' }, cache: 'no-store', signal: this.abort.signal });
      if (response.status === 401) {
        // the token expired under the stream: the next attempt takes a fresh one
        throw new Error('unauthorised');
      }
      if (!response.ok || !response.body) throw new Error('stream refused: ' + response.status);
      this.state = 'open';
      this.attempt = 0;
      const parser = new EventStreamParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.feed(value)) {
          if (event.event === 'invitations') this.update(JSON.parse(event.data));
        }
      }
    } catch (e) {
      if (this.stopped) return;
    }
    if (this.stopped) return;
    this.state = 'reconnecting';
    this.attempt++;
    setTimeout(() => this.read(), (this.o.delay || reconnectDelay)(this.attempt));
  }

  update(items) {
    this.items = Array.isArray(items) ? items.filter((i) => i && i.status === 'pending') : [];
    for (const id of this.problems.keys()) if (!this.items.some((i) => i.id === id)) this.problems.delete(id);
    this.render();
  }

  render() {
    const { section, list } = this.o;
    const now = Date.now();
    const live = this.items.filter((i) => Date.parse(i.expiresAt) > now);
    section.hidden = live.length === 0;
    document.body.dataset.invitations = String(live.length);
    // an invitation waiting shows in the tab's title too, for a console in a background tab
    const title = t('console.pageTitle');
    document.title = live.length ? t('console.titleWithInvitations', { count: live.length, title }) : title;
    // keep the rows that are still there (a button being pressed keeps its focus); add and drop the others
    const rows = new Map([...list.children].map((li) => [li.dataset.id, li]));
    const wanted = [];
    for (const inv of live) {
      const li = rows.get(inv.id) || this.row(inv);
      li.querySelector('.inv-expiry').textContent = t('console.inbox.expires', { when: timeLeft(inv.expiresAt, now) });
      const problem = li.querySelector('.inv-problem');
      problem.textContent = this.problems.get(inv.id) || '';
      problem.hidden = !this.problems.has(inv.id);
      wanted.push(li);
    }
    if (wanted.length !== list.children.length || wanted.some((li, i) => list.children[i] !== li)) {
      list.replaceChildren(...wanted);
    }
  }

  /** Every row drawn afresh (the staff member changed the console's language). */
  redraw() {
    this.o.list.replaceChildren();
    this.render();
  }

  row(inv) {
    const li = document.createElement('li');
    li.className = 'invitation';
    li.dataset.id = inv.id;
    li.dataset.kind = inv.kind;
    const head = document.createElement('strong');
    head.className = 'inv-headline';
    head.textContent = invitationHeadline(inv);
    li.append(head);
    if (inv.note) {
      const note = document.createElement('q');
      note.className = 'inv-note';
      note.translate = false; // the colleague's own words
      note.textContent = inv.note;
      li.append(note);
    }
    const expiry = document.createElement('span');
    expiry.className = 'inv-expiry muted';
    const problem = document.createElement('p');
    problem.className = 'inv-problem error';
    problem.setAttribute('role', 'alert');
    problem.hidden = true;
    const actions = document.createElement('div');
    actions.className = 'inv-actions';
    const join = document.createElement('button');
    join.type = 'button';
    join.className = 'primary compact inv-accept';
    join.textContent = acceptLabel(inv);
    join.setAttribute('aria-label', t('console.inbox.answerLabel', { answer: acceptLabel(inv),
      headline: invitationHeadline(inv) }));
    const decline = document.createElement('button');
    decline.type = 'button';
    decline.className = 'compact inv-decline';
    decline.textContent = t('console.inbox.decline');
    decline.setAttribute('aria-label', t('console.inbox.answerLabel', { answer: t('console.inbox.decline'),
      headline: invitationHeadline(inv) }));
    join.onclick = () => this.answer(inv, 'accept', [join, decline]);
    decline.onclick = () => this.answer(inv, 'decline', [join, decline]);
    actions.append(join, decline);
    li.append(expiry, actions, problem);
    return li;
  }

  async answer(inv, how, buttons) {
    for (const b of buttons) b.disabled = true;
    try {
      const answer = await api(`/api/invitations/${encodeURIComponent(inv.id)}/${how}`, { method: 'POST' });
      this.items = this.items.filter((i) => i.id !== inv.id);
      this.render();
      if (how === 'accept') this.o.onJoined(answer || { sessionId: inv.sessionId, kind: inv.kind });
    } catch (e) {
      for (const b of buttons) b.disabled = false;
      if (e.status === 401) return;
      this.problems.set(inv.id, answerProblem(e.status, inv));
      if (e.status === 409 || e.status === 410) {
        // no longer there to answer: say so for a moment, then let it go
        setTimeout(() => this.update(this.items.filter((i) => i.id !== inv.id)), 4000);
      }
      this.render();
    }
  }
}
