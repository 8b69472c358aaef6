import { Alert } from '@mantine/core';

/** What anyone but an Admin sees of integrations: the server shows them none. */
export function AdminsOnly() {
  return (
    <Alert color="gray" title="Only Admins see integrations">
      Integrations (Port’s Ocean integrations) write to the catalog with an Admin’s credentials: only Admins
      see them, their syncs and logs, and manage them. Ask an Admin.
    </Alert>
  );
}
