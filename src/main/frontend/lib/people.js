// Who is in a session, in words for people: the list of those present (advisors with their team, who leads the
// session, a supervisor who stepped in), and one line for each change a person should hear of ("Ben Baker from
// Claims joined", "Your advisor is now Ben Baker", "Sam Supervisor joined the conversation"). Pure: the console, the
// customer's workspace and tandem.js read sys.presence and sys.notice through it; covered by node tests. The words
// are in the page's language (lib/i18n.js): the customer's on the customer's side, English in the console.

import { listFormat, t } from './i18n.js';

/** The advisor's own page on the stage is a participant too ("stage:<id>"), never a person. */
export const isStagePage = (p) => typeof p?.id === 'string' && p.id.startsWith('stage:');

/** A supervisor who stepped in: a participant like an advisor, said to be a supervisor. */
export const steppedIn = (p) => p?.seat === 'supervisor';

/** Staff in the conversation (advisors, stepped-in supervisors), present or coming back, in presence order. */
export function staffPresent(participants) {
  return (participants || []).filter((p) => p && p.role === 'advisor' && !isStagePage(p) && p.state !== 'left');
}

/** The one who leads the session (presence `owner`), or null when presence does not say. */
export function ownerOf(participants) {
  return (participants || []).find((p) => p && p.owner === true && !isStagePage(p)) || null;
}

/** "Ben Baker from Claims" when the team is known, else "Ben Baker". */
export function nameWithTeam(p) {
  const name = p?.name || t('people.anAdvisor');
  return p?.team ? t('people.fromTeam', { name, team: p.team }) : name;
}

/** "Alice", "Alice and Ben", "Alice, Ben and Carol". */
export function listOfNames(names) {
  const list = names.filter(Boolean);
  if (list.length <= 1) return list.join('');
  return listFormat(list);
}

/**
 * The people to show, as a viewer sees them: [{id, name, detail, owner, supervisor, watching, state, you}], the
 * customer first for staff, then whoever leads, then the others in the order they came. `detail` is a short phrase
 * ("Claims · leads the session", "supervisor", "watching silently", "reconnecting…").
 */
export function peopleList(participants, { me = null, viewer = 'advisor' } = {}) {
  const list = [];
  for (const p of participants || []) {
    if (!p || isStagePage(p) || p.state === 'left') continue;
    if (viewer === 'customer' && p.role !== 'advisor') continue; // customers see advisors (never silent supervisors)
    const watching = p.role === 'supervisor';
    const details = [];
    if (p.role === 'customer') details.push(t('people.detail.customer'));
    if (p.team && !watching) details.push(p.team);
    if (p.owner) details.push(viewer === 'customer' ? t('people.detail.yourAdvisor') : t('people.detail.leads'));
    if (steppedIn(p)) details.push(t('people.detail.supervisor'));
    if (watching) details.push(t('people.detail.watching'));
    if (p.state === 'reconnecting') details.push(t('people.detail.reconnecting'));
    list.push({ id: p.id, name: p.name || (p.role === 'customer' ? t('people.theCustomer') : t('people.anAdvisor')),
      detail: details.join(' · '), owner: p.owner === true, supervisor: steppedIn(p) || watching, watching,
      role: p.role, state: p.state, you: p.id === me });
  }
  const rank = (e) => (e.role === 'customer' ? 0 : e.owner ? 1 : e.watching ? 3 : 2);
  return list.map((e, i) => [e, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([e]) => e);
}

/**
 * What changed between two presence lists, as lines for the viewer: joins ("Ben Baker from Claims joined") and leaves
 * ("Ben Baker left") of advisors, and for staff of the customer. The first list (before = null) says nothing: those
 * already there are in the people list. Reconnecting is not leaving; a supervisor stepping in or out is said by
 * sys.notice (noticeLine), not here; silent supervisors come and go unannounced.
 */
export function presenceLines(before, after, { me = null, viewer = 'advisor', formerLeads = new Set() } = {}) {
  if (!before) return [];
  const lines = [];
  const was = new Map(before.filter((p) => p && !isStagePage(p)).map((p) => [p.id, p]));
  const present = (p) => p && p.state !== 'left';
  for (const p of after || []) {
    if (!p || isStagePage(p) || p.id === me) continue;
    const old = was.get(p.id);
    if (p.role === 'customer') {
      if (viewer === 'customer') continue;
      if (present(p) && old && !present(old)) lines.push(t('people.customerBack'));
      continue;
    }
    if (p.role !== 'advisor') continue; // silent supervisors
    if (steppedIn(p) || (old && steppedIn(old))) continue; // their notice says it
    // a hand-over is one line for the customer ("Your advisor is now …"): not the new lead arriving, nor the old going
    const quiet = viewer === 'customer' && (p.owner === true || formerLeads.has(p.id));
    if (present(p) && !(old && present(old) && old.role === 'advisor')) {
      if (!quiet) lines.push(t('people.joined', { name: nameWithTeam(p) }));
    } else if (!present(p) && old && present(old) && old.role === 'advisor') {
      if (!quiet) lines.push(t('people.left', { name: p.name || t('people.anAdvisor') }));
    }
  }
  const still = new Set((after || []).filter(Boolean).map((p) => p.id));
  for (const old of was.values()) {
    // gone from the list altogether (a room that forgot them): as good as left
    if (!still.has(old.id) && old.id !== me && old.role === 'advisor' && !steppedIn(old) && present(old)
      && !(viewer === 'customer' && formerLeads.has(old.id))) {
      lines.push(t('people.left', { name: old.name || t('people.anAdvisor') }));
    }
  }
  return lines;
}

/**
 * A sys.notice as one line for the viewer: {kind: 'owner'|'stepped-in'|'stepped-out', id, name}. null when the viewer
 * has nothing to hear (an unknown kind).
 */
export function noticeLine(notice, { me = null, viewer = 'advisor' } = {}) {
  if (!notice || typeof notice !== 'object') return null;
  const name = notice.name || (notice.kind === 'owner' ? t('people.anotherAdvisor') : t('people.aSupervisor'));
  const you = notice.id && notice.id === me;
  switch (notice.kind) {
    case 'owner':
      if (viewer === 'customer') return t('people.notice.yourAdvisorIsNow', { name });
      return you ? t('people.notice.youLead') : t('people.notice.leads', { name });
    case 'stepped-in':
      return you ? t('people.notice.youSteppedIn') : t('people.notice.steppedIn', { name });
    case 'stepped-out':
      return you ? t('people.notice.youSteppedOut') : t('people.notice.steppedOut', { name });
    default:
      return null;
  }
}

/**
 * The lines one viewer hears, presence list after presence list and notice after notice: remembers the last list
 * (the first one says nothing) and who led before a hand-over, so the customer hears a hand-over as one line.
 */
export class Narrator {
  constructor({ me = null, viewer = 'advisor' } = {}) {
    this.me = me;
    this.viewer = viewer;
    this.before = null;
    this.formerLeads = new Set();
  }

  /** Lines for a new presence list; `quiet`: take it in without a word (the first list after a page load). */
  presence(list, { quiet = false } = {}) {
    const lead = ownerOf(list);
    const previous = ownerOf(this.before);
    if (previous && lead && previous.id !== lead.id) this.formerLeads.add(previous.id);
    const lines = quiet ? [] : presenceLines(this.before, list, { me: this.me, viewer: this.viewer,
      formerLeads: this.formerLeads });
    this.before = list || [];
    return lines;
  }

  /** The line for a sys.notice (null: none). */
  notice(notice) {
    const previous = ownerOf(this.before);
    if (notice && notice.kind === 'owner' && previous && previous.id !== notice.id) this.formerLeads.add(previous.id);
    return noticeLine(notice, { me: this.me, viewer: this.viewer });
  }
}

const ADVISOR_COLOURS = ['#1f5fbf', '#2b8a3e', '#862e9c', '#0b7285', '#c2255c', '#5c940d', '#e67700'];
const SUPERVISOR_COLOUR = '#5f3dc4';

/**
 * Each advisor's colour for drawings and pointer, the same in every browser of the session: by the order advisors
 * joined (presence keeps it, and keeps those who left), the first in the firm's blue; a supervisor who stepped in in
 * a colour of their own. The stage page draws in its advisor's colour. Returns a Map id → colour of the list's
 * advisors.
 */
export function advisorColours(participants) {
  const colours = new Map();
  let rank = 0;
  for (const p of participants || []) {
    if (!p || p.role !== 'advisor' || isStagePage(p)) continue;
    colours.set(p.id, steppedIn(p) ? SUPERVISOR_COLOUR : ADVISOR_COLOURS[rank++ % ADVISOR_COLOURS.length]);
  }
  for (const p of participants || []) {
    if (p && isStagePage(p) && colours.has(p.id.slice('stage:'.length))) {
      colours.set(p.id, colours.get(p.id.slice('stage:'.length)));
    }
  }
  return colours;
}
