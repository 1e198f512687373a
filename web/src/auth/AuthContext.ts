import { createContext } from 'react';
import type { Permission } from '../../../src/modules/auth/permissions.ts';
import type { Me } from './session.ts';

export interface Auth {
  me: Me;
  /** Whether the server granted the user this permission (GET /api/v1/auth/me `permissions`). */
  can: (permission: Permission) => boolean;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);
