// The app's frame: the routes by audience. Public pages load with the entry and use no Ant Design;
// the login and everything behind it load on demand (React.lazy) with Ant Design, so the guide stays small.
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { prefetchMe } from './auth/session.ts';
import { NotFound } from './components/NotFound.tsx';
import { Spinner } from './components/Spinner.tsx';
import { GuideHome } from './public/GuideHome.tsx';
import { PublicLayout } from './public/PublicLayout.tsx';

const ItemDetailPage = lazy(() => import('./public/ItemDetailPage.tsx'));
const ProgressPage = lazy(() => import('./public/ProgressPage.tsx'));
const LoginPage = lazy(() => import('./auth/LoginPage.tsx'));
const StaffApp = lazy(() => {
  // Who is logged in is asked while the staff app's code downloads, not after.
  prefetchMe();
  return import('./staff/StaffApp.tsx');
});

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Spinner />}>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route index element={<GuideHome />} />
            <Route path="guide/items/:id" element={<ItemDetailPage />} />
            <Route path="progress" element={<ProgressPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route path="login" element={<LoginPage />} />
          <Route path="staff/*" element={<StaffApp />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
