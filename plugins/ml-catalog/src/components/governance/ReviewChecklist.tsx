import { InfoCard } from '@backstage/core-components';
import { formatDay, formatTime, WebLink } from '../shared';
import type {
  Review,
  ReviewItem,
  ReviewItemStatus,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ItemStatusChip, statusLabel } from '../status';

type Group =
  | ReviewItem['minimumTier']
  | 'transparency'
  | 'general-purpose'
  | 'derogation';

const GROUPS: Array<{ tier: Group; title: string }> = [
  { tier: 'minimal', title: 'Every model' },
  { tier: 'limited', title: 'Limited risk and above' },
  { tier: 'high', title: 'High risk (EU AI Act Arts. 9-15)' },
  { tier: 'derogation', title: 'Not high risk under Art. 6(3)' },
  { tier: 'transparency', title: 'Transparency duties (EU AI Act Art. 50)' },
  {
    tier: 'general-purpose',
    title: 'General-purpose AI model (EU AI Act Art. 53, Art. 55)',
  },
];

/** Items that apply by the EU AI Act assessment are grouped by it, others by tier. */
function groupOf(item: ReviewItem): Group {
  const when = item.appliesWhen;
  if (!when) return item.minimumTier;
  if ('transparencyDuty' in when) return 'transparency';
  if ('generalPurpose' in when) return 'general-purpose';
  return 'derogation';
}

const ORDER: ReviewItemStatus[] = [
  'fail',
  'pending',
  'waived',
  'pass',
  'not_applicable',
];

function ItemDetails(props: { item: ReviewItem }) {
  const { item } = props;
  return (
    <Box style={{ wordBreak: 'break-word' }}>
      {item.detail && (
        <Typography variant="body2" color="textSecondary">
          {item.detail}
        </Typography>
      )}
      {item.evidence.length > 0 && (
        <ul
          aria-label={`Evidence for ${item.title}`}
          style={{ margin: 0, paddingLeft: 18 }}
        >
          {item.evidence.map(url => (
            <li key={url}>
              <WebLink to={url} />
            </li>
          ))}
        </ul>
      )}
      {item.note && <Typography variant="body2">{item.note}</Typography>}
      {item.waiver && (
        <Typography
          variant="body2"
          color={item.waiver.expired ? 'error' : 'textPrimary'}
        >
          {item.waiver.expired ? 'Waiver expired' : 'Waived'} until{' '}
          {formatDay(item.waiver.expiresAt)} by {item.waiver.by}:{' '}
          {item.waiver.reason}
        </Typography>
      )}
      {item.setBy && (
        <Typography variant="caption" color="textSecondary">
          Set by {item.setBy}, {formatTime(item.setAt)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The checklist of a review, grouped by the risk tier items start at, each item with
 * its source, status, evidence, note, waiver and who set it, and the actions the
 * signed-in user may take on it.
 */
export function ReviewChecklist(props: {
  review: Review;
  busy: boolean;
  onEdit: (item: ReviewItem) => void;
  onWaive: (item: ReviewItem) => void;
}) {
  const { review } = props;
  const counts = ORDER.map(status => ({
    status,
    count: review.items.filter(i => i.status === status).length,
  })).filter(c => c.count > 0);
  const canEdit = review.actions.includes('edit_items');
  const canWaive = review.actions.includes('waive');
  return (
    <InfoCard
      title="Checklist"
      subheader={counts
        .map(c => `${c.count} ${statusLabel(c.status)}`)
        .join(' · ')}
    >
      {GROUPS.map(group => {
        const items = review.items.filter(i => groupOf(i) === group.tier);
        if (items.length === 0) return null;
        return (
          <Box key={group.tier} mb={3}>
            <Typography variant="h6" component="h3" gutterBottom>
              {group.title}
            </Typography>
            <Table size="small" aria-label={`Checklist: ${group.title}`}>
              <TableHead>
                <TableRow>
                  <TableCell style={{ width: '34%' }}>Item</TableCell>
                  <TableCell style={{ width: '14%' }}>Status</TableCell>
                  <TableCell>Evidence and notes</TableCell>
                  {(canEdit || canWaive) && <TableCell />}
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(item => (
                  <TableRow key={item.id} data-item={item.id}>
                    <TableCell>
                      <Typography variant="body2">
                        <strong>{item.title}</strong>
                      </Typography>
                      <Typography variant="body2" color="textSecondary">
                        {item.description}
                      </Typography>
                      <Typography variant="caption" color="textSecondary">
                        {item.source} ·{' '}
                        {item.mode === 'automated'
                          ? 'checked from catalog data'
                          : 'attested with evidence'}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <ItemStatusChip status={item.status} />
                    </TableCell>
                    <TableCell>
                      <ItemDetails item={item} />
                    </TableCell>
                    {(canEdit || canWaive) && (
                      <TableCell align="right">
                        <Box
                          display="flex"
                          flexDirection="column"
                          style={{ gap: 4 }}
                        >
                          {canEdit && item.mode === 'attestation' && (
                            <Button
                              size="small"
                              variant="outlined"
                              disabled={props.busy}
                              onClick={() => props.onEdit(item)}
                              aria-label={`Update ${item.title}`}
                            >
                              Update
                            </Button>
                          )}
                          {canWaive &&
                            (item.status === 'fail' ||
                              item.status === 'pending') && (
                              <Button
                                size="small"
                                disabled={props.busy}
                                onClick={() => props.onWaive(item)}
                                aria-label={`Waive ${item.title}`}
                              >
                                Waive
                              </Button>
                            )}
                        </Box>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        );
      })}
    </InfoCard>
  );
}
