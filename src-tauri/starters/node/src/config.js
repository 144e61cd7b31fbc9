// Where this integration talks to, from the environment, else the values it was created with
// ({{ENVIRONMENT}}). The PAT only ever comes from the environment.
export function configFromEnv(env = process.env) {
  const pat = env.DXTRA_PAT?.trim();
  if (!pat) throw new Error('Set DXTRA_PAT (your Personal Access Token) in the environment first.');
  return {
    signinUrl: env.DXTRA_SIGNIN_URL || '{{SIGNIN_URL}}',
    tokenUrl: env.DXTRA_TOKEN_URL || '{{TOKEN_URL}}',
    graphqlUrl: env.DXTRA_GRAPHQL_URL || '{{GRAPHQL_URL}}',
    controllerId: env.DXTRA_CONTROLLER_ID || '{{CONTROLLER_ID}}',
    pat,
  };
}
