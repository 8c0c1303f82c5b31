/** PLACEHOLDER: replaced by the real screen in this issue. */
import type { ScreenProps } from '../routes.js';
import { Page } from '../ui/kit.js';

export function OrdersList(_props: ScreenProps) {
  return <Page title="OrdersList">{null}</Page>;
}
