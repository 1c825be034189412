import type {
  ReviewDecisionKind,
  ReviewItem,
  ReviewItemStatus,
} from '@lab2live/plugin-ml-catalog-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ReactNode, useId, useState } from 'react';

const SETTABLE: ReviewItemStatus[] = [
  'pass',
  'fail',
  'not_applicable',
  'pending',
];

function FormDialog(props: {
  title: string;
  description?: ReactNode;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  // The dialog is named by its title, as screen readers announce it on opening.
  const titleId = useId();
  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <form
        onSubmit={event => {
          event.preventDefault();
          if (props.canSubmit && !props.busy) props.onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          {props.description && (
            <DialogContentText>{props.description}</DialogContentText>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!props.canSubmit || props.busy}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The owners' form for an attested item: status, evidence links, a note. */
export function ItemDialog(props: {
  item: ReviewItem;
  busy: boolean;
  onClose: () => void;
  onSave: (value: {
    status: ReviewItemStatus;
    evidence: string[];
    note: string;
  }) => void;
}) {
  const { item } = props;
  // A pending item is opened to be done: offer pass, the usual answer.
  const [status, setStatus] = useState<ReviewItemStatus>(
    item.attestedStatus && !['waived', 'pending'].includes(item.attestedStatus)
      ? item.attestedStatus
      : 'pass',
  );
  const [evidence, setEvidence] = useState(item.evidence.join('\n'));
  const [note, setNote] = useState(item.note ?? '');
  const links = evidence
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  const badLink = links.find(link => !/^https?:\/\/\S+$/.test(link));
  return (
    <FormDialog
      title={item.title}
      description={item.description}
      submitLabel="Save"
      canSubmit={!badLink}
      busy={props.busy}
      onClose={props.onClose}
      onSubmit={() => props.onSave({ status, evidence: links, note })}
    >
      <TextField
        id="review-item-status"
        select
        label="Status"
        value={status}
        onChange={event => setStatus(event.target.value as ReviewItemStatus)}
        fullWidth
        margin="normal"
      >
        {SETTABLE.map(value => (
          <MenuItem key={value} value={value}>
            {value.replace(/_/g, ' ')}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="review-item-evidence"
        label="Evidence links"
        helperText={
          badLink
            ? `Not an http or https link: ${badLink}`
            : 'One URL per line: a CI run, a dashboard, a document'
        }
        error={!!badLink}
        value={evidence}
        onChange={event => setEvidence(event.target.value)}
        multiline
        minRows={3}
        fullWidth
        margin="normal"
      />
      <TextField
        id="review-item-note"
        label="Note"
        value={note}
        onChange={event => setNote(event.target.value)}
        multiline
        fullWidth
        margin="normal"
      />
    </FormDialog>
  );
}

/** The board's form to waive an item until a date, with the reason. */
export function WaiverDialog(props: {
  item: ReviewItem;
  busy: boolean;
  onClose: () => void;
  onSave: (value: { reason: string; expiresAt: string }) => void;
}) {
  const inThirtyDays = new Date(Date.now() + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState(inThirtyDays);
  return (
    <FormDialog
      title={`Waive: ${props.item.title}`}
      description="A waiver accepts the item as not met until its end date; after it, the item fails again."
      submitLabel="Waive"
      canSubmit={reason.trim().length > 0 && expiresAt.length === 10}
      busy={props.busy}
      onClose={props.onClose}
      onSubmit={() => props.onSave({ reason: reason.trim(), expiresAt })}
    >
      <TextField
        id="waiver-reason"
        label="Reason"
        required
        value={reason}
        onChange={event => setReason(event.target.value)}
        multiline
        fullWidth
        margin="normal"
      />
      <TextField
        id="waiver-until"
        label="Until"
        type="date"
        required
        value={expiresAt}
        onChange={event => setExpiresAt(event.target.value)}
        InputLabelProps={{ shrink: true }}
        fullWidth
        margin="normal"
      />
    </FormDialog>
  );
}

const DECISION_TITLES: Record<ReviewDecisionKind, string> = {
  approve: 'Approve the review',
  request_changes: 'Request changes',
  reject: 'Reject the review',
};

/** A reviewer's decision, with a note (required unless approving). */
export function DecisionDialog(props: {
  decision: ReviewDecisionKind;
  busy: boolean;
  onClose: () => void;
  onSave: (note: string) => void;
}) {
  const [note, setNote] = useState('');
  const needsNote = props.decision !== 'approve';
  return (
    <FormDialog
      title={DECISION_TITLES[props.decision]}
      description={
        needsNote
          ? 'Say what has to change, or why: the owners read it on the review.'
          : 'The approval counts until it expires or production serves another version.'
      }
      submitLabel={DECISION_TITLES[props.decision].split(' ')[0]}
      canSubmit={!needsNote || note.trim().length > 0}
      busy={props.busy}
      onClose={props.onClose}
      onSubmit={() => props.onSave(note.trim())}
    >
      <TextField
        id="decision-note"
        label="Note"
        required={needsNote}
        value={note}
        onChange={event => setNote(event.target.value)}
        multiline
        minRows={2}
        fullWidth
        margin="normal"
      />
    </FormDialog>
  );
}
