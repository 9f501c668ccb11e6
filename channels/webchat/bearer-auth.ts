/**
 * Who is calling the Direct Line API: the holder of the secret (a trusted server) or the
 * holder of a token for one conversation. Missing credentials answer 401; wrong, forged or
 * expired ones 403, as Direct Line does (its clients treat 403 as "get a new token").
 */
import type { IncomingHttpHeaders } from 'node:http';
import { forbidden, unauthorized } from '../../src/http/http-errors.js';
import type { DirectLineTokens, TokenClaims } from './direct-line-tokens.js';

export type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

/** The credential in `Authorization: Bearer <credential>`, if any. */
export function bearerCredential(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** Identifies the caller. @throws HttpError 401 or 403 */
export function identifyCaller(tokens: DirectLineTokens, headers: IncomingHttpHeaders): Caller {
  const credential = bearerCredential(headers);
  if (!credential) throw unauthorized('Send "Authorization: Bearer <token>".');
  if (tokens.isSecret(credential)) return { kind: 'secret' };

  const check = tokens.verify(credential);
  if (!check.ok) throw forbidden('The token is not valid or has expired: get a new one.');
  return { kind: 'token', claims: check.claims };
}

/** Requires the Direct Line secret. @throws HttpError 401 or 403 */
export function requireSecret(tokens: DirectLineTokens, headers: IncomingHttpHeaders): void {
  const caller = identifyCaller(tokens, headers);
  if (caller.kind !== 'secret') throw forbidden('This call needs the Direct Line secret.');
}

/** Requires a valid token (not the secret). @throws HttpError 401 or 403 */
export function requireToken(tokens: DirectLineTokens, headers: IncomingHttpHeaders): TokenClaims {
  const caller = identifyCaller(tokens, headers);
  if (caller.kind !== 'token') throw forbidden('This call needs a conversation token.');
  return caller.claims;
}

/** Requires a valid token for `conversationId`. @throws HttpError 401 or 403 */
export function requireConversationToken(
  tokens: DirectLineTokens,
  headers: IncomingHttpHeaders,
  conversationId: string,
): TokenClaims {
  const claims = requireToken(tokens, headers);
  if (claims.conversationId !== conversationId) {
    throw forbidden('The token is for another conversation.');
  }
  return claims;
}
