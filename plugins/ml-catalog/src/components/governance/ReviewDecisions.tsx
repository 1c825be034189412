import { InfoCard } from '@backstage/core-components';
import type { Review } from '@lab2live/plugin-ml-catalog-common';
import Typography from '@material-ui/core/Typography';
import { formatTime } from '../shared';
import { statusLabel } from '../status';

/** A review's decisions in the order they were taken, with who and the note. */
export function ReviewDecisions(props: { decisions: Review['decisions'] }) {
  return (
    <InfoCard title="Decisions">
      <ul aria-label="Decisions" style={{ margin: 0, paddingLeft: 20 }}>
        {props.decisions.map((d, i) => (
          <li key={i}>
            <Typography variant="body2">
              <strong>{statusLabel(d.decision)}</strong> by {d.by},{' '}
              {formatTime(d.at)}
              {d.note ? `: ${d.note}` : ''}
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
