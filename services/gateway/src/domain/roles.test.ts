import { describe, expect, it } from 'vitest';
import { ROLES, isAllowed } from './roles.js';

describe('roles', () => {
  it('admin may call every route; others only listed routes; public is open to all', () => {
    for (const role of ROLES) expect(isAllowed(role, 'public')).toBe(true);
    expect(isAllowed('admin', ['viewer'])).toBe(true);
    expect(isAllowed('agent', ['agent', 'team_leader'])).toBe(true);
    expect(isAllowed('hub_agent', ['agent'])).toBe(false);
    expect(isAllowed('viewer', [])).toBe(false);
  });
});
