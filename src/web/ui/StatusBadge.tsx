import type { ReactNode } from 'react';
import { Badge } from '@mantine/core';

/** Filled badge colours whose white text keeps >= 4.5:1 contrast (Mantine's defaults do not). */
export const TONE_COLORS = {
  success: 'teal.9',
  neutral: 'gray.7',
  danger: 'red.9',
  info: 'blue.9',
} as const;
export type Tone = keyof typeof TONE_COLORS;

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    // Never truncated: Mantine badges ellipsize when squeezed, which would hide the status itself.
    <Badge color={TONE_COLORS[tone]} variant="filled" radius="sm" tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {children}
    </Badge>
  );
}
