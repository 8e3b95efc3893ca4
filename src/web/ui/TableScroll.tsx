import type { ReactNode } from 'react';
import { Box } from '@mantine/core';

/**
 * Horizontal scrolling for wide tables on tablets. The region is focusable and labelled so keyboard
 * users can scroll it even when the table holds no focusable element (WCAG 2.1.1).
 */
export function TableScroll({ label, children, minWidth = 720 }: { label: string; children: ReactNode; minWidth?: number }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
