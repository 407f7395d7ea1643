// One toast at a time, announced politely; a win's toast offers Undo for a few seconds.
import { useEffect } from 'react';

export interface ToastMessage {
  kind: 'win' | 'info' | 'error';
  text: string;
  detail?: string;
}

const VISIBLE_MS = 6000;

export function Toast(props: {
  message: ToastMessage | null;
  /** Undo is offered only while the core says it can succeed (the mission has not ended). */
  canUndo: boolean;
  onUndo: () => void;
  onClose: () => void;
}) {
  const { message, onClose } = props;
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onClose, message.kind === 'error' ? VISIBLE_MS * 2 : VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [message, onClose]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className={`toast toast-${message.kind}`}>
          <p className="toast-text">
            <strong>{message.text}</strong>
            {message.detail && <span className="toast-detail">{message.detail}</span>}
          </p>
          {message.kind === 'win' && props.canUndo && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                onClose();
                props.onUndo();
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
