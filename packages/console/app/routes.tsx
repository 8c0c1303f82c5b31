/**
 * Every screen, its path, who may open it and whether it shows in the navigation. Role lists
 * mirror the gateway's access rules for the API calls the screen makes (the API stays the judge:
 * a screen opened anyway gets the API's 403 as a clear message).
 */
import type { ComponentType } from 'preact';
import type { Role } from './session.js';
import { ActionPage } from './screens/action.js';
import { ActionsBoard } from './screens/actions-board.js';
import { CreateAction } from './screens/action-create.js';
import { CustomerPage } from './screens/customer.js';
import { CustomersList } from './screens/customers.js';
import { Dashboard } from './screens/dashboard.js';
import { HubStation } from './screens/hub.js';
import { OrderPage } from './screens/order.js';
import { OrdersList } from './screens/orders.js';
import { PasswordScreen } from './screens/password.js';
import { ReviewQueue } from './screens/review.js';
import { SyncScreen } from './screens/sync.js';
import { TechnicianQueue } from './screens/technician.js';

export type NavKey = 'dashboard' | 'orders' | 'customers' | 'actions' | 'hub' | 'review' | 'technician' | 'sync';

export interface ScreenProps {
  params: Record<string, string>;
}

export interface RouteDef {
  path: string;
  screen: ComponentType<ScreenProps>;
  roles: readonly Role[];
  nav?: NavKey;
}

const office = ['agent', 'viewer', 'team_leader'] as const;
const everyone = ['agent', 'viewer', 'team_leader', 'hub_agent', 'technician'] as const;

export const ROUTES: RouteDef[] = [
  { path: '/', screen: Dashboard, roles: office, nav: 'dashboard' },
  { path: '/orders', screen: OrdersList, roles: everyone, nav: 'orders' },
  { path: '/orders/:id', screen: OrderPage, roles: everyone },
  { path: '/customers', screen: CustomersList, roles: office, nav: 'customers' },
  { path: '/customers/:phone', screen: CustomerPage, roles: office },
  { path: '/actions', screen: ActionsBoard, roles: everyone, nav: 'actions' },
  { path: '/actions/new', screen: CreateAction, roles: ['agent', 'team_leader'] },
  { path: '/actions/:id', screen: ActionPage, roles: everyone },
  { path: '/hub', screen: HubStation, roles: ['hub_agent', 'team_leader'], nav: 'hub' },
  { path: '/review', screen: ReviewQueue, roles: ['team_leader'], nav: 'review' },
  { path: '/technician', screen: TechnicianQueue, roles: ['technician', 'team_leader'], nav: 'technician' },
  { path: '/sync', screen: SyncScreen, roles: office, nav: 'sync' },
  { path: '/account/password', screen: PasswordScreen, roles: everyone },
];

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  if (role === 'hub_agent') return '/hub';
  if (role === 'technician') return '/technician';
  return '/';
}
