import { lazy, type ComponentType } from 'react';

/**
 * React.lazy that reloads the page once when a chunk is gone: after a deploy the old build's file names no
 * longer exist, and a reload fetches the new index. The flag stops a reload loop when the chunk is truly
 * broken.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export function lazyWithRetry<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(async () => {
    try {
      const module = await load();
      sessionStorage.removeItem('portico:chunk-reload');
      return module;
    } catch (error) {
      if (!sessionStorage.getItem('portico:chunk-reload')) {
        sessionStorage.setItem('portico:chunk-reload', '1');
        window.location.reload();
      }
      throw error;
    }
  });
}
