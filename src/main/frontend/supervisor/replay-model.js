// Turns a recording (GET /api/sessions/{id}/recording: relay frames in order, each with the relay's time `at`) into
// rrweb events for the Replayer and into timeline marks, labelled in the staff member's language (format.js). Pure: no
// DOM, so node tests cover it.

import { nameWithTeam } from '../lib/people.js';
import { minutes, t } from './format.js';

const MUTATION_TYPES = new Set(['dom.mut', 'dom.scroll', 'dom.viewport']);
// an empty page as an rrweb full snapshot
const BLANK = { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [
  { type: 2, id: 3, tagName: 'head', attributes: {}, childNodes: [] },
  { type: 2, id: 4, tagName: 'body', attributes: {}, childNodes: [] }] }] };

function parse(payload) {
  try {
    return payload ? JSON.parse(payload) : null;
  } catch (e) {
    return null; // a recording holds what clients sent; a broken payload is skipped, never fatal
  }
}

// a blank page with a line for the reader (in the supervisor's language): shown from the session's start until the
// first page arrives
const waiting = () => ({ type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [
  { type: 2, id: 3, tagName: 'head', attributes: {}, childNodes: [] },
  { type: 2, id: 4, tagName: 'body', attributes: { style: 'font: 16px system-ui, sans-serif; color: #555; padding: 48px' },
    childNodes: [{ type: 2, id: 5, tagName: 'p', attributes: { 'data-tandem-waiting': '' }, childNodes: [
      { type: 3, id: 6, textContent: t('supervisor.replay.waiting') }] }] }] }] });

function blank(node, at) {
  return [{ type: 4, data: { href: '', width: 1280, height: 800 }, timestamp: at },
    { type: 2, data: { node, initialOffset: { left: 0, top: 0 } }, timestamp: at }];
}

/**
 * rrweb events stamped with relay time (the sharer's own clock may differ): from the first full snapshot on, since
 * the Replayer cannot start without one. A custom event at the end keeps marks after the last DOM change on the
 * timeline. `span` ({from, to}, epoch ms: the session's logged start and end) makes the replay exactly as long as the
 * session: a waiting page from its start to the first snapshot, and what was recorded outside the span shown at its
 * edges. Returns {events, start, end, first} (epoch ms; first: the first page's), or events empty when nothing was
 * shared.
 */
export function replayEvents(frames, span = {}) {
  let events = [];
  let started = false;
  for (const f of frames) {
    if (f.t === 'dom.snap') {
      const snap = parse(f.payload);
      if (!Array.isArray(snap)) continue;
      if (!snap.some((e) => e && e.type === 4)) {
        events.push({ type: 4, data: { href: '', width: 1280, height: 800 }, timestamp: f.at });
      }
      for (const e of snap) events.push({ ...e, timestamp: f.at });
      started = true;
    } else if (started && MUTATION_TYPES.has(f.t)) {
      const payload = parse(f.payload);
      for (const e of Array.isArray(payload) ? payload : payload ? [payload] : []) {
        events.push({ ...e, timestamp: f.at });
      }
    }
  }
  if (!events.length) {
    // nothing shared but a document read together: a blank page keeps time for the document panel and the marks
    const opened = frames.find((f) => f.t === 'doc.open');
    if (!opened) {
      const at = frames.length ? frames[0].at : 0;
      return { events: [], start: at, end: at, first: at };
    }
    events.push(...blank(BLANK, opened.at));
  }
  const first = events[0].timestamp;
  const start = Number.isFinite(span.from) ? span.from : first;
  const last = frames.length ? frames[frames.length - 1].at : first;
  const end = Math.max(start, Number.isFinite(span.to) ? span.to : Math.max(first, last));
  if (first > start) events = [...blank(waiting(), start), ...events];
  for (const e of events) e.timestamp = Math.min(end, Math.max(start, e.timestamp));
  events.push({ type: 5, data: { tag: 'tandem.end', payload: {} }, timestamp: end });
  return { events, start, end, first: Math.min(end, Math.max(start, first)) };
}

/** The session's logged span ({from, to}, epoch ms) from a session view: its start and, once over, its end. */
export function sessionSpan(session) {
  const from = session && session.startedAt ? Date.parse(session.startedAt) : NaN;
  const to = session && session.endedAt ? Date.parse(session.endedAt) : NaN;
  return Number.isFinite(from) ? { from, to: to >= from ? to : undefined } : {};
}

/** Where a click on a mark lands (ms from start): a moment before the event, so the event is seen happening. */
export const MARK_LEAD_MS = 750;
export function landing(offset) {
  return Math.max(0, offset - MARK_LEAD_MS);
}

/** A drawing tool's name ("pen"), in words. */
function tool(name) {
  return t(`supervisor.tool.${TOOLS.has(name) ? name : 'drawing'}`);
}

function who(from, names) {
  if (!from || from === 'server') return 'Tandem';
  return names.get(from) || from;
}

/** How long after a reconnection a page load still explains the disconnection: the new page loading. */
const NAVIGATION_WINDOW_MS = 10_000;
/** A call that ends and starts again this soon (the customer's page changed under the call) is one call. */
const CALL_GAP_MS = 5_000;

/**
 * Each participant's presence changes, in order: {f, id, name, change: joined|reconnected|disconnected|left|
 * started watching silently|stopped watching|joined the video call|left the video call}. Staff are named with their
 * team ("Ben Baker from Claims"); a silent supervisor watches rather than joins; the video call's comings and goings
 * are staff's (the customer's are the call's start and end, and their page loads would repeat them).
 */
function presenceChanges(frames) {
  const changes = [];
  let present = new Map();
  for (const f of frames) {
    if (f.t !== 'sys.presence') continue;
    const p = parse(f.payload);
    const now = new Map();
    for (const x of (p && p.participants) || []) now.set(x.id, x);
    for (const [id, x] of now) {
      if (id.startsWith('stage:')) continue; // an advisor's own page on the stage: its page loads say it
      const before = present.get(id);
      const name = x.role === 'customer' ? x.name || x.role : nameWithTeam(x);
      const watching = x.role === 'supervisor';
      if (x.state === 'connected' && (!before || before.state !== 'connected')) {
        changes.push({ f, id, name, change: before ? 'reconnected' : watching ? 'started watching silently' : 'joined' });
      } else if (x.state !== 'connected' && before && before.state === 'connected') {
        changes.push({ f, id, name, change: x.state !== 'left' ? 'disconnected'
          : watching ? 'stopped watching' : 'left' });
      }
      const inCall = x.call === true && x.state === 'connected';
      const wasInCall = Boolean(before && before.call === true && before.state === 'connected');
      if (x.role === 'advisor' && inCall !== wasInCall) {
        changes.push({ f, id, name: x.name || t('supervisor.mark.anAdvisor'), change: inCall ? 'joined the video call'
          : 'left the video call' });
      }
    }
    for (const [id, x] of present) {
      if (!now.has(id) && x.state === 'connected') changes.push({ f, id, name: x.name || x.role, change: 'left' });
    }
    present = now;
  }
  return changes;
}

/**
 * The presence changes that were page changes: a participant disconnected and came back, and their page loaded in
 * between or soon after (tandem.js reconnects from each new page of the site). Their page load is the mark instead.
 */
function navigationGaps(changes, frames) {
  const loads = frames.filter((f) => f.t === 'dom.nav' && f.k === 'load');
  const hidden = new Set();
  changes.forEach((c, i) => {
    if (c.change !== 'disconnected') return;
    const back = changes.slice(i + 1).find((x) => x.id === c.id && !x.change.endsWith('video call'));
    if (!back || back.change !== 'reconnected') return;
    if (loads.some((l) => l.from === c.id && l.at >= c.f.at && l.at <= back.f.at + NAVIGATION_WINDOW_MS)) {
      hidden.add(c);
      hidden.add(back);
    }
  });
  return hidden;
}

/** The call's time, from the recorded sys.call frames: [{start, end}] (epoch ms; end null while it went on). */
export function callSpans(frames) {
  const spans = [];
  for (const f of frames) {
    if (f.t !== 'sys.call') continue;
    const p = parse(f.payload);
    const open = spans.length && spans[spans.length - 1].end === null ? spans[spans.length - 1] : null;
    if (p && p.state === 'started' && !open) {
      const previous = spans[spans.length - 1];
      if (previous && f.at - previous.end <= CALL_GAP_MS) previous.end = null; // rejoined: the same call
      else spans.push({ start: f.at, end: null });
    } else if (p && p.state === 'ended' && open) {
      open.end = f.at;
    }
  }
  return spans;
}

function duration(ms) {
  return minutes(Math.round(ms / 1000));
}

/** The message of each presence change. */
const CHANGES = {
  joined: 'supervisor.mark.joined',
  reconnected: 'supervisor.mark.reconnected',
  disconnected: 'supervisor.mark.disconnected',
  left: 'supervisor.mark.left',
  'started watching silently': 'supervisor.mark.startedWatching',
  'stopped watching': 'supervisor.mark.stoppedWatching',
  'joined the video call': 'supervisor.mark.joinedCall',
  'left the video call': 'supervisor.mark.leftCall',
};
const TOOLS = new Set(['pen', 'arrow', 'rect', 'ellipse', 'text', 'highlight', 'note', 'laser', 'spotlight']);

/**
 * Timeline marks: navigation (page loads, stage switches), documents (opened, closed), annotations, control
 * (requests, grants, ends), the call (started, ended) and presence (joins and leaves; the disconnection and
 * reconnection of a page change is the page change alone). Each is {offset (ms from start, within 0 and end - start
 * when `end` is given), at, kind, label}, in time order.
 */
export function timelineMarks(frames, start, end) {
  const marks = [];
  const names = new Map();
  const last = Number.isFinite(end) ? end - start : Infinity;
  const place = (at, kind, label) => marks.push({ at, offset: Math.min(last, Math.max(0, at - start)), kind, label });
  const mark = (f, kind, label) => place(f.at, kind, label);
  const changes = presenceChanges(frames);
  const gaps = navigationGaps(changes, frames);
  const byFrame = new Map();
  for (const c of changes) {
    if (!byFrame.has(c.f)) byFrame.set(c.f, []);
    byFrame.get(c.f).push(c);
  }
  for (const f of frames) {
    const p = parse(f.payload);
    switch (f.t) {
      case 'sys.presence': {
        for (const x of (p && p.participants) || []) names.set(x.id, x.name || x.role);
        for (const c of byFrame.get(f) || []) {
          if (!gaps.has(c)) mark(f, 'presence', t(CHANGES[c.change], { name: c.name }));
        }
        break;
      }
      case 'sys.notice': {
        // someone's place changed: a hand-over, a supervisor stepping in or back
        const name = (p && p.name) || t('supervisor.mark.someone');
        if (p && p.kind === 'owner') mark(f, 'presence', t('supervisor.mark.leads', { name: nameWithTeam(p) }));
        else if (p && p.kind === 'stepped-in') mark(f, 'presence', t('supervisor.mark.steppedIn', { name }));
        else if (p && p.kind === 'stepped-out') mark(f, 'presence', t('supervisor.mark.steppedOut', { name }));
        break;
      }
      case 'dom.nav':
        if (f.k !== 'title' && p) {
          // the sharer by name; an advisor's stage page (stage:{id}) by its advisor's
          const by = names.get(f.from) || (f.from && f.from.startsWith('stage:') ? names.get(f.from.slice(6)) : null);
          const page = p.title || p.url || t('supervisor.mark.aPage');
          mark(f, 'navigation', by ? t('supervisor.mark.openedBy', { name: by, page })
            : t('supervisor.mark.opened', { page }));
        }
        break;
      case 'sys.stage':
        if (p) {
          mark(f, 'navigation', t(p.mode === 'advisor' ? 'supervisor.mark.advisorStage' : 'supervisor.mark.customerStage'));
        }
        break;
      case 'ann.begin':
        mark(f, 'annotation', t('supervisor.mark.drawing', { tool: tool(p && p.tool), name: who(f.from, names) }));
        break;
      case 'ann.clear':
      case 'ann.clear-all':
        mark(f, 'annotation', t('supervisor.mark.cleared', { name: who(f.from, names) }));
        break;
      case 'doc.open':
        mark(f, 'document', t('supervisor.mark.documentOpened', { title: (p && p.title) || t('supervisor.mark.untitled') }));
        break;
      case 'doc.close':
        mark(f, 'document', t('supervisor.mark.documentClosed'));
        break;
      case 'ctl.request':
        mark(f, 'control', t('supervisor.mark.askedControl', { name: who(f.from, names) }));
        break;
      case 'sys.control':
        if (p && p.state === 'granted') mark(f, 'control', t('supervisor.mark.controlGranted', { name: who(p.to, names) }));
        else if (p && p.state === 'none') {
          mark(f, 'control', p.reason ? t('supervisor.mark.controlEndedWhy', { reason: p.reason })
            : t('supervisor.mark.controlEnded'));
        }
        break;
      default:
        break;
    }
  }
  for (const call of callSpans(frames)) {
    place(call.start, 'call', t('supervisor.mark.callStarted'));
    if (call.end !== null) {
      place(call.end, 'call', t('supervisor.mark.callEnded', { duration: duration(call.end - call.start) }));
    } else if (Number.isFinite(end)) place(end, 'call', t('supervisor.mark.callEndedWithSession'));
  }
  return marks.sort((x, y) => x.offset - y.offset);
}

/**
 * The shared document viewer over time, from the recorded doc.* frames: each change as {at, open, page, zoom}, where
 * `open` is the doc.open payload ({versionId, title, contentType, …}) or null when the live page was back.
 */
export function documentStates(frames) {
  const states = [];
  let open = null;
  let page = 1;
  let zoom = 1;
  for (const f of frames) {
    if (!f.t.startsWith('doc.')) continue;
    const p = parse(f.payload);
    if (f.t === 'doc.open' && p && typeof p.versionId === 'string') {
      open = p;
      page = 1;
      zoom = 1;
    } else if (f.t === 'doc.close') {
      open = null;
    } else if (f.t === 'doc.view' && open && p) {
      page = Math.max(1, Math.round(Number(p.page)) || 1);
      zoom = Number(p.zoom) > 0 ? Number(p.zoom) : 1;
    } else {
      continue;
    }
    states.push({ at: f.at, open, page, zoom });
  }
  return states;
}

/** What the document viewer showed at `time` (epoch ms): {open, page, zoom}, or null when no document was open. */
export function documentAt(states, time) {
  let shown = null;
  for (const s of states) {
    if (s.at > time) break;
    shown = s;
  }
  return shown && shown.open ? shown : null;
}

/** mm:ss of a duration in ms. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Brings a replay cursor (an object with `frames` sorted by `at`, `next`, `time`, `fresh()` and `apply(frame)`) to
 * `time`: the frames up to it are applied once each, and a seek backwards starts over from a fresh state.
 */
export function advance(cursor, time) {
  if (time < cursor.time) {
    cursor.fresh();
    cursor.next = 0;
  }
  while (cursor.next < cursor.frames.length && cursor.frames[cursor.next].at <= time) {
    cursor.apply(cursor.frames[cursor.next++]);
  }
  cursor.time = time;
}

const STYLE_SOURCES = new Set([8, 13, 15]); // StyleSheetRule, StyleDeclaration, AdoptedStyleSheet
const OPENING_WINDOW_MS = 1000;

/**
 * Where a replay opens (ms from start): just past the style events that follow the first snapshot. Web components'
 * adopted style sheets reach the recording as events in the next batch, a little after the snapshot; opened at 0 the
 * Replayer applies only what came before, and every component showed unstyled until Play or a seek.
 */
export function openingOffset(events, start) {
  let at = start;
  for (const e of events) {
    if (e.timestamp > start + OPENING_WINDOW_MS) break;
    if (e.type === 2 && e.timestamp > start) break; // a later snapshot: the opening is over
    if (e.type === 3 && e.data && STYLE_SOURCES.has(e.data.source)) at = Math.max(at, e.timestamp);
  }
  return at > start ? at - start + 1 : 0;
}
