// A modal dialog holding one form: opened on mount, Escape means "cancel", the core's refusal
// shown above the two buttons. The reflection and "Log more…" dialogs are built on it.
import { useEffect, useRef, type ReactNode } from 'react';

export function ModalForm(props: {
  className: string;
  /** The id of the dialog's title (and of its introduction, when there is one). */
  titleId: string;
  descriptionId?: string;
  /** The core's message when it refused the last submit. */
  error: string | null;
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={props.titleId}
      aria-describedby={props.descriptionId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form
        className={props.className}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void props.onSubmit();
        }}
      >
        {props.children}
        {props.error && (
          <p role="alert" className="form-error">
            {props.error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button type="submit" className="button button-primary">
            {props.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
