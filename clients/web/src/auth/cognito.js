// Cognito's JSON API from the browser (InitiateAuth), the "password" sign-in of /config.json.
// Locally the endpoint is moto, which answers CORS itself; on AWS it is
// https://cognito-idp.{region}.amazonaws.com/, which does too.

/**
 * @typedef {object} Tokens
 * @property {string} accessToken what the WebSocket URL carries (never the id token)
 * @property {string} [refreshToken]
 * @property {number} expiresAt epoch ms
 */

/**
 * @param {{cognitoEndpoint: string, region: string}} config
 * @param {string} operation e.g. InitiateAuth
 * @param {object} body
 */
async function call(config, operation, body, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(config.cognitoEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch((error) => {
    // A refusal's status still says what went wrong; an answer that is not JSON is an error of its own.
    if (!response.ok) return { message: `${response.status} ${response.statusText} (not JSON: ${error.message})` };
    throw new Error(`Cognito answered ${operation} with something other than JSON: ${error.message}`);
  });
  if (!response.ok) {
    const type = String(json.__type ?? response.status).split('#').pop();
    const error = new Error(type === 'NotAuthorizedException' ? 'Wrong username or password.' : (json.message ?? type));
    error.name = type;
    throw error;
  }
  return json;
}

/** @returns {Tokens} */
function tokens(result, previousRefreshToken) {
  if (!result.AuthenticationResult) {
    throw new Error(`This account needs the ${result.ChallengeName ?? 'unknown'} step, which this client does not offer yet.`);
  }
  const auth = result.AuthenticationResult;
  return {
    accessToken: auth.AccessToken,
    refreshToken: auth.RefreshToken ?? previousRefreshToken,
    expiresAt: Date.now() + (auth.ExpiresIn ?? 3600) * 1000,
  };
}

/**
 * USER_PASSWORD_AUTH: username and password in, tokens out.
 * @param {{cognitoEndpoint: string, region: string, userPoolClientId: string}} config
 * @returns {Promise<Tokens>}
 */
export async function signInWithPassword(config, username, password, fetchImpl) {
  const result = await call(config, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }, fetchImpl);
  return tokens(result);
}

/** REFRESH_TOKEN_AUTH: a fresh access token from the refresh token. */
export async function refresh(config, refreshToken, fetchImpl) {
  const result = await call(config, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config.userPoolClientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  }, fetchImpl);
  return tokens(result, refreshToken);
}

/** The access token's claims (not verified: the server does that at $connect). */
export function claims(accessToken) {
  const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
}
