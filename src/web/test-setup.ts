import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Lazy-loaded pages on a busy 2-core machine can take longer than the 1 s default to appear.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks the layout APIs Mantine relies on; these stand-ins report "no match / no size".
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}

if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = () => {};
}

// jsdom throws "Not implemented" for pseudo-element styles, which Mantine asks for; answer for the element.
const originalGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => originalGetComputedStyle(element);

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
