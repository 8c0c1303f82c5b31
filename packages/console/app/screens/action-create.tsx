/** PLACEHOLDER: replaced by the real screen in this issue. */
import type { ScreenProps } from '../routes.js';
import { Page } from '../ui/kit.js';

export function CreateAction(_props: ScreenProps) {
  return <Page title="CreateAction">{null}</Page>;
}
