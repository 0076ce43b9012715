// Turns a recording (GET /api/sessions/{id}/recording: relay frames in order, each with the relay's time `at`) into
// rrweb events for the Replayer and into timeline marks. Pure: no DOM, so node tests cover it.

const MUTATION_TYPES = new Set(['dom.mut', 'dom.scroll', 'dom.viewport']);

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
  if (!events.length) return { events: [], start: frames.length ? frames[0].at : 0, end: 0 };
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
 * Timeline marks: navigation (page loads, stage switches), annotations, control (requests, grants, ends) and
 * presence (joins and leaves). Each is {offset (ms from start, never negative), at, kind, label}.
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

/** mm:ss of a duration in ms. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
