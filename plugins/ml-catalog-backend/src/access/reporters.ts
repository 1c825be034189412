import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { lowerCase as lower } from '../service/lowerCase';

/**
 * A service caller named in `lab2live.reporters`, and the models and environments it
 * may report deployments and SLA observations for.
 */
export interface ReporterRule {
  /**
   * The service principal's subject: a static token's configured subject as it is
   * (e.g. `ci-pipelines`; JWKS tokens' subjects start with `external:`), or
   * `plugin:<pluginId>`.
   */
  subject: string;
  all: boolean;
  owners: string[];
  systems: string[];
  /** Undefined: every environment. */
  environments?: string[];
}

/** What a report is about: the model's catalog facts and, for deployments, the environment. */
export interface ReportTarget {
  model: string;
  owner?: string;
  system?: string;
  environment?: string;
}

function fullRef(value: string, defaultKind: string, key: string): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new Error(`${key} is not an entity reference: '${value}'`);
  }
}

/** Reads `lab2live.reporters`, failing at start with the key of anything it cannot use. */
export function readReporters(config: Config): ReporterRule[] {
  const entries = config.getOptionalConfigArray('lab2live.reporters') ?? [];
  return entries.map((entry, index) => {
    const key = `lab2live.reporters[${index}]`;
    const subject = entry.getOptionalString('subject');
    const plugin = entry.getOptionalString('plugin');
    if ((subject === undefined) === (plugin === undefined)) {
      throw new Error(
        `${key} must name exactly one of 'subject' (a static token's subject) or 'plugin' (a plugin id)`,
      );
    }
    const models = entry.getOptionalConfig('models');
    const all = models?.getOptionalBoolean('all') ?? false;
    const owners = (models?.getOptionalStringArray('owners') ?? []).map(ref =>
      fullRef(ref, 'group', `${key}.models.owners`),
    );
    const systems = (models?.getOptionalStringArray('systems') ?? []).map(ref =>
      fullRef(ref, 'system', `${key}.models.systems`),
    );
    if (!all && owners.length === 0 && systems.length === 0) {
      throw new Error(
        `${key}.models must name owners, systems, or 'all: true'; a reporter without models could report for none`,
      );
    }
    const environments = entry.getOptionalStringArray('environments');
    return {
      subject: subject ?? `plugin:${plugin}`,
      all,
      owners,
      systems,
      ...(environments ? { environments } : {}),
    };
  });
}

/** Why the rules do not let `subject` report for the target, or undefined when they do. */
export function reporterRefusal(
  rules: ReporterRule[],
  subject: string,
  target: ReportTarget,
): string | undefined {
  const named = rules.filter(rule => rule.subject === subject);
  if (named.length === 0) {
    return `${subject} is not a reporter: name it in lab2live.reporters to let it report deployments and SLA observations`;
  }
  const forModel = named.filter(
    rule =>
      rule.all ||
      (target.owner !== undefined && rule.owners.includes(target.owner)) ||
      (target.system !== undefined && rule.systems.includes(target.system)),
  );
  if (forModel.length === 0) {
    return `${subject} may not report for ${
      target.model
    }: lab2live.reporters names neither its owner (${
      target.owner ?? 'none'
    }) nor its system (${target.system ?? 'none'})`;
  }
  if (
    target.environment !== undefined &&
    !forModel.some(
      rule =>
        !rule.environments || rule.environments.includes(target.environment!),
    )
  ) {
    return `${subject} may not report for ${target.model} in ${target.environment}: lab2live.reporters does not list that environment for it`;
  }
  return undefined;
}
