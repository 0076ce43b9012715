// Invitations between colleagues, in words for people, and the pieces of reading them live: a parser for the
// text/event-stream of /api/invitations/stream (read with fetch, since EventSource cannot send the bearer token) and
// the reconnection backoff. Pure; covered by node tests.

/** How long until `instant`, as people say it: "in 4 min", "in 40 s", or "now" once it is past. */
export function timeLeft(instant, now = Date.now()) {
  const ms = Date.parse(instant) - now;
  if (!Number.isFinite(ms) || ms <= 0) return 'now';
  if (ms < 60000) return `in ${Math.max(1, Math.round(ms / 1000))} s`;
  return `in ${Math.round(ms / 60000)} min`;
}

const customerOf = (inv) => inv.customerName || 'a customer';

/**
 * An invitation as the invitee reads it: "Alice Archer invites you to join the session with Maria Jones", to a team
 * "Alice Archer asks Claims to join …", a transfer "Alice Archer wants to hand you the session with Maria Jones".
 */
export function invitationHeadline(inv) {
  const from = inv.invitedBy?.name || 'A colleague';
  const customer = customerOf(inv);
  const team = inv.team && !inv.invitee;
  if (inv.kind === 'transfer') {
    return team ? `${from} wants to hand the session with ${customer} to ${inv.team}`
      : `${from} wants to hand you the session with ${customer}`;
  }
  return team ? `${from} asks ${inv.team} to join the session with ${customer}`
    : `${from} invites you to join the session with ${customer}`;
}

/** The button that accepts it: "Join" or "Take over". */
export const acceptLabel = (inv) => (inv.kind === 'transfer' ? 'Take over' : 'Join');

/** Who an invitation is for, as the inviter reads it: "Ben Baker", "the Claims team". */
export function inviteeWords(inv) {
  if (inv.invitee?.name) return inv.invitee.name;
  return inv.team ? `the ${inv.team} team` : 'a colleague';
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
      return `Waiting for ${who} to answer (expires ${timeLeft(inv.expiresAt, now)})`;
    case 'accepted':
      return inv.kind === 'transfer' ? `${by} took over` : `${by} joined`;
    case 'declined':
      return `${by} declined`;
    case 'withdrawn':
      return 'Withdrawn';
    case 'expired':
      return 'Expired without an answer';
    default:
      return String(inv.status || '');
  }
}

/** What was asked, as the inviter reads it in the list: "Join: Ben Baker", "Transfer: the Claims team". */
export function invitationTitle(inv) {
  return `${inv.kind === 'transfer' ? 'Hand over to' : 'Invited'} ${inviteeWords(inv)}`;
}

/** A refused accept or decline, as the invitee reads it. */
export function answerProblem(status, inv) {
  switch (status) {
    case 409: return `${invitationHeadline(inv)}: this invitation was withdrawn or already answered.`;
    case 410: return 'This invitation has expired. Ask your colleague to invite you again.';
    case 403: return 'This invitation is for someone else.';
    default: return 'The invitation could not be answered just now. Try again in a moment.';
  }
}

/** What sending an invitation can be refused with, as the inviter reads it (problem+json status). */
export function sendProblem(status, detail) {
  switch (status) {
    case 403: return 'Only the advisor who leads this session can invite colleagues or hand it over.';
    case 404: return 'That colleague or team could not be found. Search again.';
    case 410: return 'This session is over: nobody can join it any more.';
    case 422: return detail || 'That colleague cannot be invited to this session.';
    default: return detail || 'The invitation could not be sent just now. Try again in a moment.';
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
