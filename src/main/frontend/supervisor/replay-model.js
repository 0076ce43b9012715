// Turns a recording (GET /api/sessions/{id}/recording: relay frames in order, each with the relay's time `at`) into
// rrweb events for the Replayer and into timeline marks. Pure: no DOM, so node tests cover it.

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

/**
 * rrweb events stamped with relay time (the sharer's own clock may differ): from the first full snapshot on, since
 * the Replayer cannot start without one. A custom event at the last frame's time keeps marks after the last DOM change
 * on the timeline. Returns {events, start, end} (epoch ms), or events empty when nothing was shared.
 */
export function replayEvents(frames) {
  const events = [];
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
    if (!opened) return { events: [], start: frames.length ? frames[0].at : 0, end: 0 };
    events.push({ type: 4, data: { href: '', width: 1280, height: 800 }, timestamp: opened.at },
      { type: 2, data: { node: BLANK, initialOffset: { left: 0, top: 0 } }, timestamp: opened.at });
  }
  const start = events[0].timestamp;
  const end = Math.max(start, frames[frames.length - 1].at);
  events.push({ type: 5, data: { tag: 'tandem.end', payload: {} }, timestamp: end });
  return { events, start, end };
}

function who(from, names) {
  if (!from || from === 'server') return 'Tandem';
  return names.get(from) || from;
}

/**
 * Timeline marks: navigation (page loads, stage switches), documents (opened, closed), annotations, control
 * (requests, grants, ends) and presence (joins and leaves). Each is {offset (ms from start, never negative), at, kind, label}.
 */
export function timelineMarks(frames, start) {
  const marks = [];
  const names = new Map();
  let present = new Map();
  const mark = (f, kind, label) => marks.push({ at: f.at, offset: Math.max(0, f.at - start), kind, label });
  for (const f of frames) {
    const p = parse(f.payload);
    switch (f.t) {
      case 'sys.presence': {
        const now = new Map();
        for (const x of (p && p.participants) || []) {
          names.set(x.id, x.name || x.role);
          now.set(x.id, x);
        }
        for (const [id, x] of now) {
          const before = present.get(id);
          if (x.state === 'connected' && (!before || before.state !== 'connected')) {
            mark(f, 'presence', `${x.name || x.role} ${before ? 'reconnected' : 'joined'}`);
          } else if (x.state !== 'connected' && before && before.state === 'connected') {
            mark(f, 'presence', `${x.name || x.role} ${x.state === 'left' ? 'left' : 'disconnected'}`);
          }
        }
        for (const [id, x] of present) {
          if (!now.has(id) && x.state === 'connected') mark(f, 'presence', `${x.name || x.role} left`);
        }
        present = now;
        break;
      }
      case 'dom.nav':
        if (f.k !== 'title' && p) mark(f, 'navigation', p.title || p.url || 'navigation');
        break;
      case 'sys.stage':
        if (p) mark(f, 'navigation', p.mode === 'advisor' ? "advisor's page on the stage" : "customer's page on the stage");
        break;
      case 'ann.begin':
        mark(f, 'annotation', `${(p && p.tool) || 'drawing'} by ${who(f.from, names)}`);
        break;
      case 'ann.clear':
      case 'ann.clear-all':
        mark(f, 'annotation', `drawings cleared by ${who(f.from, names)}`);
        break;
      case 'doc.open':
        mark(f, 'document', `document opened: ${(p && p.title) || 'untitled'}`);
        break;
      case 'doc.close':
        mark(f, 'document', 'document closed');
        break;
      case 'ctl.request':
        mark(f, 'control', `${who(f.from, names)} asked for control`);
        break;
      case 'sys.control':
        if (p && p.state === 'granted') mark(f, 'control', `control granted to ${who(p.to, names)}`);
        else if (p && p.state === 'none') mark(f, 'control', `control ended${p.reason ? ' (' + p.reason + ')' : ''}`);
        break;
      default:
        break;
    }
  }
  return marks;
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
