export function EntityHistoryPage() {
  return null;
}
