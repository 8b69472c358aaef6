export function SettingsTeamsPage() {
  return null;
}
