export function EntityGraphPage() {
  return null;
}
