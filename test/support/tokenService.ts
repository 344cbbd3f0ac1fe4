import { randomUUID } from 'node:crypto';
import type { ReceivedCall } from './partnerCenterServer.js';

interface Grant {
  partner: string;
  userId: string;
}

/**
 * The Bot Framework token service, as the bot's user token client calls it
 * (`api/usertoken/GetToken`, `SignOut`, `exchange`, `api/botsignin/GetSignInResource`).
 * A test "signs the user in in the browser" with `startSignIn` (the magic code
 * the user then types or Teams sends) or `ssoToken` (Teams SSO), and can
 * revoke a token Partner Center then refuses. Tokens are opaque strings.
 */
export class TokenService {
  /** Access token → whose it is, for the test Partner Center. */
  private readonly grants = new Map<string, Grant>();
  /** `${userId}` → the token the service holds for them. */
  private readonly signedIn = new Map<string, string>();
  private readonly codes = new Map<string, Grant>();
  private readonly ssoTokens = new Map<string, Grant>();

  /** A user already signed in (as if earlier): their token. */
  signIn(userId: string, partner: string): string {
    const token = `pc-token-${randomUUID()}`;
    this.grants.set(token, { partner, userId });
    this.signedIn.set(userId, token);
    return token;
  }

  /** The user has no token with the service (never signed in, or signed out). */
  signOut(userId: string): void {
    this.signedIn.delete(userId);
  }

  /** The user completes sign-in in the browser: the magic code the service will redeem once. */
  startSignIn(userId: string, partner: string): string {
    const code = String(100000 + Math.floor(Math.random() * 899999));
    this.codes.set(code, { partner, userId });
    return code;
  }

  /** A Teams SSO token the service can exchange for a Partner Center token. */
  ssoToken(userId: string, partner: string): string {
    const token = `sso-${randomUUID()}`;
    this.ssoTokens.set(token, { partner, userId });
    return token;
  }

  /** Partner Center stops taking this token (expired, revoked); the service keeps handing it out until signed out. */
  revoke(token: string): void {
    this.grants.delete(token);
  }

  tokenOf(userId: string): string | undefined {
    return this.signedIn.get(userId);
  }

  partnerOf(authorization: string | undefined): string | undefined {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    return token ? this.grants.get(token)?.partner : undefined;
  }

  handle(call: ReceivedCall): { status: number; body?: unknown } {
    const userId = call.query.get('userId') ?? '';
    const connectionName = call.query.get('connectionName') ?? '';
    const tokenResponse = (token: string) => ({ status: 200, body: { channelId: call.query.get('channelId'), connectionName, token, expiration: new Date(Date.now() + 3_600_000).toISOString() } });
    switch (`${call.method} ${call.path}`) {
      case 'GET /api/usertoken/GetToken': {
        const code = call.query.get('code');
        const grant = code ? this.codes.get(code) : undefined;
        if (code && grant?.userId === userId) {
          this.codes.delete(code);
          return tokenResponse(this.signIn(userId, grant.partner));
        }
        const token = code ? undefined : this.signedIn.get(userId);
        return token ? tokenResponse(token) : { status: 404 };
      }
      case 'DELETE /api/usertoken/SignOut':
        this.signedIn.delete(userId);
        return { status: 200, body: {} };
      case 'POST /api/usertoken/exchange': {
        const grant = this.ssoTokens.get(String((call.body as { token?: unknown } | undefined)?.token ?? ''));
        if (!grant || grant.userId !== userId) return { status: 400, body: { error: { code: 'ExchangeFailed', message: 'The token could not be exchanged.' } } };
        return tokenResponse(this.signIn(userId, grant.partner));
      }
      case 'GET /api/botsignin/GetSignInResource':
        return { status: 200, body: { signInLink: `https://token.botframework.test/signin?state=${encodeURIComponent(call.query.get('state') ?? '')}`, tokenExchangeResource: { id: randomUUID(), uri: 'api://botid-00000000-0000-0000-0000-000000000000', providerId: 'aad' } } };
      default:
        return { status: 404 };
    }
  }
}
