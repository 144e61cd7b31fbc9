// A Dxtra client that handles tokens right, and the First Integration Guide's two operations.
//
// Tokens: the PAT is exchanged for a JWT; the JWT is renewed shortly before it expires (with the
// refresh token, which rotates; with the PAT when that is refused); a call refused for its token
// (`invalid-jwt` at HTTP 200, or a 401 from a proxy) signs in again once and is sent again. The
// client never signs out: in Dxtra's auth service that would revoke the PAT itself.

/** A failure, named as in the guide's Common Errors where it is one of them. */
export class DxtraError extends Error {
  /**
   * @param {'invalid-pat'|'unauthorized'|'forbidden'|'foreign-key-violation'|'validation-failed'|'graphql'|'http'|'network'} kind
   * @param {string} message the server's own words
   * @param {number} [status] the HTTP status
   */
  constructor(kind, message, status) {
    super(message);
    this.name = 'DxtraError';
    this.kind = kind;
    this.status = status;
  }
}

const SOLUTIONS = {
  'invalid-pat': 'Create a new API key in the dashboard and set DXTRA_PAT.',
  unauthorized: 'Re-authenticate with the PAT (401: the JWT expired or is invalid).',
  forbidden: 'Add the X-Hasura-Role: user header (403: missing or wrong role).',
  'foreign-key-violation': 'Verify the data controller ID from the dashboard.',
};

/** The guide's fix for an error kind, if it names one. */
export const solutionFor = (kind) => SOLUTIONS[kind];

async function post(url, body, headers = {}) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new DxtraError('network', `${url} did not answer: ${error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  let answer;
  try {
    answer = JSON.parse(text) ?? {};
  } catch {
    answer = { message: text.slice(0, 300) };
  }
  return { status: response.status, answer };
}

export class DxtraClient {
  /** @param {{signinUrl: string, tokenUrl: string, graphqlUrl: string, pat: string}} config */
  constructor(config) {
    this.config = config;
    this.session = null; // {accessToken, refreshToken, expiresAt}
  }

  /** Exchanges the PAT for a JWT. */
  async signIn() {
    const { status, answer } = await post(this.config.signinUrl, { personalAccessToken: this.config.pat });
    if (status !== 200 || !answer.session?.accessToken) {
      const kind = status === 401 || status === 400 ? 'invalid-pat' : 'http';
      throw new DxtraError(kind, `Sign-in failed (HTTP ${status}): ${answer.message ?? answer.error ?? 'no session in the answer'}`, status);
    }
    this.keep(answer.session);
  }

  keep(session) {
    const lifetime = Math.min(86_400, Math.max(1, Number(session.accessTokenExpiresIn) || 900));
    // Renew a little before expiry: 10% of the lifetime, at most a minute.
    const margin = Math.min(60, lifetime / 10);
    this.session = { accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: Date.now() + (lifetime - margin) * 1000 };
  }

  /** A JWT that is not about to expire. */
  async token() {
    if (!this.session) await this.signIn();
    else if (Date.now() >= this.session.expiresAt) {
      const { status, answer } = this.session.refreshToken
        ? await post(this.config.tokenUrl, { refreshToken: this.session.refreshToken })
        : { status: 0, answer: {} };
      if (status === 200 && answer.accessToken) this.keep(answer); // the refresh token rotates
      else await this.signIn();
    }
    return this.session.accessToken;
  }

  /** Runs one GraphQL operation and returns its `data`. */
  async request(query, variables = {}) {
    for (let attempt = 0; ; attempt += 1) {
      const jwt = await this.token();
      const { status, answer } = await post(this.config.graphqlUrl, { query, variables }, {
        Authorization: `Bearer ${jwt}`,
        'X-Hasura-Role': 'user',
      });
      const errors = Array.isArray(answer.errors) ? answer.errors : [];
      const code = errors[0]?.extensions?.code;
      if ((status === 401 || code === 'invalid-jwt') && attempt === 0) {
        // The server refused the token before running anything: safe to send again, mutations too.
        this.session = null;
        continue;
      }
      if (status === 401 || code === 'invalid-jwt') throw new DxtraError('unauthorized', errors[0]?.message ?? answer.message ?? 'Unauthorized', status);
      if (status === 403 || code === 'access-denied') throw new DxtraError('forbidden', errors[0]?.message ?? answer.message ?? 'Forbidden', status);
      if (errors.length) {
        const message = errors[0]?.message ?? 'GraphQL error';
        const kind = code === 'constraint-violation' && /foreign key/i.test(message) ? 'foreign-key-violation'
          : code === 'validation-failed' ? 'validation-failed' : 'graphql';
        throw new DxtraError(kind, message, status);
      }
      if (status !== 200 || !answer.data) throw new DxtraError('http', `HTTP ${status}: ${answer.message ?? 'no data in the answer'}`, status);
      return answer.data;
    }
  }

  /**
   * The data controllers this account may use.
   * @returns {Promise<Array<{id: string, title: string, did: string, createdAt: string}>>}
   */
  async dataControllers() {
    const data = await this.request('query { dataControllers { id title did createdAt } }');
    return data.dataControllers ?? [];
  }

  /**
   * Records a data subject (an event about a person) for a controller.
   * @param {{event: string, dataControllerId: string, payload: {displayName?: string, email: string, country?: string}}} input
   * @returns {Promise<{dataSubjectId: string, message: string}>}
   */
  async createDataSubject(input) {
    const data = await this.request(
      'mutation CreateDataSubject($input: CreateDataSubjectInput!) { createDataSubject(input: $input) { dataSubjectId message } }',
      { input },
    );
    return data.createDataSubject;
  }
}
