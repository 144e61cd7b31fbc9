// The guide's Common Errors table as data: each row lists the error kinds (from the Rust side's
// `{kind, message, hint}`) it explains, and the one-click fix where one exists; how an error's
// hint and fix change with the environment (and that a certificate or proxy error is fixed in
// Network settings); and the page's own "the page failed" error. Only
// data and pure functions: the panel and the table on screen are frame/error-panel.js.

import { NETWORK_FIXES } from './network.js';

export const COMMON_ERRORS = Object.freeze([
  {
    id: 'unauthorized', error: '401 Unauthorized', cause: 'JWT expired or invalid', solution: 'Re-authenticate with PAT',
    kinds: ['invalid-jwt', 'invalid-refresh-token'], fix: { action: 'reauthenticate', label: 'Sign in again' },
  },
  {
    id: 'forbidden', error: '403 Forbidden', cause: 'Missing or wrong role', solution: 'Add X-Hasura-Role: user header',
    kinds: ['access-denied', 'invalid-headers'], fix: null,
  },
  {
    id: 'foreign-key', error: 'Foreign key violation', cause: 'Invalid data controller ID', solution: 'Verify ID from dashboard',
    kinds: ['foreign-key-violation', 'data-exception'], fix: { action: 'pick-controller', label: 'Pick from the list' },
  },
  {
    id: 'invalid-pat', error: 'Invalid personal access token', cause: 'The PAT is wrong, revoked or mistyped', solution: 'Create a new API key and paste its PAT',
    kinds: ['invalid-pat', 'pat-not-uuid', 'invalid-request', 'request-validation', 'missing-pat'], fix: { action: 'edit-pat', label: 'Edit the PAT' },
  },
]);

/** The row explaining an error kind, or undefined. */
export function rowForKind(kind) {
  return COMMON_ERRORS.find((row) => row.kinds.includes(kind));
}

/** The PAT kinds whose usual fix (a new API key in the dashboard) cannot apply in the Sandbox. */
const PAT_KINDS = ['invalid-pat', 'pat-not-uuid', 'invalid-request', 'request-validation', 'missing-pat'];
/** No answer from the network at all, or none back (`answer-lost`: broken after sending). */
const OFFLINE_KINDS = ['dns', 'connection-refused', 'connection', 'timeout', 'answer-lost'];

/**
 * The error as this environment needs it said: in the Sandbox a wrong PAT is fixed by its demo
 * credentials (it has no dashboard); against a real service, no network suggests checking it or
 * practising in the Sandbox meanwhile. `fixes` holds the page's one-click fixes by name;
 * `signingIn`: the error came from a sign-in (a PAT fix then signs in again, and says so).
 */
export function adjustForEnvironment(error, environment, fixes = {}, { onThisComputer = false, signingIn = false } = {}) {
  // The sign-in endpoint answered 404 and the probe found the auth service elsewhere: the
  // corrected URL (the detail) is one click away.
  if (error.kind === 'auth-elsewhere' && error.detail && fixes['use-auth-url']) {
    return { ...error, fix: { label: `Use ${error.detail}`, run: () => fixes['use-auth-url'](error.detail) } };
  }
  const networkField = NETWORK_FIXES[error.kind];
  if (networkField && fixes['open-network']) {
    return { ...error, fix: { label: 'Open Network settings', run: () => fixes['open-network'](networkField) } };
  }
  if (environment === 'sandbox' && PAT_KINDS.includes(error.kind)) {
    return {
      ...error,
      hint: 'The Sandbox accepts only its demo PAT. Put its demo credentials back with one click.',
      fix: fixes['use-demo']
        ? { label: signingIn ? "Use the demo credentials and sign in" : "Use the sandbox's demo credentials", run: fixes['use-demo'] }
        : undefined,
    };
  }
  if (environment && environment !== 'sandbox' && OFFLINE_KINDS.includes(error.kind)) {
    // Advice that fits the address: a server on this computer is not behind Wi-Fi or a VPN.
    const where = onThisComputer
      ? 'The URL is on this computer: is the server running there, on this port?'
      : 'Check your network (Wi-Fi, VPN or proxy).';
    // Custom's URLs may be wrong: editing them is the fix; the Sandbox stays an option.
    if (environment === 'custom' && fixes['edit-urls']) {
      return {
        ...error,
        hint: `${error.hint ?? ''} ${where} Or practise every step offline in the Sandbox.`.trim(),
        fix: { label: 'Edit the URLs', run: fixes['edit-urls'] },
      };
    }
    if (onThisComputer) {
      return {
        ...error,
        hint: `${error.hint ?? ''} ${where} Meanwhile you can practise every step offline in the Sandbox.`.trim(),
        fix: fixes['practise-sandbox'] ? { label: 'Practise in the Sandbox', run: fixes['practise-sandbox'] } : undefined,
      };
    }
    return {
      ...error,
      hint: `${error.hint ?? ''} Check your network (Wi-Fi, VPN or proxy); meanwhile you can practise every step offline in the Sandbox.`.trim(),
      fix: fixes['practise-sandbox'] ? { label: 'Practise in the Sandbox', run: fixes['practise-sandbox'] } : undefined,
    };
  }
  return error;
}

/** Whether `url` is on this computer (localhost, 127.x, ::1). */
export function isLoopback(url) {
  return /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/i.test(url ?? '');
}

/** A bug in the page (`what` failed), said as the page says it, with what the user can do. */
export function pageError(what) {
  return { kind: 'page-error', message: `The page failed: ${what}`, hint: 'Please report this; restarting the app keeps your progress.' };
}
