import { pointerToPath } from './ajvIssues';

describe('pointerToPath', () => {
  const entity = {
    metadata: { labels: { '0': 'zero' }, annotations: { 'a.io/b~c': 'x' } },
    spec: { datasets: [{ role: 'x' }, { role: 'y' }] },
  };

  it.each([
    ['', ''],
    ['/spec', 'spec'],
    ['/spec/datasets/1/role', 'spec.datasets[1].role'],
    ['/metadata/labels/0', 'metadata.labels["0"]'],
    ['/metadata/annotations/a.io~1b~0c', 'metadata.annotations["a.io/b~c"]'],
    ['/spec/missing/0', 'spec.missing["0"]'],
  ])('%s → %s', (pointer, path) => {
    expect(pointerToPath(pointer, entity)).toBe(path);
  });
});
