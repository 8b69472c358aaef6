export function SettingsPermissionsPage() {
  return null;
}
