export function SettingsCredentialsPage() {
  return null;
}
