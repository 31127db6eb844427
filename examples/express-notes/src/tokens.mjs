import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

/** A token this API does not accept: the answer is 401, whatever was wrong with it. */
export class InvalidToken extends Error {}

// jose's errors that say the key set could not be had, not that the token is bad: the answer is 503.
const KEY_SET_TROUBLE = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/**
 * Verifies Palisade's access tokens as API.md ("Access token") asks every verifier to: the signature against
 * auth-service's JWKS, the one algorithm of the deployment (so `alg: none` and HS256 signed with the public key
 * are refused), the issuer, the audience, `typ: at+jwt`, expiry and not-before with 60 s of skew at most.
 * jose takes keys only from the JWKS it was given, so `jku`, `x5u` and `jwk` headers steer nothing; an unknown
 * `kid` refetches the set at most once every 30 s, so forged kids cannot turn each request into a JWKS call.
 *
 * Only user tokens pass: a token without the `user` or `admin` group (a service token, say) is not a caller of
 * this API, whatever its audience.
 */
export function accessTokens({ jwksUrl, issuer, audience, algorithm }) {
  const keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2000, cooldownDuration: 30_000 });
  return async function verify(token) {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: [algorithm],
        typ: 'at+jwt',
        clockTolerance: 60,
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'sid'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !KEY_SET_TROUBLE.has(error.code)) {
        throw new InvalidToken(error.code);
      }
      throw error;
    }
    const groups = Array.isArray(payload.groups) ? payload.groups : [];
    if (!groups.includes('user') && !groups.includes('admin')) {
      throw new InvalidToken('not a user token');
    }
    return { id: payload.sub, admin: groups.includes('admin') };
  };
}
