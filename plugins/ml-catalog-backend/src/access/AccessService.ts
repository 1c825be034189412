import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  deploymentWritePermission,
  reviewReadPermission,
} from '@lab2live/plugin-ml-catalog-common';
import { ReporterRule, reporterRefusal, ReportTarget } from './reporters';
import { lowerCase as lower } from '../service/lowerCase';
import { FEW_NAMED_MODELS } from '../service/paging';
import { normaliseRef } from '../service/StatusService';

/** Who is calling: their entity ref (or service subject) and what they own. */
export interface Identity {
  ref: string;
  /** Lower-case refs of the user and the groups they belong to; empty for services. */
  ownership: string[];
  isUser: boolean;
}

/**
 * Someone reporting deployments or SLA observations: their name in the audit log, and
 * the check that they may report for a model (throws NotAllowedError saying why not).
 */
export interface Reporter {
  name: string;
  check(target: ReportTarget): Promise<void>;
}

/** What the access checks are configured with. */
export interface AccessOptions {
  catalog: CatalogService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  reporters: ReporterRule[];
  /** Lower-case group refs whose members may decide reviews and waive items. */
  reviewBoard: string[];
}

/** The kinds whose entities are models: Lab2Live's own and RHDH's ai-model Resources. */
const MODEL_FILTER: Array<Record<string, string>> = [
  { kind: 'MLModel' },
  { kind: 'Resource', 'spec.type': 'ai-model' },
];

/** Does the entity match one of {@link MODEL_FILTER}, as the catalog matches it? */
function isModel(entity: Entity): boolean {
  const field = (path: string) =>
    path
      .split('.')
      .reduce<unknown>(
        (value, key) =>
          value && typeof value === 'object'
            ? (value as Record<string, unknown>)[key]
            : undefined,
        entity,
      );
  return MODEL_FILTER.some(filter =>
    Object.entries(filter).every(
      ([path, wanted]) => lower(String(field(path) ?? '')) === lower(wanted),
    ),
  );
}

/**
 * Who the caller is and what they may do for a model, asked by every write and read.
 * The permission framework answers ALLOW for every service principal, so checks that
 * must hold for services too (reporters, "people decide reviews") are made here.
 */
export class AccessService {
  constructor(private readonly options: AccessOptions) {}

  async identity(credentials: BackstageCredentials): Promise<Identity> {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    if (principal.type === 'user' && principal.userEntityRef) {
      const info = await this.options.userInfo.getUserInfo(credentials);
      return {
        ref: principal.userEntityRef,
        ownership: info.ownershipEntityRefs.map(lower),
        isUser: true,
      };
    }
    return {
      ref: principal.subject ?? principal.type,
      ownership: [],
      isUser: false,
    };
  }

  /** The permission framework's answers, in order. */
  async allowed(
    credentials: BackstageCredentials,
    permissions: BasicPermission[],
  ): Promise<boolean[]> {
    const decisions = await this.options.permissions.authorize(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /** Refuses a caller without `lab2live.review.read` (reviews, audit log, checklists). */
  async requireRead(credentials: BackstageCredentials): Promise<void> {
    const [ok] = await this.allowed(credentials, [reviewReadPermission]);
    if (!ok) {
      throw new NotAllowedError(`Not allowed: ${reviewReadPermission.name}`);
    }
  }

  /** Is the person on the review board (a member of one of its groups)? */
  onBoard(identity: Identity): boolean {
    return (
      identity.isUser &&
      this.options.reviewBoard.some(group => identity.ownership.includes(group))
    );
  }

  /**
   * The reporter behind a request. A person may report for models their group owns,
   * when the policy allows `lab2live.deployment.write` on that model; a service only
   * when `lab2live.reporters` names it for the model and environment.
   */
  async reporter(credentials: BackstageCredentials): Promise<Reporter> {
    const who = await this.identity(credentials);
    if (!who.isUser) {
      return {
        name: who.ref,
        check: async target => {
          const refusal = reporterRefusal(
            this.options.reporters,
            who.ref,
            target,
          );
          if (refusal) throw new NotAllowedError(refusal);
        },
      };
    }
    const decided = new Map<string, Promise<boolean>>();
    return {
      name: who.ref,
      check: async target => {
        if (!target.owner || !who.ownership.includes(target.owner)) {
          throw new NotAllowedError(
            `${who.ref} may not report for ${
              target.model
            }: only members of its owner (${
              target.owner ?? 'none'
            }) and the reporters named in lab2live.reporters may`,
          );
        }
        // One permission question per model per request.
        let allowed = decided.get(target.model);
        if (!allowed) {
          allowed = this.options.permissions
            .authorize(
              [
                {
                  permission: deploymentWritePermission,
                  resourceRef: target.model,
                },
              ],
              { credentials },
            )
            .then(([d]) => d.result === AuthorizeResult.ALLOW);
          decided.set(target.model, allowed);
        }
        if (!(await allowed)) {
          throw new NotAllowedError(
            `Not allowed: ${deploymentWritePermission.name} on ${target.model}`,
          );
        }
      },
    };
  }

  /** A reporter inside this backend (a status provider module): trusted as installed. */
  static internalReporter(name: string): Reporter {
    return { name, check: async () => {} };
  }

  /**
   * The refs of the models the caller may see, when the catalog's read policy limits
   * them; undefined when it shows them every entity. The catalog asks the same
   * question of the same policy before each read, so the answers agree.
   */
  async visibleModelsIfLimited(
    credentials: BackstageCredentials,
  ): Promise<Set<string> | undefined> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return new Set();
    return this.visibleModels(credentials);
  }

  /**
   * The refs of the models the caller may see in the catalog: of every model, or of
   * the `named` ones only (those are all that count then). A few named models are
   * looked up one by one, not read with every model.
   */
  async visibleModels(
    credentials: BackstageCredentials,
    named?: string[],
  ): Promise<Set<string>> {
    if (!named || named.length > FEW_NAMED_MODELS) {
      return this.everyVisibleModel(credentials);
    }
    if (named.length === 0) return new Set();
    const refs = named.map(m => normaliseRef(m, 'mlmodel', 'model'));
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: [...new Set(refs)],
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'spec.type'],
      },
      { credentials },
    );
    return new Set(
      items
        .filter((e): e is Entity => !!e && isModel(e))
        .map(e => lower(stringifyEntityRef(e))),
    );
  }

  private async everyVisibleModel(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: MODEL_FILTER,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return new Set(
      items.map(e =>
        lower(
          `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
        ),
      ),
    );
  }
}
