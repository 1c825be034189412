/**
 * Records what a page saves through `saveDownload`: jsdom has no object URLs and does
 * not follow links. Call inside a `describe`; the URL functions and the anchor's click
 * are restored after each test.
 */
export function recordDownloads(): Array<{ file: string; blob: Blob }> {
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
        const url = `blob:download-${blobs.size}`;
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
  return saved;
}
