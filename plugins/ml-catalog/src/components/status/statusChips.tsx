import type {
  DeploymentStatus,
  EnvironmentDeployment,
  ObjectiveStatus,
} from '@lab2live/plugin-ml-catalog-common';
import { makeStyles } from '@material-ui/core/styles';
import { Tone, ToneChip } from '../shared/ToneChip';
import { formatTime } from '../shared/dates';

export type { Tone } from '../shared/ToneChip';
export { ToneChip } from '../shared/ToneChip';

const DEPLOYMENT_TONES: Record<DeploymentStatus, Tone> = {
  pending: 'busy',
  deploying: 'busy',
  healthy: 'good',
  degraded: 'warn',
  failed: 'bad',
  rolled_back: 'bad',
  retired: 'off',
};

const SLA_TONES: Record<ObjectiveStatus, Tone> = {
  met: 'good',
  at_risk: 'warn',
  breached: 'bad',
  no_data: 'off',
};

/** How a status reads in a sentence: `rolled_back` becomes "rolled back". */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

/**
 * One environment of a model: `production v7 · healthy`. A stale deployment (no report
 * within the configured time) is dashed and says so: its last status is not trusted.
 */
export function DeploymentChip(props: { deployment: EnvironmentDeployment }) {
  const { deployment: d } = props;
  const label = d.stale
    ? `${d.environment} v${d.version} · stale`
    : `${d.environment} v${d.version} · ${statusLabel(d.status)}`;
  const help = d.stale
    ? `No report since ${formatTime(d.updatedAt)}; last status ${statusLabel(
        d.status,
      )}`
    : `${statusLabel(d.status)} since ${formatTime(
        d.since,
      )}; last report ${formatTime(d.updatedAt)}`;
  return (
    <ToneChip
      label={label}
      tone={DEPLOYMENT_TONES[d.status]}
      dashed={d.stale}
      help={help}
      ariaLabel={`${d.environment}: version ${d.version}, ${
        d.stale ? 'stale' : statusLabel(d.status)
      }`}
    />
  );
}

/**
 * A model's environments in promotion order. With `showMissing`, environments without a
 * deployment are listed as "not deployed", so the page shows where the model is not.
 */
const useChipsStyles = makeStyles({
  line: { display: 'flex', flexWrap: 'wrap' },
});

export function DeploymentChips(props: {
  deployments: EnvironmentDeployment[];
  environments?: string[];
  showMissing?: boolean;
}) {
  const byEnvironment = new Map(props.deployments.map(d => [d.environment, d]));
  const order = props.environments ?? props.deployments.map(d => d.environment);
  // A class, not a Box: tables draw many of these, and each Box adds a style rule.
  const classes = useChipsStyles();
  return (
    <div className={classes.line}>
      {order.map(environment => {
        const deployment = byEnvironment.get(environment);
        if (deployment) {
          return <DeploymentChip key={environment} deployment={deployment} />;
        }
        return props.showMissing ? (
          <ToneChip
            key={environment}
            tone="off"
            label={`${environment} · not deployed`}
          />
        ) : null;
      })}
    </div>
  );
}

const SLA_HELP: Record<ObjectiveStatus, string> = {
  met: 'Every objective holds with budget to spare',
  at_risk:
    'An objective holds but its error budget is nearly spent or burning fast',
  breached: 'An objective missed its target over its window',
  no_data: 'No observations in the window for at least one objective',
};

/** The SLA status of a model or an objective. */
export function SlaStatusChip(props: {
  status?: ObjectiveStatus;
  prefix?: string;
}) {
  const prefix = props.prefix ?? 'SLA';
  if (!props.status) {
    return <ToneChip tone="off" label={prefix ? `${prefix}: none` : 'none'} />;
  }
  return (
    <ToneChip
      tone={SLA_TONES[props.status]}
      label={[prefix, statusLabel(props.status)].filter(Boolean).join(' ')}
      help={SLA_HELP[props.status]}
    />
  );
}
