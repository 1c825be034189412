import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  deploymentWritePermission,
  reviewApprovePermission,
  waiverCreatePermission,
} from '@lab2live/plugin-ml-catalog-common';
import { ConfigReader } from '@backstage/config';
import { personFromCookie } from './guestSignIn';
import { PortalPermissionPolicy, readReviewBoard } from './permissionPolicy';

const user = (...ownership: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownership[0],
    ownershipEntityRefs: ownership,
  },
  token: 'token',
  credentials: {} as any,
  info: { userEntityRef: ownership[0], ownershipEntityRefs: ownership },
});

describe('the portal permission policy', () => {
  const policy = new PortalPermissionPolicy(['group:default/model-risk-board']);

  it('gives approvals and waivers to the review board only', async () => {
    const dana = user('user:default/dana', 'group:default/model-risk-board');
    const maya = user('user:default/maya', 'group:default/data-science');
    for (const permission of [
      reviewApprovePermission,
      waiverCreatePermission,
    ]) {
      expect((await policy.handle({ permission }, dana)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await policy.handle({ permission }, maya)).result).toBe(
        AuthorizeResult.DENY,
      );
      expect((await policy.handle({ permission })).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it("lets people report only for models their groups own, by the catalog's owner rule", async () => {
    const maya = user('user:default/maya', 'group:default/data-science');
    expect(
      await policy.handle({ permission: deploymentWritePermission }, maya),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/maya', 'group:default/data-science'],
        },
      },
    });
  });

  it('allows the rest, as a local portal does', async () => {
    const maya = user('user:default/maya', 'group:default/data-science');
    expect(
      (
        await policy.handle(
          {
            permission: {
              name: 'catalog.entity.read',
              type: 'basic',
              attributes: { action: 'read' },
            },
          },
          maya,
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});

describe('the review board setting', () => {
  const board = (reviewBoard?: unknown) =>
    readReviewBoard(
      new ConfigReader(
        reviewBoard === undefined
          ? {}
          : { lab2live: { governance: { reviewBoard } } },
      ),
    );

  it('is read in lower case', () => {
    expect(board(['group:default/Model-Risk-Board'])).toEqual([
      'group:default/model-risk-board',
    ]);
  });

  it('is required: missing, empty or blank, the portal refuses to start naming the key', () => {
    // An unset LAB2LIVE_REVIEW_BOARD leaves app-config.production.yaml's list empty.
    for (const missing of [undefined, [], ['  ']]) {
      expect(() => board(missing)).toThrow(
        /^lab2live\.governance\.reviewBoard is required: list the groups/,
      );
    }
  });
});

describe('the guest sign-in cookie', () => {
  it('names an example person, and nothing else', () => {
    expect(personFromCookie('a=b; lab2live-sign-in-as=dana; c=d')).toBe('dana');
    expect(personFromCookie('lab2live-sign-in-as=../admin')).toBeUndefined();
    expect(personFromCookie('lab2live-sign-in-as=')).toBeUndefined();
    expect(personFromCookie(undefined)).toBeUndefined();
  });
});
