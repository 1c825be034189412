import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Popover from '@material-ui/core/Popover';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';
import { useRef, useState } from 'react';
import { ColumnChoice } from './columnChoice';

const POPOVER_ID = 'lab2live-model-columns';

/**
 * A "Columns" button opening a list of checkboxes, one per column. The popover takes
 * the focus, Tab walks the checkboxes, Escape closes it and gives the focus back to
 * the button.
 */
export function ColumnsControl(props: { choice: ColumnChoice }) {
  const { options, shown, isDefault, setShown, reset } = props.choice;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const optionsRef = useRef<HTMLDivElement>(null);
  // Resetting disables the button that was pressed, which drops the focus out of the
  // popover: Escape pressed then went nowhere and the popover stayed open. The focus
  // moves to the first column a person may choose instead.
  const resetAndKeepFocus = () => {
    reset();
    optionsRef.current
      ?.querySelector<HTMLInputElement>('input[type="checkbox"]:not(:disabled)')
      ?.focus();
  };
  const hiddenCount = options.length - shown.length;
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<ViewColumnIcon />}
        aria-haspopup="dialog"
        aria-expanded={anchor ? 'true' : 'false'}
        aria-controls={anchor ? POPOVER_ID : undefined}
        onClick={event => setAnchor(event.currentTarget)}
      >
        {hiddenCount > 0 ? `Columns (${hiddenCount} hidden)` : 'Columns'}
      </Button>
      <Popover
        id={POPOVER_ID}
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{ role: 'dialog', 'aria-label': 'Columns' } as object}
      >
        <Box p={2}>
          <FormControl component="fieldset">
            <FormLabel component="legend">Columns shown</FormLabel>
            <FormGroup ref={optionsRef}>
              {options.map(option => (
                <FormControlLabel
                  key={option.id}
                  label={
                    option.required
                      ? `${option.title} (always shown)`
                      : option.title
                  }
                  control={
                    <Checkbox
                      size="small"
                      color="primary"
                      checked={shown.includes(option.id)}
                      disabled={option.required}
                      onChange={event =>
                        setShown(option.id, event.target.checked)
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
          </FormControl>
          <Box mt={1}>
            <Button
              size="small"
              disabled={isDefault}
              onClick={resetAndKeepFocus}
            >
              Reset to default
            </Button>
          </Box>
        </Box>
      </Popover>
    </>
  );
}
