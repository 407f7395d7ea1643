// A button that opens the team preview (TeamPreviewDialog, loaded on first use: the first screen's
// JavaScript has a budget) for what `request` says when clicked, and takes focus back on close.
import { Suspense, lazy, useRef, useState, type ReactNode } from 'react';
import type { TeamPreviewInput } from '../../shared/team.ts';

const TeamPreviewDialog = lazy(() =>
  import('./TeamPreviewDialog.tsx').then((m) => ({ default: m.TeamPreviewDialog })),
);

export function TeamPreviewButton(props: {
  /** What to preview, as it stands at the click. */
  request: () => TeamPreviewInput;
  className: string;
  disabled?: boolean;
  /** The accessible name, when the visible text alone would not say which mission. */
  label?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState<TeamPreviewInput | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={props.className}
        disabled={props.disabled}
        aria-haspopup="dialog"
        aria-label={props.label}
        onClick={() => setOpen(props.request())}
      >
        {props.children}
      </button>
      {open && (
        <Suspense fallback={null}>
          <TeamPreviewDialog
            request={open}
            onClose={() => {
              setOpen(null);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
