// The guide's Common Errors table, made live: each row lists the error kinds (from the Rust
// side's `{kind, message, hint}`) it explains, and the one-click fix where one exists.

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
