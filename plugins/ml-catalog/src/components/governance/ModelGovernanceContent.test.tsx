import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import {
  churnAuditLog,
  churnReview,
  fakeGovernanceApi,
} from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { MlModelComplianceCard } from '../entity/MlModelComplianceCard';
import {
  AUDIT_PAGE_SIZE,
  describeChange,
  ModelGovernanceContent,
} from './ModelGovernanceContent';

// The dialogs are filled by typing, which takes a few seconds on a busy CI machine.
jest.setTimeout(20_000);

const draft = () =>
  churnReview({
    state: 'draft',
    submittedAt: undefined,
    actions: ['edit_items', 'submit', 'withdraw'],
  });

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

  it("offers a reviewer only the review's actions for them", async () => {
    await renderCard(<ModelGovernanceContent />, churnModel);
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
    await renderCard(<ModelGovernanceContent />, churnModel, {
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
    const api = fakeGovernanceApi({ reviews: [draft()] });
    await renderCard(<ModelGovernanceContent />, churnModel, {
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
  });

  it('shows a write in the audit log at once, without a reload', async () => {
    const api = fakeGovernanceApi({ reviews: [draft()] });
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

  it('records a decision with its note', async () => {
    const api = fakeGovernanceApi();
    await renderCard(<ModelGovernanceContent />, churnModel, {
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
    const api = fakeGovernanceApi({ reviews: [draft()] });
    await renderCard(<ModelGovernanceContent />, churnModel, {
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

  describe('with downloads recorded', () => {
    // jsdom has no object URLs and does not follow links: record what the page saves.
    const original = {
      createObjectURL: URL.createObjectURL,
      revokeObjectURL: URL.revokeObjectURL,
    };
    const saved: Array<{ file: string; blob: Blob }> = [];
    beforeEach(() => {
      saved.length = 0;
      const blobs = new Map<string, Blob>();
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => {
          const url = `blob:audit-${blobs.size}`;
          blobs.set(url, blob);
          return url;
        },
        revokeObjectURL: () => {},
      });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          saved.push({ file: this.download, blob: blobs.get(this.href)! });
        });
    });
    afterEach(() => {
      Object.assign(URL, original);
      jest.restoreAllMocks();
    });

    it('exports the audit log as CSV and JSON', async () => {
      await renderCard(<ModelGovernanceContent />, churnModel);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      await waitFor(() => expect(saved).toHaveLength(1));
      await userEvent.click(
        screen.getByRole('button', { name: 'Export JSON' }),
      );
      await waitFor(() => expect(saved).toHaveLength(2));
      expect(saved.map(s => s.file)).toEqual([
        'churn-predictor-audit.csv',
        'churn-predictor-audit.json',
      ]);
      expect(saved.every(s => s.blob instanceof Blob)).toBe(true);
    });
  });

  it('shows the audit log newest first with its chain, and loads older entries page by page', async () => {
    // Two pages: the second one short, so the last load ends the list.
    const count = AUDIT_PAGE_SIZE + 5;
    await renderCard(<ModelGovernanceContent />, churnModel, {
      governanceApi: fakeGovernanceApi({ audit: churnAuditLog(count) }),
    });
    const seqs = () =>
      within(screen.getAllByRole('table').at(-1)!)
        .getAllByRole('row')
        .slice(1)
        .map(row => Number(within(row).getAllByRole('cell')[0].textContent));
    const load = () =>
      userEvent.click(
        screen.getByRole('button', { name: 'Load older entries' }),
      );

    await screen.findByRole('button', { name: 'Load older entries' });
    expect(seqs()).toEqual(
      Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => count - i),
    );
    // Each row names its link in the chain: the start of its hash, and both in full.
    const [newest, previous] = churnAuditLog(count).reverse();
    expect(screen.getByText(newest.hash.slice(0, 12))).toHaveAttribute(
      'title',
      `hash ${newest.hash}, previous ${previous.hash}`,
    );

    await load();
    await waitFor(() => expect(seqs()).toHaveLength(count));
    expect(seqs().slice(-3)).toEqual([3, 2, 1]);
    expect(
      screen.queryByRole('button', { name: 'Load older entries' }),
    ).not.toBeInTheDocument();
    // A table of 55 rows renders slowly in jsdom on a busy 2-core machine.
  }, 60_000);
});

describe('MlModelComplianceCard', () => {
  it('shows the compliance, every reason and the counting review', async () => {
    await renderCard(<MlModelComplianceCard />, churnModel);
    expect(
      await screen.findByLabelText('Compliance: non compliant'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Compliance reasons' }),
      ).getByText('No approved, unexpired governance review'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Review of version 8: in review/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the Governance tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/churn-predictor/governance',
    );
  });

  it('shows the server error', async () => {
    await renderCard(<MlModelComplianceCard />, churnModel, {
      governanceApi: fakeGovernanceApi({ failWith: new Error('offline') }),
    });
    expect(
      await screen.findByText('Error: offline', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});

describe('describeChange', () => {
  it('reads an audit change as people say it', () => {
    expect(
      describeChange({
        review: 'rev-1',
        item: 'rollback-tested',
        status: 'not_applicable',
        evidence: ['https://a.example.com', 'https://b.example.com'],
      }),
    ).toBe(
      'item: rollback-tested · status: not applicable · evidence: https://a.example.com, https://b.example.com',
    );
    expect(describeChange(undefined)).toBe('');
  });
});
