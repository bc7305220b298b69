import * as React from 'react';

/** The Hive mark, drawn in the menu's current colour. */
export const HiveIcon = (props: React.SVGProps<SVGSVGElement>) => (
  <svg viewBox="0 0 32 32" width="1em" height="1em" fill="currentColor" aria-hidden="true" {...props}>
    <path d="M10.6 3 4 16l6.6 13h3.1L7.1 16l6.6-13h-3.1Z" />
    <path d="M15.3 3h3.1l6.6 13-6.6 13h-3.1l6.6-13-6.6-13Z" />
    <path d="M19.6 3h3.1L29.3 16l-6.6 13h-3.1l6.6-13-6.6-13Z" opacity=".55" />
    <path d="M11.7 16 15 9.5 18.3 16 15 22.5 11.7 16Z" />
  </svg>
);
