import { AuthProvider } from '../auth/AuthProvider.tsx';
import { AntdProvider } from '../components/AntdProvider.tsx';
import { StaffShell } from './StaffShell.tsx';

/** Everything behind the login, loaded on demand: the user, then the shell with its pages. */
export default function StaffApp() {
  return (
    <AntdProvider>
      <AuthProvider>
        <StaffShell />
      </AuthProvider>
    </AntdProvider>
  );
}
