// The replay player: a recorded session rebuilt by rrweb's Replayer inside its sandboxed iframe
// (sandbox="allow-same-origin" only: no recorded script runs; the page's CSP allows script from Tandem alone), with
// play/pause, seek, 1×/2×/4×, a timeline of marks, the drawings and pointers of the time (replay-overlay.js), the
// shared document on screen at the time (replay-document.js), and the chain-verification badge.

import { Replayer } from 'rrweb';
import { api } from '../console/api.js';
import { replayerOptions, whiteBackdrop } from '../lib/mirror.js';
import { Defuser } from '../lib/defuse.js';
import { $, el, own, say, t, when, outcomeLabel } from './dom.js';
import { replayEvents, timelineMarks, clock, openingOffset, sessionSpan, landing } from './replay-model.js';
import { ReplayOverlay } from './replay-overlay.js';
import { ReplayDocument } from './replay-document.js';
import { category } from './relationship.js';

let current = null;

export function closeReplay() {
  if (!current) return;
  clearInterval(current.ticker);
  current.resizeObserver.disconnect();
  current.overlay.dispose();
  current.document.dispose();
  try {
    current.replayer.destroy();
  } catch (e) {
    // already detached
  }
  current = null;
  $('player').replaceChildren();
}

export async function openReplay(sessionId) {
  closeReplay();
  $('player').replaceChildren();
  $('marks').replaceChildren();
  $('mark-bar').replaceChildren();
  badge('checking', 'supervisor.replay.checking');
  const [session, recording] = await Promise.all([api('/api/sessions/' + sessionId),
    api('/api/sessions/' + sessionId + '/recording')]);
  say('replay-title', 'supervisor.replay.title', { customer: session.customer.name,
    advisor: session.advisor.name || t('supervisor.replay.anAdvisor') });
  const meta = [when(session.startedAt || session.createdAt), session.purpose && own('span', {}, session.purpose),
    outcomeLabel(session.outcome)].filter(Boolean);
  $('replay-meta').replaceChildren(...meta.flatMap((part, i) => (i ? [' · ', part] : [part])));
  api('/api/sessions/' + sessionId + '/recording/verify').then(showVerification,
    () => badge('broken', 'supervisor.replay.notChecked'));

  // as long as the session's logged duration: from its start (a waiting page until the first page) to its end
  const { events, start, end, first } = replayEvents(recording.frames, sessionSpan(session));
  const defuser = new Defuser(); // nothing a recorded page carried may act in the supervisor's page (lib/defuse.js)
  for (const event of events) defuser.defuse(event);
  const total = Math.max(0, end - start);
  const marks = timelineMarks(recording.frames, start, end);
  if (session.score !== null && session.score !== undefined) { // given after the recording ends: marked at its end
    marks.push({ at: end, offset: total, kind: 'feedback', label: t('supervisor.replay.rated',
      { score: session.score, category: t(`supervisor.categoryInline.${category(session.score)}`) }) });
  }
  $('replay-empty').hidden = events.length > 0;
  $('seek').max = String(total);
  $('seek').value = '0';
  renderMarks(marks, total);
  if (!events.length) {
    $('time').textContent = '0:00 / 0:00';
    return;
  }
  const stage = el('div', { className: 'sv-stage' });
  $('player').append(stage);
  const replayer = new Replayer(events, replayerOptions(stage, { speed: 1, skipInactive: false }));
  whiteBackdrop(replayer);
  const overlay = new ReplayOverlay($('player'), replayer, recording.frames);
  const documentPanel = new ReplayDocument($('replay-document'), recording.frames);
  const resizeObserver = new ResizeObserver(() => fit(replayer));
  resizeObserver.observe($('player'));
  current = { replayer, total, start, playing: false, resizeObserver, ticker: null, overlay, document: documentPanel };
  window.__tandemReplay = { replayer, marks, total, start, first, recording, overlay };
  replayer.on('resize', () => fit(replayer));
  replayer.on('finish', () => setPlaying(false));
  // just past the first page's snapshot (a paused replay shows the events before its position), with the
  // components' style sheets that follow it
  replayer.pause(Math.min(total, first - start + Math.max(1, openingOffset(events, first))));
  fit(replayer);
  $('play').onclick = () => (current.playing ? pause() : play());
  $('seek').oninput = () => seek(Number($('seek').value));
  for (const b of document.querySelectorAll('.speeds [data-speed]')) {
    b.setAttribute('aria-pressed', b.dataset.speed === '1');
    b.onclick = () => speed(Number(b.dataset.speed));
  }
  current.ticker = setInterval(tick, 200);
  tick();
}

function play() {
  let at = current.replayer.getCurrentTime();
  if (at >= current.total) at = 0;
  current.replayer.play(at);
  setPlaying(true);
}

function pause() {
  current.replayer.pause();
  setPlaying(false);
}

function seek(offset) {
  if (!current) return;
  if (current.playing) current.replayer.play(offset);
  else current.replayer.pause(offset);
  tick();
}

function speed(value) {
  current.replayer.setConfig({ speed: value });
  for (const b of document.querySelectorAll('.speeds [data-speed]')) {
    b.setAttribute('aria-pressed', Number(b.dataset.speed) === value);
  }
}

function setPlaying(playing) {
  if (!current) return;
  current.playing = playing;
  say('play', playing ? 'supervisor.replay.pause' : 'supervisor.replay.play');
}

function tick() {
  if (!current) return;
  const at = Math.min(current.total, Math.max(0, current.replayer.getCurrentTime()));
  if (document.activeElement !== $('seek')) $('seek').value = String(at);
  // the page shows the events before its position (rrweb casts those at the position itself only when playing on):
  // the drawings and the document panel show the frames before it too (frame times are whole ms), so every part
  // of the replay is at one time
  const before = Math.ceil(current.start + at) - 1;
  current.overlay.seek(before);
  current.document.seek(before);
  $('time').textContent = `${clock(at)} / ${clock(current.total)}`;
}

function fit(replayer) {
  const wrapper = $('player').querySelector('.replayer-wrapper');
  const iframe = replayer.iframe;
  if (!wrapper || !iframe) return;
  const width = Number(iframe.width) || 1280;
  const height = Number(iframe.height) || 800;
  const box = $('player');
  const scale = Math.min(box.clientWidth / width, box.clientHeight / height, 1) || 1;
  wrapper.style.transform = `scale(${scale})`;
  if (current) current.overlay.fit(width, height, scale);
}

function renderMarks(marks, total) {
  // the bar is a pointer's shortcut over the timeline; the list below holds the same marks as buttons, full size,
  // for the keyboard and screen readers (WCAG 2.5.8's "equivalent control"), so the bar is hidden from them
  $('mark-bar').replaceChildren(...marks.map((m) => el('span', {
    className: 'mark', 'data-kind': m.kind, title: `${clock(m.offset)} ${m.label}`,
    style: `left:${total ? (100 * m.offset) / total : 0}%`, onclick: () => seekTo(landing(m.offset)),
  })));
  $('marks').replaceChildren(...marks.map((m) => el('li', {},
    el('button', { type: 'button', 'data-kind': m.kind, onclick: () => seekTo(landing(m.offset)) },
      `${clock(m.offset)} ${m.label}`))));
}

/** A mark's click: a moment before its event, so the event is seen happening (paused there, or playing on). */
function seekTo(offset) {
  $('seek').value = String(offset);
  seek(offset);
}

function showVerification(v) {
  // the problems are the server's findings (English, like problem titles): quoted inside the translated sentence
  if (v.intact && v.complete) badge('verified', 'supervisor.replay.verified', { count: v.chunks });
  else if (v.intact) badge('incomplete', 'supervisor.replay.incomplete', { problems: v.problems.join('; ') });
  else badge('broken', 'supervisor.replay.broken', { problems: v.problems.join('; ') });
}

function badge(state, key, args) {
  const b = $('chain-badge');
  b.dataset.state = state;
  say(b, key, args);
}
