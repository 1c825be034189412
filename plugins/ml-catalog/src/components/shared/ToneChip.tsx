import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';

/** How a status reads at a glance. */
export type Tone = 'good' | 'warn' | 'bad' | 'busy' | 'off';

const useStyles = makeStyles((theme: Theme) => ({
  chip: { margin: theme.spacing(0, 0.5, 0.5, 0) },
  // Filled tones use the palette's main colours with their contrast text, which keep
  // WCAG AA contrast in the light and dark themes.
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
  dashed: {
    borderStyle: 'dashed',
    color: theme.palette.text.secondary,
  },
}));

/**
 * The one chip of every status, stage and tier. With `help`, the explanation shows on
 * hover and on keyboard focus (the chip takes focus), and screen readers read it as the
 * chip's description (the tooltip's title, or its text while open): nothing is said
 * only to a mouse.
 */
export function ToneChip(props: {
  label: string;
  tone: Tone;
  help?: string;
  /** The chip's accessible name when the label alone is too terse. */
  ariaLabel?: string;
  /** A state whose colour is not to be trusted (stale): outlined and dashed. */
  dashed?: boolean;
  /** Outlined, e.g. for labels rather than statuses. */
  outlined?: boolean;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const outlined = props.outlined || props.dashed || props.tone === 'off';
  const chip = (
    <Chip
      size={props.size ?? 'small'}
      variant={outlined ? 'outlined' : 'default'}
      label={props.label}
      // A named chip needs a role that may carry a name (a plain div may not).
      {...(props.ariaLabel
        ? { 'aria-label': props.ariaLabel, role: 'note' }
        : {})}
      {...(props.help ? { tabIndex: 0 } : {})}
      className={`${classes.chip} ${
        props.dashed ? classes.dashed : classes[props.tone]
      }`}
    />
  );
  return props.help ? <Tooltip title={props.help}>{chip}</Tooltip> : chip;
}
