import { StorageApi, storageApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { ComponentProps, useState } from 'react';
import userEvent from '@testing-library/user-event';
import { churnModel, fraudModel } from '../../__testUtils__/entities';
import { MODEL_CATALOG_STORAGE_BUCKET } from './columnChoice';
import { ModelQuery, toModelRow } from './modelRows';
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

function renderTable(
  storage: StorageApi,
  props: Partial<ComponentProps<typeof ModelTable>> = {},
) {
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
        {...props}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The model names of the table's rows, in order. */
function rowNames() {
  return within(screen.getAllByRole('rowgroup')[1])
    .getAllByRole('row')
    .map(row => within(row).getAllByRole('link')[0].textContent);
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
    // The disabled button cannot keep the focus: it moves to the first column a
    // person may choose, inside the popover, where Escape still closes it.
    const [firstChoosable] = within(dialog)
      .getAllByRole('checkbox')
      .filter(box => !(box as HTMLInputElement).disabled);
    expect(firstChoosable).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Columns' })).toBeNull(),
    );
    expect(screen.getByRole('button', { name: /^Columns/ })).toHaveFocus();
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

/** The table with the page's part: it keeps the sort and sorts the two rows. */
function SortingTable(props: { onSort: (sort: ModelQuery['sort']) => void }) {
  const [sort, setSort] = useState<ModelQuery['sort']>();
  const sorted = [...rows].sort(
    (a, b) =>
      (sort?.direction === 'desc' ? -1 : 1) *
      (sort?.field === 'risk'
        ? Number(a.riskTier === 'high') - Number(b.riskTier === 'high')
        : a.title.localeCompare(b.title)),
  );
  return (
    <ModelTable
      rows={sorted}
      matching={2}
      total={2}
      sort={sort}
      page={0}
      pageSize={20}
      onSortChange={next => {
        props.onSort(next);
        setSort(next);
      }}
      onPageChange={() => {}}
      onClearFilters={() => {}}
    />
  );
}

describe('ModelTable', () => {
  it('sorts by a header press, ascending first, then the other way, and marks the sorted header', async () => {
    const onSort = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[storageApiRef, mockApis.storage()]]}>
        <SortingTable onSort={onSort} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const risk = screen.getByRole('columnheader', { name: 'Risk tier' });
    expect(risk).not.toHaveAttribute('aria-sort');
    await userEvent.click(within(risk).getByRole('button'));
    expect(onSort).toHaveBeenLastCalledWith({
      field: 'risk',
      direction: 'asc',
    });
    expect(risk).toHaveAttribute('aria-sort', 'ascending');
    expect(rowNames()).toEqual([
      'Customer churn predictor',
      'Payment fraud detector',
    ]);

    await userEvent.click(within(risk).getByRole('button'));
    expect(onSort).toHaveBeenLastCalledWith({
      field: 'risk',
      direction: 'desc',
    });
    expect(risk).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual([
      'Payment fraud detector',
      'Customer churn predictor',
    ]);
    // Columns of lists do not sort.
    expect(
      within(
        screen.getByRole('columnheader', { name: 'Deployments' }),
      ).queryByRole('button'),
    ).not.toBeInTheDocument();
  });

  it('sorts from the keyboard: Tab reaches the headers, Enter and Space sort', async () => {
    const onSort = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[storageApiRef, mockApis.storage()]]}>
        <SortingTable onSort={onSort} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const model = within(
      screen.getByRole('columnheader', { name: 'Model' }),
    ).getByRole('button');
    // The Columns button, then the first header.
    await userEvent.tab();
    await userEvent.tab();
    expect(model).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onSort).toHaveBeenLastCalledWith({
      field: 'title',
      direction: 'asc',
    });
    await userEvent.keyboard(' ');
    expect(onSort).toHaveBeenLastCalledWith({
      field: 'title',
      direction: 'desc',
    });
    expect(screen.getByRole('columnheader', { name: 'Model' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(rowNames()).toEqual([
      'Payment fraud detector',
      'Customer churn predictor',
    ]);
  });

  it('pages: the next page and another page size', async () => {
    const onPageChange = jest.fn();
    await renderTable(mockApis.storage(), {
      matching: 45,
      total: 45,
      onPageChange,
    });
    expect(screen.getByText('1-20 of 45')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenLastCalledWith(1, 20);

    await userEvent.click(
      screen.getByRole('button', { name: /^Rows per page/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: '50' }));
    expect(onPageChange).toHaveBeenLastCalledWith(0, 50);
  });

  it('says when no model matches, offers to clear the filters, and shows no pager', async () => {
    const onClearFilters = jest.fn();
    await renderTable(mockApis.storage(), {
      rows: [],
      matching: 0,
      total: 2,
      onClearFilters,
    });
    expect(screen.getByText('Models (0 of 2)')).toBeInTheDocument();
    expect(
      screen.getByText('No models match these filters.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Next page' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(onClearFilters).toHaveBeenCalledTimes(1);
  });

  it('names the table by its title and lets the keyboard reach the compliance reasons', async () => {
    const judged = rows.map(row => ({
      ...row,
      compliance: {
        status: 'non_compliant' as const,
        reasons: [`${row.name} has no model card`],
      },
    }));
    await renderTable(mockApis.storage(), { rows: judged, total: undefined });
    expect(screen.getByRole('table', { name: 'Models' })).toBeInTheDocument();
    expect(screen.getByText('Loading every model…')).toBeInTheDocument();
    const chip = screen.getAllByRole('note', {
      name: 'Compliance: non compliant',
    })[1];
    for (let step = 0; step < 60 && document.activeElement !== chip; step++) {
      await userEvent.tab();
    }
    expect(chip).toHaveFocus();
    expect(chip).toHaveAccessibleDescription(
      'fraud-detector has no model card',
    );
  });
});
