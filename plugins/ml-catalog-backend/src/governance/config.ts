import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import type { RiskTier } from '@lab2live/plugin-ml-catalog-common';
import { durationToMilliseconds } from '@backstage/types';

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
  };
}
