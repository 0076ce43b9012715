// The supervisor page: the session log (filters, sortable columns, paging, CSV export), with replay, the customer's
// relationship timeline, the dashboard, the follow-up list, the audit log and the settings one click away. Signed
// in like the console (the server's console tenant covers /supervisor/*). The page speaks the staff member's language
// (lib/staff-language.js: the browser's, or the one chosen in the header), its own words in i18n/supervisor/*.json.

import 'rrweb/dist/style.css';
import { api, whenSignedOut } from '../console/api.js';
import { accessToken, currentToken, profile, signIn, signOut } from '../console/auth.js';
import { $, el, link, own, say, t, when, minutes, outcomeLabel, statusLabel } from './dom.js';
import { onLanguage } from '../lib/i18n.js';
import { problemText } from './format.js';
import { speakStaffLanguage, staffLanguageSwitch } from '../lib/staff-language.js';
import en from '../i18n/supervisor/en.json' with { type: 'json' };
import de from '../i18n/supervisor/de.json' with { type: 'json' };
import fr from '../i18n/supervisor/fr.json' with { type: 'json' };
import es from '../i18n/supervisor/es.json' with { type: 'json' };
import nl from '../i18n/supervisor/nl.json' with { type: 'json' };
import { category } from './relationship.js';
import { openReplay, closeReplay } from './replay.js';
import { openCustomer } from './customer.js';
import { showDashboard } from './dashboard.js';
import { showFollowUps } from './follow-ups.js';
import { showAudit } from './audit.js';
import { showSettings } from './settings.js';
import { showNavFor } from '../console/nav.js';
import { showSites } from './sites.js';
import { showWebhooks } from './webhooks.js';

const PAGE_SIZE = 25;
const state = { page: 0, sort: '-created', filters: {}, chips: {}, total: 0, view: 'log', replay: null, customer: null };

speakStaffLanguage(document, { en, de, fr, es, nl });
staffLanguageSwitch($('staff-language'));

async function main() {
  await accessToken(); // the server signed this page in (console tenant); the token comes from /console/token
  const me = profile();
  $('me').textContent = me ? me.name : '';
  showNavFor(me ? me.roles : []);
  $('sign-out').onclick = signOut;
  whenSignedOut(() => problem('supervisor.problem.signedOut', true));
  if (!me || !me.roles.includes('supervisor')) {
    problem('supervisor.problem.notSupervisor');
    return;
  }
  // what the page drew itself (tables, charts, sentences) is drawn again in the chosen language
  onLanguage(() => refresh());
  for (const b of document.querySelectorAll('.tabs [data-view]')) b.onclick = () => show(b.dataset.view);
  for (const b of document.querySelectorAll('#session-table [data-sort]')) b.onclick = () => sortBy(b.dataset.sort);
  $('filters').onsubmit = (e) => {
    e.preventDefault();
    state.page = 0;
    load();
  };
  $('prev').onclick = () => { state.page--; load(); };
  $('next').onclick = () => { state.page++; load(); };
  $('export').onclick = exportCsv;
  $('replay-close').onclick = () => { closeReplay(); show('log'); };
  $('customer-close').onclick = () => show('log');
  await load();
  const params = new URLSearchParams(location.search);
  if (params.get('replay')) replay(params.get('replay'));
  else if (params.get('customer')) customer(params.get('customer')); // the console's link to a customer's touchpoints
}

/** Shows one view; the tabs mark the list views. */
export function show(view) {
  state.view = view;
  for (const s of document.querySelectorAll('.sv-view')) s.hidden = s.id !== 'view-' + view;
  for (const b of document.querySelectorAll('.tabs [data-view]')) b.setAttribute('aria-pressed', b.dataset.view === view);
  if (view !== 'replay') closeReplay();
  if (view === 'dashboard') showDashboard(actions).catch(fail);
  if (view === 'follow-ups') showFollowUps(actions).catch(fail);
  if (view === 'audit') showAudit(actions).catch(fail);
  if (view === 'settings') showSettings(profile().roles.includes('admin')).catch(fail);
  if (view === 'settings') showSites(profile().roles.includes('admin')).catch(fail);
  if (view === 'settings') showWebhooks(profile().roles.includes('admin')).catch(fail);
}

/** The current view again, in the language just chosen (a replay or a customer's timeline is opened afresh). */
function refresh() {
  if (state.view === 'log') load();
  else if (state.view === 'replay' && state.replay) replay(state.replay);
  else if (state.view === 'customer' && state.customer) customer(state.customer);
  else show(state.view);
}

/** The problem line: a message's key (kept for a change of language), or a sentence already in words. */
function problem(key, signInAgain, args) {
  const box = $('problem');
  const line = el('strong');
  if (key.startsWith('supervisor.')) say(line, key, args);
  else line.textContent = key;
  box.replaceChildren(line);
  if (signInAgain) {
    box.append(say(el('button', { type: 'button', className: 'primary', onclick: () => signIn() }),
      'supervisor.problem.signInAgain'));
  }
  box.hidden = false;
}

function fail(e) {
  if (e && e.status !== 401) problem(problemText(e));
}

/** The query of the current filters, sort and page (durations typed in minutes, sent in seconds). */
function query(withPage = true) {
  const form = new FormData($('filters'));
  const q = new URLSearchParams();
  for (const name of ['from', 'to', 'status', 'outcome', 'minScore', 'maxScore', 'recorded', 'notes']) {
    const v = String(form.get(name) || '').trim();
    if (v) q.set(name, v);
  }
  if (q.get('to')) { // a date "to" means through that day
    const day = new Date(q.get('to') + 'T00:00:00Z');
    day.setUTCDate(day.getUTCDate() + 1);
    q.set('to', day.toISOString().slice(0, 10));
  }
  for (const [name, param] of [['minMinutes', 'minDuration'], ['maxMinutes', 'maxDuration']]) {
    const v = String(form.get(name) || '').trim();
    if (v) q.set(param, String(Math.round(Number(v) * 60)));
  }
  for (const [k, v] of Object.entries(state.chips)) q.set(k, v.id);
  q.set('sort', state.sort);
  if (withPage) {
    q.set('page', state.page);
    q.set('size', PAGE_SIZE);
  }
  return q;
}

async function load() {
  $('problem').hidden = true;
  let page;
  try {
    page = await api('/api/sessions?' + query());
  } catch (e) {
    fail(e);
    return;
  }
  state.total = page.total;
  $('session-table').querySelector('tbody').replaceChildren(...page.items.map(row));
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  say('page-info', 'supervisor.log.pageInfo', { page: state.page + 1, pages, count: page.total });
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page + 1 >= pages;
  const [dir, column] = state.sort.startsWith('-') ? ['desc', state.sort.slice(1)] : ['asc', state.sort];
  for (const b of document.querySelectorAll('#session-table [data-sort]')) {
    if (b.dataset.sort === column) b.dataset.dir = dir;
    else delete b.dataset.dir;
  }
  renderChips();
}

function row(s) {
  const score = s.score === null || s.score === undefined ? ''
    : el('span', { className: 'pill cat-' + category(s.score) }, s.score);
  return el('tr', { 'data-id': s.id },
    el('td', {}, when(s.createdAt)),
    el('td', {}, link(s.customer.name, () => customer(s.customer.id), { 'data-customer': s.customer.id, translate: 'no' }),
      ' ', link('⛃', () => chip('customer', s.customer),
        { title: t('supervisor.log.onlyCustomer'), 'aria-label': t('supervisor.log.onlyCustomer') })),
    el('td', {}, link(s.advisor.name || '', () => chip('advisor', s.advisor),
      { translate: 'no', title: t('supervisor.log.onlyAdvisor') })),
    el('td', { 'data-status': s.status }, statusLabel(s.status)),
    el('td', {}, outcomeLabel(s.outcome)),
    el('td', {}, minutes(s.durationSeconds)),
    el('td', {}, score),
    own('td', { className: 'notes', title: s.notes || '' }, s.notes || ''),
    el('td', {}, s.recorded ? el('button', { type: 'button', className: 'replay', onclick: () => replay(s.id) },
      t('supervisor.log.replay')) : el('span', { className: 'muted' }, t('supervisor.log.noRecording')),
    ...watchLive(s)));
}

/** A session under way is watched live in the console (silently, with "Step in" to join the conversation). */
function watchLive(s) {
  if (s.status !== 'ACTIVE' && s.status !== 'WAITING') return [];
  return [' ', el('a', { className: 'watch-live', href: '/console/?session=' + encodeURIComponent(s.id),
    title: t('supervisor.log.watchLiveTitle') }, t('supervisor.log.watchLive'))];
}

function chip(kind, party) {
  state.chips[kind] = party;
  state.page = 0;
  load();
}

function renderChips() {
  $('chips').replaceChildren(...Object.entries(state.chips).map(([kind, party]) => el('span', { className: 'chip' },
    t(kind === 'customer' ? 'supervisor.filters.customerChip' : 'supervisor.filters.advisorChip', { name: party.name }),
    ' ', link('×', () => { delete state.chips[kind]; state.page = 0; load(); },
      { 'aria-label': t('supervisor.filters.removeFilter') }))));
}

function sortBy(column) {
  state.sort = state.sort === '-' + column ? column : state.sort === column ? '-' + column : column;
  state.page = 0;
  load();
}

async function exportCsv() {
  const token = await currentToken();
  const response = await fetch('/api/sessions/export.csv?' + query(false), { headers: { Authorization: 'Bearer ' + token } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    problem(problemText({ problem: body }, 'supervisor.problem.exportFailed'));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: 'tandem-sessions.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The CSV's headers and values stay English and stable (the server writes the file): it is read by machines and
// spreadsheets that match its columns by name, whatever language the supervisor's page speaks.

function replay(id) {
  state.replay = id;
  show('replay');
  openReplay(id).catch(fail);
}

function customer(id) {
  state.customer = id;
  show('customer');
  openCustomer(id, actions).catch(fail);
}

/** What the other views may do. */
const actions = { replay, customer };

main().catch(fail);
