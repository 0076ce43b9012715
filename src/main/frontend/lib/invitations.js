// Invitations between colleagues, in words for people, and the pieces of reading them live: a parser for the
// text/event-stream of /api/invitations/stream (read with fetch, since EventSource cannot send the bearer token) and
// the reconnection backoff. Pure; covered by node tests.

import { formatNumber, language, t } from './staff-messages.js';

/** How long until `instant`, as people say it: "in 4 min", "in 40 s", or "now" once it is past. */
export function timeLeft(instant, now = Date.now()) {
  const ms = Date.parse(instant) - now;
  if (!Number.isFinite(ms) || ms <= 0) return t('staff.invitations.now');
  const duration = ms < 60000
    ? formatNumber(Math.max(1, Math.round(ms / 1000)), { style: 'unit', unit: 'second', unitDisplay: 'narrow' })
    : formatNumber(Math.round(ms / 60000), { style: 'unit', unit: 'minute' });
  return t('staff.invitations.in', { duration });
}

const customerOf = (inv) => inv.customerName || t('staff.invitations.aCustomer');

/**
 * An invitation as the invitee reads it: "Alice Archer invites you to join the session with Maria Jones", to a team
 * "Alice Archer asks Claims to join …", a transfer "Alice Archer wants to hand you the session with Maria Jones".
 */
export function invitationHeadline(inv) {
  const args = { from: inv.invitedBy?.name || t('staff.invitations.aColleagueCapital'), customer: customerOf(inv),
    team: inv.team };
  const team = inv.team && !inv.invitee;
  if (inv.kind === 'transfer') {
    return t(team ? 'staff.invitations.headline.transferTeam' : 'staff.invitations.headline.transfer', args);
  }
  return t(team ? 'staff.invitations.headline.joinTeam' : 'staff.invitations.headline.join', args);
}

/** The button that accepts it: "Join" or "Take over". */
export const acceptLabel = (inv) => t(inv.kind === 'transfer' ? 'staff.invitations.takeOver' : 'staff.invitations.join');

/** Who an invitation is for, as the inviter reads it: "Ben Baker", "the Claims team". */
export function inviteeWords(inv) {
  if (inv.invitee?.name) return inv.invitee.name;
  return inv.team ? t('staff.invitations.team', { team: inv.team }) : t('staff.invitations.aColleague');
}

/**
 * An invitation's state as the one who sent it reads it, in this session's list: "Waiting for Ben Baker to answer
 * (expires in 4 min)", "Ben Baker joined", "Ben Baker took over", "Ben Baker declined", "Withdrawn", "Expired".
 */
export function invitationState(inv, now = Date.now()) {
  const who = inviteeWords(inv);
  const by = inv.answeredBy?.name || who;
  switch (inv.status) {
    case 'pending':
      return t('staff.invitations.state.pending', { who, when: timeLeft(inv.expiresAt, now) });
    case 'accepted':
      return t(inv.kind === 'transfer' ? 'staff.invitations.state.tookOver' : 'staff.invitations.state.joined', { by });
    case 'declined':
      return t('staff.invitations.state.declined', { by });
    case 'withdrawn':
      return t('staff.invitations.state.withdrawn');
    case 'expired':
      return t('staff.invitations.state.expired');
    default:
      return String(inv.status || '');
  }
}

/** What was asked, as the inviter reads it in the list: "Invited Ben Baker", "Hand over to the Claims team". */
export function invitationTitle(inv) {
  return t(inv.kind === 'transfer' ? 'staff.invitations.title.transfer' : 'staff.invitations.title.join',
    { whom: inviteeWords(inv) });
}

/** A refused accept or decline, as the invitee reads it. */
export function answerProblem(status, inv) {
  switch (status) {
    case 409: return t('staff.invitations.answer.gone', { headline: invitationHeadline(inv) });
    case 410: return t('staff.invitations.answer.expired');
    case 403: return t('staff.invitations.answer.notYours');
    default: return t('staff.invitations.answer.failed');
  }
}

/**
 * What sending an invitation can be refused with, as the inviter reads it (problem+json status). `detail`, the
 * server's own sentence, is shown in English only.
 */
export function sendProblem(status, detail) {
  const own = language() === 'en' ? detail : null;
  switch (status) {
    case 403: return t('staff.invitations.send.notLead');
    case 404: return t('staff.invitations.send.notFound');
    case 410: return t('staff.invitations.send.over');
    case 422: return own || t('staff.invitations.send.cannot');
    default: return own || t('staff.invitations.send.failed');
  }
}

/**
 * Reads a text/event-stream: feed it text as it arrives, it returns the complete events so far
 * ([{event, data, id}]; data lines joined with "\n"), keeping any partial event for the next chunk.
 */
export class EventStreamParser {
  constructor() {
    this.buffer = '';
    this.event = null;
    this.data = [];
    this.id = null;
  }

  feed(text) {
    this.buffer += text;
    const events = [];
    let at;
    while ((at = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, at);
      const eol = this.buffer.startsWith('\r\n', at) ? 2 : 1;
      if (this.buffer[at] === '\r' && eol === 1 && at === this.buffer.length - 1) break; // "\r" may be half of "\r\n"
      this.buffer = this.buffer.slice(at + eol);
      if (line === '') {
        if (this.data.length) events.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
        this.event = null;
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (keep-alive)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id') this.id = value;
    }
    if (this.buffer.length > 1 << 20) this.buffer = ''; // a line without end, a megabyte long: not a stream we read
    return events;
  }
}

/** Milliseconds to wait before reconnect number `attempt` (1, 2, …): 1 s doubling to 30 s, ±25 % jitter. */
export function reconnectDelay(attempt, random = Math.random) {
  const base = Math.min(30000, 1000 * 2 ** Math.max(0, Math.min(attempt - 1, 5)));
  return Math.round(base * (0.75 + random() * 0.5));
}
