// Inline validation of the wizard's fields: each function returns null when the value is fine,
// or a message saying exactly what is wrong. Nothing is sent until a form validates.

import { COUNTRY_CODES } from './countries.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function validatePat(value) {
  const pat = (value ?? '').trim();
  if (!pat) return 'Paste the Personal Access Token from Dashboard > API Keys.';
  if (/\s/.test(pat)) return 'The token has spaces or line breaks inside it; paste it exactly as shown.';
  return null;
}

export function validateUuid(value, label = 'The ID') {
  const id = (value ?? '').trim();
  if (!id) return `${label} is required.`;
  if (id.startsWith('did:')) return `${label} is the controller's UUID "id", not its DID.`;
  if (!UUID.test(id)) return `${label} must be a UUID like 0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db.`;
  return null;
}

export function validateEvent(value) {
  const event = (value ?? '').trim();
  if (!event) return 'The event is required, e.g. signup.';
  if (!/^[a-z][a-z0-9_]*$/.test(event)) return 'Use a lowercase event name such as signup (letters, digits, _).';
  return null;
}

export function validateEmail(value) {
  const email = (value ?? '').trim();
  if (!email) return 'The email is required.';
  const at = email.indexOf('@');
  if (/\s/.test(email) || at < 1 || at !== email.lastIndexOf('@')) return 'Enter an email address like test@example.com.';
  const domain = email.slice(at + 1);
  if (!domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return 'The email\'s domain looks incomplete (e.g. example.com).';
  return null;
}

export function validateCountry(value) {
  const code = (value ?? '').trim();
  if (!code) return null; // optional
  if (!COUNTRY_CODES.has(code)) return 'Pick a country from the list (ISO 3166-1 alpha-2, e.g. US).';
  return null;
}

export function validateDisplayName(value) {
  if ((value ?? '').length > 200) return 'Keep the display name under 200 characters.';
  return null;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

const ACCEPTED = 'Enter a full URL starting with https:// (or http:// for this computer: 127.0.0.1, localhost or [::1]).';

/**
 * A URL the app may call: https, or http on loopback; no credentials. Any path is fine: the
 * app normalises the forms people paste (a base, /v1, a full endpoint) and shows the result.
 */
export function validateUrl(value) {
  const text = (value ?? '').trim();
  if (!text) return 'The URL is required.';
  let url;
  try {
    url = new URL(text);
  } catch {
    return ACCEPTED;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return ACCEPTED;
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return `Plain http is only for this computer. ${ACCEPTED}`;
  if (url.username || url.password) return 'Credentials do not belong in the URL.';
  return null;
}

/** Validates the create-data-subject form; `errors` maps field names to messages. */
export function validateSubjectForm(form) {
  const errors = {};
  const checks = {
    controllerId: validateUuid(form.controllerId, 'The Data Controller ID'),
    event: validateEvent(form.event),
    displayName: validateDisplayName(form.displayName),
    email: validateEmail(form.email),
    country: validateCountry(form.country),
  };
  for (const [field, message] of Object.entries(checks)) if (message) errors[field] = message;
  return { ok: Object.keys(errors).length === 0, errors };
}

/** The mutation's input from a valid form: trimmed, optional fields left out when empty. */
export function subjectInput(form) {
  const payload = { email: form.email.trim() };
  if (form.displayName?.trim()) payload.displayName = form.displayName.trim();
  if (form.country?.trim()) payload.country = form.country.trim();
  return { event: form.event.trim(), dataControllerId: form.controllerId.trim(), payload };
}
