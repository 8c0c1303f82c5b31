/** PLACEHOLDER: replaced by the real screen in this issue. */
import type { ScreenProps } from '../routes.js';
import { Page } from '../ui/kit.js';

export function CustomersList(_props: ScreenProps) {
  return <Page title="CustomersList">{null}</Page>;
}
