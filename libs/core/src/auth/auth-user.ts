export interface AuthUser {
  id: string;
  email: string;
}

export interface AccessTokenClaims {
  sub: string;
  email: string;
  typ: 'access';
}
