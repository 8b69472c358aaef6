import { describe, expect, it } from 'vitest';
import { syncOf } from './integration-syncs.js';

describe("a request's sync", () => {
  it("is named by Ocean's User-Agent and its resync id", () => {
    expect(syncOf('port-ocean/github/1.2.3/my-github/exporter', 'e1')).toEqual({
      integration: 'my-github',
      eventId: 'e1',
      prefix: 'port-ocean/github/',
      suffix: '/my-github/exporter',
    });
    expect(syncOf('port-ocean/github/1.2.3/my-github', 'e1')?.suffix).toBe('/my-github');
  });

  it('is none without both, or for another client', () => {
    expect(syncOf('port-ocean/github/1.2.3/my-github/exporter', undefined)).toBeUndefined();
    expect(syncOf('port-ocean/github/1.2.3/my-github/exporter', '')).toBeUndefined();
    expect(syncOf('port-ocean/github/1.2.3/my-github/exporter', ['e1'])).toBeUndefined();
    expect(syncOf(undefined, 'e1')).toBeUndefined();
    expect(syncOf('curl/8.5.0', 'e1')).toBeUndefined();
    expect(syncOf('port-ocean/github', 'e1')).toBeUndefined();
    expect(syncOf('port-ocean//1/x/exporter', 'e1')).toBeUndefined();
  });
});
