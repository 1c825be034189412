import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { getContrastRatio, makeStyles, Theme } from '@material-ui/core/styles';

/** How a status reads at a glance. */
export type Tone = 'good' | 'warn' | 'bad' | 'busy' | 'off';

/** Black or white, whichever reads better on `background`. */
function readableOn(background: string) {
  return getContrastRatio(background, '#fff') >=
    getContrastRatio(background, '#000')
    ? '#fff'
    : '#000';
}

/**
 * The colours of the filled tones. The palette's own contrast texts are chosen at 3:1,
 * too little for a chip's small text: white on the main error and info colours is
 * 3.7:1 and 3.1:1. Red and blue take their dark shades instead, and each text is black
 * or white, whichever reads better, so every tone keeps WCAG AA's 4.5:1 in the light
 * and dark themes.
 */
export function toneColors(
  theme: Theme,
): Record<Exclude<Tone, 'off'>, { backgroundColor: string; color: string }> {
  const fill = (backgroundColor: string) => ({
    backgroundColor,
    color: readableOn(backgroundColor),
  });
  const { success, warning, error, info } = theme.palette;
  return {
    good: fill(success.main),
    warn: fill(warning.main),
    bad: fill(error.dark),
    busy: fill(info.dark),
  };
}

const useStyles = makeStyles((theme: Theme) => ({
  chip: {
    margin: theme.spacing(0, 0.5, 0.5, 0),
    // Material UI's chip drops the outline and styles focus only on clickable chips:
    // a chip that takes focus for its explanation shows the focus itself.
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.text.primary}`,
      outlineOffset: 2,
    },
  },
  ...toneColors(theme),
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
