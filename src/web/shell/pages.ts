/** The portal's sections: the navigation and the command palette both list them. */
export const PAGES = [
  { to: '/catalog', label: 'Catalog', admin: false },
  { to: '/scorecards', label: 'Scorecards', admin: false },
  { to: '/self-service', label: 'Self-service', admin: false },
  { to: '/runs', label: 'My runs', admin: false },
  { to: '/automations', label: 'Automations', admin: true },
  { to: '/data-model', label: 'Data model', admin: false },
  { to: '/audit-log', label: 'Audit log', admin: true },
  { to: '/settings', label: 'Settings', admin: false },
] as const;
