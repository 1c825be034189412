import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';

/** Tags shown before the rest fold into a "+N" chip. */
const SHOWN_TAGS = 2;

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'nowrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
    minWidth: 0,
  },
  wrapped: { flexWrap: 'wrap' },
  // A long tag ends in an ellipsis (its title has it whole) rather than widening the
  // column.
  tag: { minWidth: 0, maxWidth: '9em' },
  more: { flexShrink: 0 },
}));

/**
 * A model's tags on one line: the first few, then a "+N" chip whose tooltip and
 * accessible name list the rest. Pressing it shows every tag, wrapped.
 */
export function TagChips(props: { tags: string[] }) {
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const { tags } = props;
  if (tags.length === 0) {
    return null;
  }
  // "+1" would take the room of the one tag it hides.
  const folds = tags.length > SHOWN_TAGS + 1;
  const visible = folds && !expanded ? tags.slice(0, SHOWN_TAGS) : tags;
  const rest = tags.slice(SHOWN_TAGS);
  return (
    <div className={`${classes.line} ${expanded ? classes.wrapped : ''}`}>
      {visible.map(tag => (
        <Chip
          key={tag}
          size="small"
          label={tag}
          title={tag}
          className={classes.tag}
        />
      ))}
      {folds && (
        <Tooltip title={expanded ? 'Show fewer tags' : rest.join(', ')}>
          <Chip
            size="small"
            variant="outlined"
            clickable
            className={classes.more}
            label={expanded ? 'fewer' : `+${rest.length}`}
            aria-label={
              expanded
                ? 'Show fewer tags'
                : `${rest.length} more tags: ${rest.join(', ')}`
            }
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          />
        </Tooltip>
      )}
    </div>
  );
}
