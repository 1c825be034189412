import { ColumnOption, knownChoices, shownColumnIds } from './columnChoice';

const options: ColumnOption[] = [
  { id: 'model', title: 'Model', shownByDefault: true, required: true },
  { id: 'owner', title: 'Owner', shownByDefault: true },
  { id: 'slas', title: 'SLAs', shownByDefault: false },
];

describe('shownColumnIds', () => {
  it('shows the defaults when nothing is stored, or something that is not a choice', () => {
    for (const stored of [undefined, null, 'owner', ['slas'], 3]) {
      expect(shownColumnIds(options, stored)).toEqual(['model', 'owner']);
    }
  });

  it("applies the person's choices in the columns' order", () => {
    expect(shownColumnIds(options, { slas: true, owner: false })).toEqual([
      'model',
      'slas',
    ]);
  });

  it('keeps the required column and drops ids it does not know', () => {
    expect(
      knownChoices(options, { model: false, retired: true, owner: 'no' }),
    ).toEqual({});
    expect(shownColumnIds(options, { model: false, retired: true })).toEqual([
      'model',
      'owner',
    ]);
  });
});
