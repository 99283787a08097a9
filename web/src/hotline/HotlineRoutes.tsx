/**
 * Pages under /hotline/* (12345 热线). The citizen's form and tracking page are public; the
 * agent's console, the department's queue, the order page and the dashboard are staff pages.
 * Each page loads on demand: a citizen never downloads the consoles, nor an agent the charts.
 */
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { HotlineHome, HotlineLayout, RequireAny } from './HotlineLayout.js';
import './hotline.css';

const ConsolePage = lazy(() => import('./ConsolePage.js'));
const QueuePage = lazy(() => import('./QueuePage.js'));
const OrderPage = lazy(() => import('./OrderPage.js'));
const DashboardPage = lazy(() => import('./DashboardPage.js'));
const PublicFormPage = lazy(() => import('./PublicFormPage.js'));
const TrackPage = lazy(() => import('./TrackPage.js'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin className="page-spin" />}>{children}</Suspense>;
}

export default function HotlineRoutes() {
  return (
    <Routes>
      <Route path="new" element={<Page><PublicFormPage /></Page>} />
      <Route path="track" element={<Page><TrackPage /></Page>} />
      <Route element={<HotlineLayout />}>
        <Route index element={<HotlineHome console={<Page><ConsolePage /></Page>} />} />
        <Route path="queue" element={<RequireAny permissions={['hotline.handle']}><Page><QueuePage /></Page></RequireAny>} />
        <Route path="orders/:id" element={<RequireAny permissions={['hotline.intake', 'hotline.handle', 'hotline.supervise', 'hotline.stats']}><Page><OrderPage /></Page></RequireAny>} />
        <Route path="dashboard" element={<RequireAny permissions={['hotline.stats']}><Page><DashboardPage /></Page></RequireAny>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
