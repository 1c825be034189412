import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read reviews and the audit log.
 * @public
 */
export const reviewReadPermission = createPermission({
  name: 'lab2live.review.read',
  attributes: { action: 'read' },
});

/**
 * Open, submit or withdraw a review (the caller must also own the model).
 * @public
 */
export const reviewCreatePermission = createPermission({
  name: 'lab2live.review.create',
  attributes: { action: 'create' },
});

/**
 * Approve, reject or request changes on a review.
 * @public
 */
export const reviewApprovePermission = createPermission({
  name: 'lab2live.review.approve',
  attributes: { action: 'update' },
});

/**
 * Waive a checklist item.
 * @public
 */
export const waiverCreatePermission = createPermission({
  name: 'lab2live.waiver.create',
  attributes: { action: 'create' },
});

/**
 * Report deployment status and SLA observations for a model: a resource permission on
 * the model's catalog entity, so a policy can answer it conditionally with the
 * catalog's own rules (for example `catalogConditions.isEntityOwner`). Lab2Live also
 * checks that a person reporting is in the owning group, and that a service caller is
 * named in `lab2live.reporters`, whatever the policy answers.
 * @public
 */
export const deploymentWritePermission = createPermission({
  name: 'lab2live.deployment.write',
  attributes: { action: 'create' },
  // The catalog's resource type: conditions on the model entity are the catalog's rules.
  resourceType: 'catalog-entity',
});

/**
 * Every Lab2Live permission, for registration with the permission framework.
 * @public
 */
export const lab2livePermissions = [
  reviewReadPermission,
  reviewCreatePermission,
  reviewApprovePermission,
  waiverCreatePermission,
  deploymentWritePermission,
];
