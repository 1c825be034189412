import type {
  DeploymentStatus,
  EnvironmentDeployment,
  ObjectiveStatus,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';

/** How a status reads at a glance. */
export type Tone = 'good' | 'warn' | 'bad' | 'busy' | 'off';

const useStyles = makeStyles((theme: Theme) => ({
  chip: { margin: theme.spacing(0, 0.5, 0.5, 0) },
  good: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warn: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  busy: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  off: {},
  stale: {
    borderStyle: 'dashed',
    color: theme.palette.text.secondary,
  },
}));

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

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/**
 * One environment of a model: `production v7 · healthy`. A stale deployment (no report
 * within the configured time) is dashed and says so: its last status is not trusted.
 */
export function DeploymentChip(props: { deployment: EnvironmentDeployment }) {
  const classes = useStyles();
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
    <Tooltip title={help}>
      <Chip
        size="small"
        variant={d.stale ? 'outlined' : 'default'}
        label={label}
        aria-label={`${d.environment}: version ${d.version}, ${
          d.stale ? 'stale' : statusLabel(d.status)
        }`}
        className={`${classes.chip} ${
          d.stale ? classes.stale : classes[DEPLOYMENT_TONES[d.status]]
        }`}
      />
    </Tooltip>
  );
}

/**
 * A model's environments in promotion order. With `showMissing`, environments without a
 * deployment are listed as "not deployed", so the page shows where the model is not.
 */
export function DeploymentChips(props: {
  deployments: EnvironmentDeployment[];
  environments?: string[];
  showMissing?: boolean;
}) {
  const classes = useStyles();
  const byEnvironment = new Map(props.deployments.map(d => [d.environment, d]));
  const order = props.environments ?? props.deployments.map(d => d.environment);
  return (
    <Box display="flex" flexWrap="wrap">
      {order.map(environment => {
        const deployment = byEnvironment.get(environment);
        if (deployment) {
          return <DeploymentChip key={environment} deployment={deployment} />;
        }
        return props.showMissing ? (
          <Chip
            key={environment}
            size="small"
            variant="outlined"
            label={`${environment} · not deployed`}
            className={classes.chip}
          />
        ) : null;
      })}
    </Box>
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
  const classes = useStyles();
  const prefix = props.prefix ?? 'SLA';
  if (!props.status) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label={prefix ? `${prefix}: none` : 'none'}
        className={classes.chip}
      />
    );
  }
  const tone = SLA_TONES[props.status];
  return (
    <Tooltip title={SLA_HELP[props.status]}>
      <Chip
        size="small"
        variant={tone === 'off' ? 'outlined' : 'default'}
        label={[prefix, statusLabel(props.status)].filter(Boolean).join(' ')}
        className={`${classes.chip} ${classes[tone]}`}
      />
    </Tooltip>
  );
}

/** A small chip coloured by tone, with an optional tooltip: the one look of every status. */
export function ToneChip(props: {
  label: string;
  tone: Tone;
  tooltip?: string;
  ariaLabel?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const chip = (
    <Chip
      size={props.size ?? 'small'}
      variant={props.tone === 'off' ? 'outlined' : 'default'}
      label={props.label}
      aria-label={props.ariaLabel}
      className={`${classes.chip} ${classes[props.tone]}`}
    />
  );
  return props.tooltip ? <Tooltip title={props.tooltip}>{chip}</Tooltip> : chip;
}
