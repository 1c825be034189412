import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The cookie that picks which example person the guest sign-in becomes. */
export const SIGN_IN_AS_COOKIE = 'lab2live-sign-in-as';
const GUEST = 'user:development/guest';

/** The example person named by the cookie, if it names one plainly. */
export function personFromCookie(header?: string): string | undefined {
  const match = (header ?? '')
    .split(';')
    .map(part => part.trim())
    .find(part => part.startsWith(`${SIGN_IN_AS_COOKIE}=`));
  const name = match?.slice(SIGN_IN_AS_COOKIE.length + 1);
  return name && /^[a-z0-9][a-z0-9-]{0,62}$/.test(name) ? name : undefined;
}

/**
 * The portal's guest sign-in. It is Backstage's guest provider, development only, with
 * one addition for trying both sides of a review: a `lab2live-sign-in-as=<name>` cookie
 * signs in as that example person of the catalog (`user:default/<name>`), e.g. `dana`
 * of the model risk board. Without the cookie it is the guest of the churn team.
 */
export const authModuleExamplePeopleGuest = createBackendModule({
  pluginId: 'auth',
  moduleId: 'lab2live-guest-provider',
  register(env) {
    env.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const allowed =
          process.env.NODE_ENV === 'development' ||
          config.getOptionalBoolean(
            'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
          ) === true;
        providers.registerProvider({
          providerId: 'guest',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                if (!allowed) {
                  throw new NotAllowedError(
                    'The guest sign-in is for local development only (auth.providers.guest.dangerouslyAllowOutsideDevelopment)',
                  );
                }
                return {
                  result: { person: personFromCookie(req.headers.cookie) },
                };
              },
            }),
            async signInResolver({ result }, ctx) {
              if (result.person) {
                return ctx.signInWithCatalogUser({
                  entityRef: {
                    kind: 'user',
                    namespace: 'default',
                    name: result.person,
                  },
                });
              }
              try {
                return await ctx.signInWithCatalogUser({ entityRef: GUEST });
              } catch {
                return ctx.issueToken({ claims: { sub: GUEST, ent: [GUEST] } });
              }
            },
          }),
        });
      },
    });
  },
});
