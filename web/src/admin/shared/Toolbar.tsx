import type { ReactNode } from 'react';

/** Filters on the left, actions on the right, above a table. */
export function Toolbar({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="toolbar">
      <div className="toolbar-filters">{children}</div>
      <div className="toolbar-actions">{actions}</div>
    </div>
  );
}
