import type { EnvironmentId } from '../../shared/domain/environment';
import { refused, type DocumentUrlPolicy } from '../../electron/core/documents/document-url-policy';

/**
 * Stands in for the document address policy in tests about something else (redirects, headers,
 * size caps, formats) whose "document hosts" are plain-http servers on 127.0.0.1 ports: any such
 * address is allowed, whatever the label's environment; anything else is refused as the real
 * policy refuses it. The real policy is tested in test/unit/document-fetcher.test.ts and
 * test/integration/document-url-policy.test.ts.
 */
export function loopbackTestPolicy(): DocumentUrlPolicy & { vetted: { url: string; environment: EnvironmentId }[] } {
  const vetted: { url: string; environment: EnvironmentId }[] = [];
  return {
    vetted,
    async vet(url, environment) {
      vetted.push({ url: url.href, environment });
      if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') throw refused('the test policy allows only http://127.0.0.1');
      return null;
    },
  };
}
