import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
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
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  deploymentWritePermission,
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
 * members of the groups in `lab2live.governance.reviewBoard`; reporting deployments is
 * for members of the model's owning group; everything else is allowed, as in a local
 * portal. Ownership and separation of duties are checked by the
 * Lab2Live backend on top of this, whatever the policy says.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly reviewBoard: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === deploymentWritePermission.name && user) {
      // People report for the models their groups own: the catalog's own rule decides
      // it on the model's entity (Lab2Live checks the same itself, for every policy).
      return createCatalogConditionalDecision(
        deploymentWritePermission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
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

/**
 * The review board's groups from `lab2live.governance.reviewBoard`. Without them no one
 * could approve, and a portal that quietly cannot approve looks like one that works:
 * refuse to start instead, naming the key.
 */
export function readReviewBoard(config: Config): string[] {
  const board = (
    config.getOptionalStringArray('lab2live.governance.reviewBoard') ?? []
  ).filter(ref => ref.trim() !== '');
  if (board.length === 0) {
    throw new Error(
      'lab2live.governance.reviewBoard is required: list the groups whose members approve and waive, e.g. [group:default/model-risk-board] (app-config.production.yaml reads it from LAB2LIVE_REVIEW_BOARD)',
    );
  }
  return board.map(ref => ref.toLocaleLowerCase('en-US'));
}

export const permissionModuleLab2LivePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'lab2live-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(new PortalPermissionPolicy(readReviewBoard(config)));
      },
    });
  },
});
