export function DataModelPage() {
  return null;
}
