import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  reviewApprovePermission,
  waiverCreatePermission,
} from '@lab2live/plugin-ml-catalog-common';

/** Permissions only the review board holds. */
const BOARD_PERMISSIONS = [
  reviewApprovePermission.name,
  waiverCreatePermission.name,
];

/**
 * The portal's policy: approving, requesting changes, rejecting and waiving are for
 * members of the groups in `lab2live.governance.reviewBoard`; everything else is
 * allowed, as in a local portal. Ownership and separation of duties are checked by the
 * Lab2Live backend on top of this, whatever the policy says.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly reviewBoard: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!BOARD_PERMISSIONS.includes(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = (user?.info.ownershipEntityRefs ?? []).map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    return {
      result: this.reviewBoard.some(group => ownership.includes(group))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }
}

export const permissionModuleLab2LivePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'lab2live-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const board = (
          config.getOptionalStringArray('lab2live.governance.reviewBoard') ?? []
        ).map(ref => ref.toLocaleLowerCase('en-US'));
        policy.setPolicy(new PortalPermissionPolicy(board));
      },
    });
  },
});
