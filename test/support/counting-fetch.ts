import { httpFetch, type FetchLike } from '../../electron/core/api/http-fetch';

/** httpFetch, counting every decoded byte the caller took from the body reader (to show a cap stops reading). */
export function countingFetch() {
  const counter = { bytes: 0 };
  const fetch: FetchLike = async (url, init) => {
    const response = await httpFetch(url, init);
    const body = response.body;
    if (!body) return response;
    return {
      ...response,
      body: {
        cancel: (reason) => body.cancel(reason),
        getReader: () => {
          const reader = body.getReader();
          return {
            read: async () => {
              const next = await reader.read();
              counter.bytes += next.value?.byteLength ?? 0;
              return next;
            },
            cancel: (reason) => reader.cancel(reason),
          };
        },
      },
    };
  };
  return { fetch, counter };
}
