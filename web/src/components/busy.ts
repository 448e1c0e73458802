import type { ButtonProps } from 'antd';

/**
 * The `loading` prop of a button whose request may be quick: the spinner shows only after 300 ms.
 * A spinner that flips on and off within one animation frame stays stuck in antd 6 (its leave
 * motion never ends), leaving the button named "loading …" for screen readers and tests.
 */
export function busy(pending: boolean): ButtonProps['loading'] {
  return pending ? { delay: 300 } : false;
}
