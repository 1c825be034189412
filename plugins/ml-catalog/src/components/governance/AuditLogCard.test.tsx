import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel } from '../../__testUtils__/entities';
import {
  churnAuditLog,
  fakeGovernanceApi,
} from '../../__testUtils__/governanceApi';
import { renderCard } from '../../__testUtils__/renderCard';
import { recordDownloads } from '../../__testUtils__/downloads';
import { AUDIT_PAGE_SIZE, AuditLogCard, describeChange } from './AuditLogCard';

const card = (
  <AuditLogCard
    modelRef="mlmodel:default/churn-predictor"
    name="churn-predictor"
  />
);

describe('AuditLogCard', () => {
  describe('with downloads recorded', () => {
    const saved = recordDownloads();

    it('exports the audit log as CSV and JSON', async () => {
      await renderCard(card, churnModel);
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
    await renderCard(card, churnModel, {
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
  }, 120_000);
  it('shows the server error', async () => {
    await renderCard(card, churnModel, {
      governanceApi: fakeGovernanceApi({
        failWith: new Error('audit store offline'),
      }),
    });
    expect(
      await screen.findByText('Error: audit store offline', { selector: 'h6' }),
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
