/**
 * A slow backend that answers each request with how many requests it had seen then
 * (`{ reads }`; the combined reads `/summary` answer it as each part), and records each
 * request as `METHOD url [body]`.
 */
export function countingServer() {
  const seen: string[] = [];
  const fetchApi = {
    fetch: async (url: string, init?: { method?: string; body?: string }) => {
      const method = init?.method ?? 'GET';
      seen.push(
        method === 'GET' ? url : `${method} ${url} ${init?.body ?? ''}`.trim(),
      );
      const reads = seen.length; // the state as this request found it
      // Reads are slower than writes, so a write can end while a read is under way.
      const delay = method === 'GET' ? 30 : 5;
      await new Promise(resolve => setTimeout(resolve, delay));
      const answer = /\/summary(\/by-refs)?$/.test(url)
        ? { status: { reads }, compliance: { reads } }
        : { reads };
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  };
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/ml-catalog',
  };
  return { seen, deps: { fetchApi: fetchApi as any, discoveryApi } };
}
