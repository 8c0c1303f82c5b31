/** PLACEHOLDER: replaced by the real screen in this issue. */
import type { ScreenProps } from '../routes.js';
import { Page } from '../ui/kit.js';

export function Dashboard(_props: ScreenProps) {
  return <Page title="Dashboard">{null}</Page>;
}
