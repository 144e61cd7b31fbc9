// Step 1's rules as plain text and values: the endpoints line, the PAT's status line, the words
// for a connection check, and whether Custom URLs moved to another server (whose PAT and progress
// are not these). Field validation is lib/validate.js; the form itself steps/credentials.js.

/** "Sign-in: …", "Refresh: …", "GraphQL: …", one per line: exactly what the app will call. */
export const describeEndpoints = (e) => `Sign-in: ${e.signinUrl}\nRefresh: ${e.tokenUrl}\nGraphQL: ${e.graphqlUrl}`;

/** The line under the environments: the endpoints, what to enter for Custom, or why there are none. */
export function endpointsText({ settings, endpoints, environmentError }) {
  const noCustomUrls = settings.environment === 'custom' && !settings.customAuthUrl && !settings.customGraphqlUrl;
  return endpoints
    ? describeEndpoints(endpoints)
    : noCustomUrls ? 'Enter the two URLs of your Dxtra deployment.' : (environmentError?.message ?? '');
}

/** The line under the PAT field: being checked, saved (masked), unreadable, or none saved. */
export function patStatusText(pat) {
  return pat.pending ? 'Checking the system keychain for a saved PAT (it may ask you to unlock it)…' : pat.saved
    ? `A PAT is saved in ${pat.store}: ${pat.masked}. Leave the field empty to keep it.`
    : (pat.keychainError ? `The keychain could not be read: ${pat.keychainError}` : 'No PAT saved for this environment yet.');
}

/** A connection check's state in words: reachable, not right, unreachable (else the state itself). */
export const connectionWords = (state) => ({ ok: 'reachable', wrong: 'not right', unreachable: 'unreachable' }[state] ?? state);

/** `scheme://host[:port]` of a URL, or the text itself. */
export function originOf(text) {
  try {
    return new URL(text.trim()).origin;
  } catch {
    return text.trim();
  }
}

/**
 * Whether the Custom URLs typed (`authUrl`, `graphqlUrl`, with `environment` chosen) point
 * elsewhere than the saved ones in `settings`: another server, so another PAT and progress.
 */
export function originsMoved(settings, { environment, authUrl, graphqlUrl }) {
  if (!settings.customAuthUrl && !settings.customGraphqlUrl) return false;
  return environment === 'custom'
    && (originOf(authUrl) !== originOf(settings.customAuthUrl) || originOf(graphqlUrl) !== originOf(settings.customGraphqlUrl));
}
