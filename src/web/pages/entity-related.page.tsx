export function EntityRelatedPage() {
  return null;
}
