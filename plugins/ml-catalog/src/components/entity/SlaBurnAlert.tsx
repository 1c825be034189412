import { StatusError, StatusWarning } from '@backstage/core-components';
import type { SlaBurnAlert as BurnAlert } from '@lab2live/plugin-ml-catalog-common';
import Tooltip from '@material-ui/core/Tooltip';

const EXPLAINED: Record<BurnAlert, string> = {
  fast_burn:
    'The error budget burns at more than 14.4 times its sustainable pace over both the last hour and the last 5 minutes: at this pace 2% of a 30-day budget goes every hour.',
  slow_burn:
    'The error budget burns at more than 6 times its sustainable pace over both the last 6 hours and the last 30 minutes.',
};

/**
 * A burn-rate alert of an SLA objective or model, as the SRE workbook's multi-window,
 * multi-burn-rate alerts: "fast burn" in the error colour, "slow burn" as a warning.
 */
export function SlaBurnAlert({ alert }: { alert?: BurnAlert }) {
  if (!alert) return null;
  const Status = alert === 'fast_burn' ? StatusError : StatusWarning;
  const label = alert === 'fast_burn' ? 'fast burn' : 'slow burn';
  // The explanation is the tooltip's, read as the span's description, and it shows on
  // keyboard focus too. (An aria-label is not allowed on a plain span.)
  return (
    <Tooltip title={EXPLAINED[alert]}>
      {/* Focusable only to show its explanation, as the status chips are. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <span tabIndex={0}>
        <Status>{label}</Status>
      </span>
    </Tooltip>
  );
}
