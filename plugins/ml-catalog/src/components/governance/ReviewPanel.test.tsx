import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel } from '../../__testUtils__/entities';
import {
  churnReview,
  draftReview,
  fakeGovernanceApi,
} from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlCatalogGovernanceApi } from '../../api';
import { ReviewPanel } from './ReviewPanel';

function checklistRow(title: string) {
  return screen.getByText(title).closest('tr')!;
}

const onChanged = jest.fn();

function renderPanel(options: { governanceApi?: MlCatalogGovernanceApi } = {}) {
  onChanged.mockReset();
  return renderCard(
    <ReviewPanel
      id="rev-churn-8"
      history={[]}
      onSelect={() => {}}
      onChanged={onChanged}
    />,
    churnModel,
    options,
  );
}

describe('ReviewPanel', () => {
  it("offers a reviewer only the review's actions for them", async () => {
    await renderPanel();
    const actions = await screen.findByRole('group', {
      name: 'Review actions',
    });
    expect(
      within(actions)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Approve', 'Request changes', 'Reject']);
    expect(
      screen.queryByRole('button', { name: /^Update / }),
    ).not.toBeInTheDocument();
  });

  it('offers nothing when the caller may do nothing, and says why', async () => {
    const api = fakeGovernanceApi({ reviews: [churnReview({ actions: [] })] });
    await renderPanel({
      governanceApi: api,
    });
    expect(
      await screen.findByText(
        /Reviewers never decide on models their own team owns/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it('lets the owners attach evidence to an item and submit', async () => {
    const api = fakeGovernanceApi({ reviews: [draftReview()] });
    await renderPanel({
      governanceApi: api,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Update Quick, safe rollback tested',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const links = within(dialog).getByLabelText('Evidence links');
    await userEvent.type(links, 'not a link');
    expect(
      within(dialog).getByText('Not an http or https link: not a link'),
    ).toBeInTheDocument();
    await userEvent.clear(links);
    await userEvent.paste('https://ci.example.com/rollback/41');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      within(checklistRow('Quick, safe rollback tested')).getByRole('link', {
        name: /https:\/\/ci\.example\.com\/rollback\/41/,
      }),
    ).toBeInTheDocument();
    expect(
      api.reviews
        .get('rev-churn-8')!
        .items.find(i => i.id === 'rollback-tested')?.evidence,
    ).toEqual(['https://ci.example.com/rollback/41']);

    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for review' }),
    );
    expect(await screen.findByText('in review')).toBeInTheDocument();
    // Both writes told the tab, which re-reads the review list.
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('keeps the keyboard focus on the review when a write removes the focused button', async () => {
    const api = fakeGovernanceApi({ reviews: [draftReview()] });
    await renderPanel({ governanceApi: api });
    const update = await screen.findByRole('button', {
      name: 'Update Quick, safe rollback tested',
    });
    act(() => update.focus());
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Quick, safe rollback tested',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Note'),
      'Drill booked for Monday',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // The form gave the focus back to its button, which is still there.
    await waitFor(() => expect(update).toHaveFocus());

    const submit = screen.getByRole('button', { name: 'Submit for review' });
    act(() => submit.focus());
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('in review')).toBeInTheDocument();
    expect(submit).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'Review of version 8' }),
      ).toHaveFocus(),
    );
  });

  it('records a decision with its note', async () => {
    const api = fakeGovernanceApi();
    await renderPanel({
      governanceApi: api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request changes' }),
    );
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Request' });
    expect(send).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Note/),
      'Link the drill run',
    );
    await userEvent.click(send);
    expect(await screen.findByText('changes requested')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Decisions' })).getByText(
        /Link the drill run/,
      ),
    ).toBeInTheDocument();
  });

  it('shows what changed when someone else wrote first (409)', async () => {
    const api = fakeGovernanceApi({ reviews: [draftReview()] });
    await renderPanel({
      governanceApi: api,
    });
    await screen.findByRole('button', { name: 'Submit for review' });
    // Someone else submits the review meanwhile.
    const stored = api.reviews.get('rev-churn-8')!;
    api.reviews.set('rev-churn-8', {
      ...stored,
      state: 'in_review',
      revision: stored.revision + 1,
      actions: ['withdraw'],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for review' }),
    );
    expect(
      await screen.findByText(
        'Warning: Someone changed this review while you were editing',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'What changed' })).getByText(
        'The review is now in review (was draft)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Submit for review' }),
    ).not.toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });
});
