export function SettingsUsersPage() {
  return null;
}
