import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import type { RiskTier } from '@lab2live/plugin-ml-catalog-common';
import { durationToMilliseconds } from '@backstage/types';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

const DAY = 86_400_000;

function duration(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

/** The plain settings of `lab2live.governance`, with their defaults. */
export function readGovernanceSettings(config: Config) {
  const approvals = config.getOptionalConfig(
    'lab2live.governance.approvalsRequired',
  );
  const approvalsRequired: Record<RiskTier, number> = {
    minimal: approvals?.getOptionalNumber('minimal') ?? 1,
    limited: approvals?.getOptionalNumber('limited') ?? 1,
    high: approvals?.getOptionalNumber('high') ?? 2,
    prohibited: 1,
  };
  return {
    approvalValidityMs: duration(
      config,
      'lab2live.governance.approvalValidity',
      180 * DAY,
    ),
    expiringWithinMs: duration(
      config,
      'lab2live.governance.expiringWithin',
      30 * DAY,
    ),
    approvalsRequired,
    complianceMaxAgeMs: duration(
      config,
      'lab2live.governance.complianceMaxAge',
      10_000,
    ),
  };
}

/**
 * The groups whose members decide reviews and waive items. Required: without it the
 * backend does not start, since a board nobody named would be whoever first registers
 * a group of some default name.
 */
export function readReviewBoard(config: Config): string[] {
  const key = 'lab2live.governance.reviewBoard';
  const board = config.getOptionalStringArray(key);
  if (!board || board.length === 0) {
    throw new Error(
      `${key} is required: name the groups (e.g. group:default/model-risk-board) whose members approve reviews and waive checklist items`,
    );
  }
  return board.map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new Error(`${key} holds '${ref}', which is not a group reference`);
    }
  });
}
