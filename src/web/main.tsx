import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, whenSessionLost } from './api/client';
import { createAppRouter } from './routes';
import { sessionQuery } from './api/session.queries';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal will not change on retry; a lost connection may.
      retry: (failures, error) => failures < 2 && error instanceof ApiError && error.status === 0,
      refetchOnWindowFocus: false,
    },
  },
});
// Asked before React first renders: every page but sign-in waits for it.
void queryClient.prefetchQuery(sessionQuery());
const router = createAppRouter(queryClient);

whenSessionLost(() => {
  const { pathname, searchStr, hash } = router.state.location;
  if (pathname === '/sign-in') return;
  queryClient.setQueryData(['session'], null);
  void router.navigate({
    to: '/sign-in',
    search: { redirect: `${pathname}${searchStr}${hash ? `#${hash}` : ''}` },
  });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
