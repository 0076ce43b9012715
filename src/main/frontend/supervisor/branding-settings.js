// Settings → Branding: admins set the firm's name, primary colour and logo; supervisors see them read-only. The
// preview shows the colour with the text colour the pages will use (white or dark, whichever reaches WCAG AA).

import { api } from '../console/api.js';
import { currentToken } from '../console/auth.js';
import { contrast, isColour, textOn, applyToPage } from '../lib/branding.js';
import { $, when } from './dom.js';

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
  status('Saving…', 'saving');
  try {
    const saved = await request();
    fill(saved);
    applyToPage(document, { ...saved, logoUrl: saved.logoUrl });
    $('branding').dataset.saved = 'true';
  } catch (err) {
    // a refused field says why in a sentence of its own (errors[].message); otherwise the problem's detail
    const fields = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : [];
    status(fields.length ? fields.map((f) => f.message).join(' ') : err.message || String(err), 'error');
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
  if (!response.ok) throw new Error(body.detail || body.title || `The logo was not saved (${response.status}).`);
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
  status(b.updatedBy ? `Last changed by ${b.updatedBy}, ${when(b.updatedAt)}` : 'As configured (never changed here)',
    'saved');
}

function preview() {
  const colour = $('brand-colour').value;
  $('brand-preview-name').textContent = $('brand-name').value;
  if (!isColour(colour)) {
    $('brand-contrast').textContent = 'Type the colour as a hex code such as #163a63.';
    return;
  }
  const ink = textOn(colour);
  $('brand-preview').style.setProperty('--preview-bg', colour);
  $('brand-preview').style.setProperty('--preview-ink', ink);
  const ratio = contrast(colour, ink).toFixed(1);
  $('brand-contrast').textContent = `Text on this colour is ${ink === '#ffffff' ? 'white' : 'dark'} `
    + `(contrast ${ratio}:1, which meets WCAG AA).`;
}

function status(text, state) {
  $('branding-status').textContent = text;
  $('branding-status').dataset.state = state;
}
