// Settings → Branding: admins set the firm's name, primary colour and logo; supervisors see them read-only. The
// preview shows the colour with the text colour the pages will use (white or dark, whichever reaches WCAG AA).

import { api } from '../console/api.js';
import { currentToken } from '../console/auth.js';
import { contrast, isColour, textOn, applyToPage } from '../lib/branding.js';
import { $, plain, say, t, when } from './dom.js';
import { problemText } from './format.js';
import { formatNumber } from '../lib/i18n.js';

export async function showBranding(canEdit) {
  fill(await api('/api/admin/branding'));
  for (const input of document.querySelectorAll('#branding input, #branding button')) input.disabled = !canEdit;
  $('brand-colour-picker').oninput = () => {
    $('brand-colour').value = $('brand-colour-picker').value;
    preview();
  };
  $('brand-colour').oninput = () => {
    if (isColour($('brand-colour').value)) $('brand-colour-picker').value = $('brand-colour').value.toLowerCase();
    preview();
  };
  $('brand-name').oninput = preview;
  $('branding-form').onsubmit = async (e) => {
    e.preventDefault();
    await save(() => api('/api/admin/branding', { method: 'PUT',
      body: { name: $('brand-name').value, colour: $('brand-colour').value } }));
  };
  $('brand-logo').onchange = async () => {
    const file = $('brand-logo').files[0];
    if (file) await save(() => upload(file));
    $('brand-logo').value = '';
  };
  $('logo-remove').onclick = () => save(() => api('/api/admin/branding/logo', { method: 'DELETE' }));
}

async function save(request) {
  status('saving', 'supervisor.branding.saving');
  try {
    const saved = await request();
    fill(saved);
    applyToPage(document, { ...saved, logoUrl: saved.logoUrl });
    $('branding').dataset.saved = 'true';
  } catch (err) {
    // a refused field says why in a sentence of its own (errors[].message); otherwise the problem's detail (in
    // English; other languages map the problem's type to words: format.js)
    plain('branding-status', problemText(err, 'supervisor.problem.notSaved', { fields: true }));
    $('branding-status').dataset.state = 'error';
  }
}

/** The logo as the request body: the server decides its type from its bytes. */
async function upload(file) {
  const token = await currentToken();
  const response = await fetch('/api/admin/branding/logo', {
    method: 'PUT',
    headers: { 'Content-Type': file.type || 'application/octet-stream', Authorization: 'Bearer ' + token },
    body: file,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || body.title || t('supervisor.problem.logoNotSaved', { status: response.status }));
    error.problem = body;
    error.status = response.status;
    throw error;
  }
  return body;
}

function fill(b) {
  $('brand-name').value = b.name;
  $('brand-colour').value = b.colour;
  $('brand-colour-picker').value = b.colour;
  $('logo-remove').hidden = !b.logoUrl;
  $('brand-preview-logo').hidden = !b.logoUrl;
  if (b.logoUrl) $('brand-preview-logo').src = b.logoUrl;
  preview();
  if (b.updatedBy) status('saved', 'supervisor.settings.lastChanged', { name: b.updatedBy, when: when(b.updatedAt) });
  else status('saved', 'supervisor.settings.asConfigured');
}

function preview() {
  const colour = $('brand-colour').value;
  $('brand-preview-name').textContent = $('brand-name').value;
  if (!isColour(colour)) {
    say('brand-contrast', 'supervisor.branding.typeHex');
    return;
  }
  const ink = textOn(colour);
  $('brand-preview').style.setProperty('--preview-bg', colour);
  $('brand-preview').style.setProperty('--preview-ink', ink);
  const ratio = formatNumber(contrast(colour, ink), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  say('brand-contrast', ink === '#ffffff' ? 'supervisor.branding.onWhite' : 'supervisor.branding.onDark', { ratio });
}

function status(state, key, args) {
  say('branding-status', key, args);
  $('branding-status').dataset.state = state;
}
