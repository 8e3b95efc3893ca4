import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults miss WCAG AA contrast in several places (primary shade 6, dimmed/error text,
 * light alert backgrounds). Everything below exists to keep text at >= 4.5:1 and input borders at >= 3:1.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
  defaultRadius: 'sm',
});

// Colours used for light-variant surfaces (alerts, active nav links). Shade 9 text on shade 0 passes
// for these four; green, yellow and orange do not, so the UI does not use them for text.
const LIGHT_SURFACE_COLORS = ['blue', 'red', 'teal', 'gray'] as const;

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
    '--mantine-color-placeholder': t.colors.gray[7],
    '--mantine-color-default-border': t.colors.gray[6],
    ...Object.fromEntries(
      LIGHT_SURFACE_COLORS.flatMap((c) => [
        [`--mantine-color-${c}-light`, t.colors[c][0]],
        [`--mantine-color-${c}-light-hover`, t.colors[c][1]],
        [`--mantine-color-${c}-light-color`, t.colors[c][9]],
      ]),
    ),
  },
  dark: {},
});
