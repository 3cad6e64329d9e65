/**
 * Opens a <dialog> as a modal when it is attached: focus moves into it, the page behind is inert and
 * Esc cancels. Where showModal is missing (jsdom), it is simply shown open.
 */
export function modal(dialog: HTMLDialogElement): () => void {
  try {
    dialog.showModal();
  } catch {
    dialog.setAttribute('open', '');
  }
  return () => {
    if (dialog.open) dialog.close?.();
  };
}
