import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import {
  draftReview,
  fakeGovernanceApi,
} from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { ModelGovernanceContent } from './ModelGovernanceContent';

function checklistRow(title: string) {
  return screen.getByText(title).closest('tr')!;
}

describe('ModelGovernanceContent', () => {
  it('shows the checklist by risk tier with statuses, evidence, notes and waivers', async () => {
    await renderCard(<ModelGovernanceContent />, churnModel);
    expect(
      await screen.findByRole('table', { name: 'Checklist: Every model' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Checklist: Limited risk and above' }),
    ).toBeInTheDocument();
    const baseline = checklistRow('A simpler baseline was compared and beaten');
    expect(within(baseline).getByText('pass')).toBeInTheDocument();
    expect(
      within(baseline).getByRole('link', {
        name: /https:\/\/ci\.example\.com\/churn\/runs\/812/,
      }),
    ).toBeInTheDocument();
    expect(
      within(baseline).getByText('Beats logistic regression by 6 AUC points'),
    ).toBeInTheDocument();
    const rollback = checklistRow('Quick, safe rollback tested');
    expect(within(rollback).getByText('waived')).toBeInTheDocument();
    expect(
      within(rollback).getByText(/Rollback drill booked for next sprint/),
    ).toBeInTheDocument();
    expect(screen.getByText('in review')).toBeInTheDocument();
    expect(screen.getByText('0 of 1 needed')).toBeInTheDocument();
  });

  it('shows a write in the audit log at once, without a reload', async () => {
    const api = fakeGovernanceApi({ reviews: [draftReview()] });
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: api,
    });
    // The audit log is the tab's last table.
    const auditLog = () => screen.getAllByRole('table').at(-1)!;
    await screen.findByText('review.created');
    expect(within(auditLog()).queryByText('review.in_review')).toBeNull();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Submit for review' }),
    );
    await waitFor(() =>
      expect(within(auditLog()).getByText('review.in_review')).toBeVisible(),
    );
    expect(
      within(auditLog()).getByText('review.in_review').closest('tr'),
    ).toHaveTextContent('state: in review');
  });

  it('opens a review for the owners when there is none', async () => {
    const api = fakeGovernanceApi({ reviews: [], canCreate: true });
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: api,
    });
    expect(
      await screen.findByText('No governance review yet'),
    ).toBeInTheDocument();
    const version = screen.getByLabelText(/Version to review/);
    await userEvent.clear(version);
    await userEvent.type(version, '9');
    await userEvent.click(
      screen.getByRole('button', { name: 'Open a review' }),
    );
    expect(await screen.findByText('Review of version 9')).toBeInTheDocument();
  });

  it('gives the focus to the review just opened, where the keyboard user goes on', async () => {
    const api = fakeGovernanceApi({ reviews: [], canCreate: true });
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: api,
    });
    const version = await screen.findByLabelText(/Version to review/);
    await userEvent.clear(version);
    // Enter in the field submits the form, as a keyboard user does.
    await userEvent.type(version, '9{Enter}');
    const review = await screen.findByRole('region', {
      name: 'Review of version 9',
    });
    await waitFor(() => expect(review).toHaveFocus());
  });

  it('tells others that the owners open reviews', async () => {
    await renderCard(<ModelGovernanceContent />, fraudModel, {
      governanceApi: fakeGovernanceApi({ reviews: [], canCreate: false }),
    });
    expect(
      await screen.findByText(/The model's owners open it/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Open a review' }),
    ).not.toBeInTheDocument();
  });

  it('shows the server error', async () => {
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: fakeGovernanceApi({
        failWith: new Error('governance store offline'),
      }),
    });
    expect(
      await screen.findByText('Error: governance store offline', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });

  it('keeps the risk assessment and the technical documentation with a review and without', async () => {
    await renderCard(<ModelGovernanceContent />, churnModel);
    expect(
      await screen.findByText('EU AI Act risk assessment'),
    ).toBeInTheDocument();
    expect(screen.getByText('Audit log')).toBeInTheDocument();
  });
});
