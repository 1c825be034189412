import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DecisionDialog, ItemDialog } from './ReviewDialogs';

const item = {
  id: 'rollback-tested',
  title: 'Quick, safe rollback tested',
  description:
    'Rolling back to the previous version was practised and is quick.',
  source: 'ML Test Score, Infra 7',
  minimumTier: 'minimal' as const,
  mode: 'attestation' as const,
  status: 'pending' as const,
  evidence: [],
};

describe('ReviewDialogs', () => {
  it('names each dialog by its title, as a screen reader announces it', () => {
    render(
      <DecisionDialog
        decision="request_changes"
        busy={false}
        onClose={() => {}}
        onSave={() => {}}
      />,
    );
    expect(
      screen.getByRole('dialog', { name: 'Request changes' }),
    ).toBeInTheDocument();
  });

  it('sets an item by keyboard: the status list, evidence and a note', async () => {
    const onSave = jest.fn();
    render(
      <ItemDialog
        item={item}
        busy={false}
        onClose={() => {}}
        onSave={onSave}
      />,
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Quick, safe rollback tested',
    });
    const status = within(dialog).getByRole('button', { name: /^Status/ });
    // The dialog takes the focus on opening; the status is its first field.
    await userEvent.tab();
    expect(status).toHaveFocus();
    // The status list opens on Enter with the current choice; arrows move, Enter picks.
    await userEvent.keyboard('{Enter}');
    const choices = await screen.findByRole('listbox', { name: 'Status' });
    expect(within(choices).getByRole('option', { name: 'pass' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(status).toHaveTextContent('fail');
    await userEvent.tab();
    await userEvent.keyboard('https://tickets.example.com/RET-412');
    await userEvent.tab();
    await userEvent.keyboard('Drill booked');
    await userEvent.tab();
    await userEvent.tab();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onSave).toHaveBeenCalledWith({
      status: 'fail',
      evidence: ['https://tickets.example.com/RET-412'],
      note: 'Drill booked',
    });
    // Fifty keystrokes, each re-rendering the dialog: on a loaded 2-core machine this
    // takes longer than jest's default 5 s, which would fail it for the machine's sake.
  });
});
