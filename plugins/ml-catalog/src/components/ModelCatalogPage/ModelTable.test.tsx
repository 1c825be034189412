import { StorageApi, storageApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MODEL_CATALOG_STORAGE_BUCKET } from './columnChoice';
import { toModelRow } from './modelRows';
import { ModelTable } from './ModelTable';

const rows = [churnModel, fraudModel].map(entity => toModelRow(entity)!);

const DEFAULT_HEADERS = [
  'Model',
  'Owner / system',
  'Type',
  'Stage',
  'Risk tier',
  'Deployments',
  'SLA',
  'Compliance',
];

function renderTable(storage: StorageApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[storageApiRef, storage]]}>
      <ModelTable
        rows={rows}
        matching={2}
        total={2}
        sort={undefined}
        page={0}
        pageSize={20}
        onSortChange={() => {}}
        onPageChange={() => {}}
        onClearFilters={() => {}}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The column headers, also while the open Columns popover hides the page from the a11y tree. */
function headers() {
  return screen
    .getAllByRole('columnheader', { hidden: true })
    .map(header => header.textContent ?? '');
}

async function openColumns() {
  await userEvent.click(screen.getByRole('button', { name: /^Columns/ }));
  return screen.findByRole('dialog', { name: 'Columns' });
}

describe('ModelTable columns', () => {
  // Each opening of the popover re-renders the table; a busy machine needs the time.
  jest.setTimeout(30_000);

  it('shows the default columns, which leave out the lists of related entities', async () => {
    await renderTable(mockApis.storage());
    expect(headers()).toEqual(DEFAULT_HEADERS);
    expect(
      screen.getByRole('button', { name: 'Columns (4 hidden)' }),
    ).toBeInTheDocument();
  });

  it('hides a column, stores the choice, and shows it again from storage after a new render', async () => {
    const storage = mockApis.storage();
    const first = await renderTable(storage);
    const dialog = await openColumns();
    expect(
      within(dialog).getByRole('checkbox', { name: 'Model (always shown)' }),
    ).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Risk tier' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Served by' }),
    );
    expect(headers()).not.toContain('Risk tier');
    expect(headers()).toContain('Served by');
    expect(
      storage.forBucket(MODEL_CATALOG_STORAGE_BUCKET).snapshot('columns').value,
    ).toEqual({ risk: false, servers: true });

    first.unmount();
    await renderTable(storage);
    expect(headers()).toEqual([
      'Model',
      'Owner / system',
      'Type',
      'Stage',
      'Deployments',
      'SLA',
      'Compliance',
      'Served by',
    ]);
    expect(screen.getByText('churn-scoring-api')).toBeInTheDocument();
  });

  it('resets to the default columns', async () => {
    const storage = mockApis.storage();
    await storage
      .forBucket(MODEL_CATALOG_STORAGE_BUCKET)
      .set('columns', { stage: false, datasets: true });
    await renderTable(storage);
    expect(headers()).toContain('Datasets');
    expect(headers()).not.toContain('Stage');

    const dialog = await openColumns();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reset to default' }),
    );
    expect(headers()).toEqual(DEFAULT_HEADERS);
    expect(
      storage.forBucket(MODEL_CATALOG_STORAGE_BUCKET).snapshot('columns')
        .presence,
    ).toBe('absent');
    expect(
      within(dialog).getByRole('button', { name: 'Reset to default' }),
    ).toBeDisabled();
  });

  it('ignores stored columns it does not know, and choices that are not yes or no', async () => {
    const storage = mockApis.storage();
    await storage.forBucket(MODEL_CATALOG_STORAGE_BUCKET).set('columns', {
      gpuHours: true,
      model: false,
      owner: 'hidden',
      slas: true,
    });
    await renderTable(storage);
    expect(headers()).toEqual([...DEFAULT_HEADERS, 'SLAs']);
  });

  it('follows a choice stored elsewhere, e.g. in another tab', async () => {
    const storage = mockApis.storage();
    await renderTable(storage);
    await storage
      .forBucket(MODEL_CATALOG_STORAGE_BUCKET)
      .set('columns', { compliance: false });
    await waitFor(() => expect(headers()).not.toContain('Compliance'));
  });
});
