// Inline validation of the wizard's fields: each function returns null when the value is fine,
// or a message saying exactly what is wrong. Nothing is sent until a form validates. Messages
// only: showing them by their fields is the steps' (dom.js `setFieldError`).

import { COUNTRY_CODES } from './countries.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// The same limits and messages as src-tauri/src/validate.rs (a Rust test keeps them equal).
export const MAX_PAT_CHARS = 512;
const MAX_EVENT_CHARS = 64;
const MAX_EMAIL_CHARS = 254;
const MAX_DISPLAY_NAME_CHARS = 200;

/**
 * Characters a person cannot see: zero-width spaces and joiners, BOM, soft hyphen, bidi controls
 * (and the Arabic letter mark), the grapheme joiner, Hangul fillers, variation selectors, tags.
 */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;
const CONTROL = /\p{Cc}/u;

/** Trims as Rust's `str::trim` does (Unicode White_Space; unlike String#trim, not the BOM). */
export const trim = (value) => (value ?? '').replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

export function validatePat(value) {
  const pat = trim(value);
  if (!pat) return 'Paste the Personal Access Token from Dashboard > API Keys.';
  const chars = [...pat];
  if (chars.length > MAX_PAT_CHARS) return `This is ${chars.length} characters long; a Personal Access Token is at most ${MAX_PAT_CHARS}. Paste only the token.`;
  if (/\p{White_Space}/u.test(pat) && chars.every((c) => /^[\x21-\x7E]$/.test(c) || /^\p{White_Space}$/u.test(c))) {
    return 'The token has spaces or line breaks inside it; paste it exactly as shown.';
  }
  // Every known PAT form (a UUID, dxtra_pat_…) is printable ASCII: anything else is a copy's stowaway.
  const at = chars.findIndex((c) => !/^[\x21-\x7E]$/.test(c));
  if (at >= 0) {
    const code = chars[at].codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `The token holds U+${code} at position ${at + 1}, which is not part of any Personal Access Token (they are plain printable ASCII: letters, digits, - and _); copy it again from the dashboard.`;
  }
  return null;
}

export function validateUuid(value, label = 'The ID') {
  const id = trim(value);
  if (!id) return `${label} is required.`;
  if (id.startsWith('did:')) return `${label} is the controller's UUID "id", not its DID.`;
  if (!UUID.test(id)) return `${label} must be a UUID like 0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db.`;
  return null;
}

export function validateEvent(value) {
  const event = trim(value);
  if (!event) return 'The event is required, e.g. signup.';
  if (!/^[a-z][a-z0-9_]*$/.test(event)) return 'Use a lowercase event name such as signup (letters, digits, _).';
  if ([...event].length > MAX_EVENT_CHARS) return `Keep the event under ${MAX_EVENT_CHARS} characters.`;
  return null;
}

export function validateEmail(value) {
  const email = trim(value);
  if (!email) return 'The email is required.';
  const at = email.indexOf('@');
  if (/\s/.test(email) || at < 1 || at !== email.lastIndexOf('@')) return 'Enter an email address like test@example.com.';
  const domain = email.slice(at + 1);
  if (!domain.includes('.') || domain.startsWith('.') || domain.endsWith('.')) return 'The email\'s domain looks incomplete (e.g. example.com).';
  if ([...email].length > MAX_EMAIL_CHARS || CONTROL.test(email) || INVISIBLE.test(email)) return 'Enter an email address like test@example.com.';
  return null;
}

export function validateCountry(value) {
  const code = trim(value);
  if (!code) return null; // optional
  if (!COUNTRY_CODES.has(code)) return 'Pick a country from the list (ISO 3166-1 alpha-2, e.g. US).';
  return null;
}

/** Counted as a person counts: characters (code points), not UTF-16 units. */
export function validateDisplayName(value) {
  if ([...(value ?? '')].length > MAX_DISPLAY_NAME_CHARS) return `Keep the display name under ${MAX_DISPLAY_NAME_CHARS} characters.`;
  if (CONTROL.test(value ?? '')) return 'The display name holds a control character; type it again.';
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
  const payload = { email: trim(form.email) };
  if (trim(form.displayName)) payload.displayName = trim(form.displayName);
  if (trim(form.country)) payload.country = trim(form.country);
  return { event: trim(form.event), dataControllerId: trim(form.controllerId), payload };
}
