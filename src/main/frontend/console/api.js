// The REST API as the console uses it: bearer token on every call, problem+json turned into Error messages.

import { currentToken } from './auth.js';
import { t } from '../lib/staff-messages.js';

/** Thrown when the staff sign-in is over (token expired and not refreshable); the console shows "signed out". */
export class SignedOut extends Error {
  constructor() {
    super('Signed out'); // never shown: the console shows its signed-out banner
    this.status = 401;
  }
}

let onSignedOut = () => {};

/** Who to tell when a call finds the sign-in over. */
export function whenSignedOut(listener) {
  onSignedOut = listener;
}

export async function api(path, options = {}) {
  const token = await currentToken();
  if (!token) {
    onSignedOut();
    throw new SignedOut();
  }
  const response = await fetch(path, {
    ...options,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token, ...(options.headers || {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    onSignedOut();
    throw new SignedOut();
  }
  if (!response.ok) {
    // the server's sentence (English) is the message; the pages put problems in words with problemWords (lib/words.js)
    const error = new Error(body.detail || body.title || t('console.requestFailed', { status: response.status }));
    error.status = response.status;
    error.problem = body;
    throw error;
  }
  return body;
}
