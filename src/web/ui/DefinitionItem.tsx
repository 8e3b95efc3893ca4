import type { ReactNode } from 'react';
import { Text, type MantineSize } from '@mantine/core';

/** One term and its value inside a `<dl>` (the wrapping div keeps term and value together in grids). */
export function DefinitionItem({ label, size, children }: { label: string; size?: MantineSize; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={700} size={size}>
        {label}
      </Text>
      <Text component="dd" m={0} size={size}>
        {children}
      </Text>
    </div>
  );
}
