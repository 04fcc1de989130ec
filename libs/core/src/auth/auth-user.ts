export interface AuthUser {
  id: string;
  email: string;
  // The session (sessions.id) the access token belongs to: what logout and revocation end.
  sid: string;
}

// Issuer and audience of every access token (verified too): a token minted for another purpose
// with the same secret is not an access token of this API.
export const ACCESS_TOKEN_ISSUER = 'roundtable';
export const ACCESS_TOKEN_AUDIENCE = 'roundtable-api';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  sid: string;
  typ: 'access';
}
