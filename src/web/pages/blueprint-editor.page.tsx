export function BlueprintEditorPage() {
  return null;
}
