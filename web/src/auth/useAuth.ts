import { useContext } from 'react';
import { type Auth, AuthContext } from './AuthContext.ts';

/** The logged-in user; only inside the staff app (AuthProvider). */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
