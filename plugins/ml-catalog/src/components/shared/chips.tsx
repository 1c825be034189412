import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  chip: { margin: theme.spacing(0, 0.5, 0.5, 0) },
  minimal: {
    backgroundColor: theme.palette.success.light,
    color: theme.palette.success.contrastText,
  },
  limited: {
    backgroundColor: theme.palette.info.light,
    color: theme.palette.info.contrastText,
  },
  high: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  prohibited: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

const RISK_TIER_HELP: Record<string, string> = {
  minimal: 'EU AI Act minimal risk: no obligations beyond good practice',
  limited: 'EU AI Act limited risk: transparency obligations',
  high: 'EU AI Act high risk (Annex III): conformity assessment, oversight, logging',
  prohibited: 'EU AI Act prohibited practice: may not be put into service',
};

/** The EU AI Act risk tier of a model, coloured by severity. */
export function RiskTierChip(props: { tier?: string }) {
  const classes = useStyles();
  if (!props.tier) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label="risk: not set"
        className={classes.chip}
      />
    );
  }
  const tierClass = (classes as Record<string, string>)[props.tier] ?? '';
  return (
    <Tooltip title={RISK_TIER_HELP[props.tier] ?? props.tier}>
      <Chip
        size="small"
        label={`${props.tier} risk`}
        className={`${classes.chip} ${tierClass}`}
      />
    </Tooltip>
  );
}

/** A lifecycle stage, outlined so it reads as a label rather than a status. */
export function StageChip(props: { stage: string }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={props.stage === 'production' ? 'primary' : 'default'}
      label={props.stage}
      className={classes.chip}
    />
  );
}

/** A yes/no fact that an entity may leave unstated. */
export function yesNo(value: boolean | undefined): string {
  if (value === undefined) {
    return 'not stated';
  }
  return value ? 'yes' : 'no';
}
