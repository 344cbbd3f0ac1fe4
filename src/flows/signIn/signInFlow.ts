import type { FlowOptions, ViewFlow } from '../flow.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

/**
 * "sign in" / "sign out" of Partner Center. Signing in asks for the user's
 * token: without one the edge shows the sign-in card and runs this again
 * afterwards. The embedded backend needs no sign-in, and says so.
 */
export class SignInFlow implements ViewFlow<never> {
  readonly kind = 'view';
  readonly id = 'signIn';
  readonly commands = ['signIn', 'signOut'] as const;
  readonly verbs = [] as const;
  readonly menu = false;
  readonly onDetails = false;

  constructor(private readonly needsSignIn: boolean) {}

  async start(ctx: RequestContext, { command }: FlowOptions, reply: Reply): Promise<void> {
    const { t } = ctx.locale;
    if (!this.needsSignIn) return void reply.notice(t('signIn.notNeeded'), { showMenu: true });
    if (command === 'signOut') {
      await ctx.credentials.invalidate();
      return void reply.notice(t('signIn.signedOut'), { showMenu: true });
    }
    await ctx.credentials.accessToken();
    reply.notice(t('signIn.done'), { style: 'good', showMenu: true });
  }

  async act(): Promise<void> {
    // No card of this flow carries a verb.
  }
}
