export function CommandPalette(_props: { opened: boolean; onClose: () => void }) {
  return null;
}
