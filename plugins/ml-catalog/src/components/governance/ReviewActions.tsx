import type {
  Review,
  ReviewDecisionKind,
} from '@lab2live/plugin-ml-catalog-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * The buttons of what the signed-in user may do on a review (the server's `actions`),
 * or why there is nothing to do.
 */
export function ReviewActions(props: {
  review: Review;
  busy: boolean;
  onSubmit: () => void;
  onWithdraw: () => void;
  onDecide: (decision: ReviewDecisionKind) => void;
}) {
  const can = (action: Review['actions'][number]) =>
    props.review.actions.includes(action);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 8 }}
      mt={2}
      aria-label="Review actions"
      role="group"
    >
      {can('submit') && (
        <Button
          variant="contained"
          color="primary"
          disabled={props.busy}
          onClick={props.onSubmit}
        >
          Submit for review
        </Button>
      )}
      {can('approve') && (
        <Button
          variant="contained"
          color="primary"
          disabled={props.busy}
          onClick={() => props.onDecide('approve')}
        >
          Approve
        </Button>
      )}
      {can('request_changes') && (
        <Button
          variant="outlined"
          disabled={props.busy}
          onClick={() => props.onDecide('request_changes')}
        >
          Request changes
        </Button>
      )}
      {can('reject') && (
        <Button
          variant="outlined"
          disabled={props.busy}
          onClick={() => props.onDecide('reject')}
        >
          Reject
        </Button>
      )}
      {can('withdraw') && (
        <Button disabled={props.busy} onClick={props.onWithdraw}>
          Withdraw
        </Button>
      )}
      {props.review.actions.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {props.review.state === 'in_review'
            ? 'Waiting for the model risk board. Reviewers never decide on models their own team owns.'
            : 'Nothing to do on this review for you.'}
        </Typography>
      )}
    </Box>
  );
}
