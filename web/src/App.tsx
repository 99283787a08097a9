import { App as AntApp, ConfigProvider, Layout, Spin, Switch, theme, type ThemeConfig } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { UserArea } from './components/UserArea.js';
import { ItemGuideRoute, LifeEventGuideRoute, ResumeGuideRoute } from './guide/GuidePage.js';
import { LifeEventsPage } from './guide/LifeEventsPage.js';
import { useLargeFont } from './large-font.js';
import { ChatPage } from './pages/ChatPage.js';
import { EntryPage } from './pages/EntryPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SearchPage } from './pages/SearchPage.js';

const AdminRoutes = lazy(() => import('./pages/admin/AdminRoutes.js'));
const HotlineRoutes = lazy(() => import('./hotline/HotlineRoutes.js'));
const DocumentsRoutes = lazy(() => import('./documents/DocumentsRoutes.js'));
const AllocationRoutes = lazy(() => import('./allocation/AllocationRoutes.js'));
const PrereviewPage = lazy(() => import('./pages/PrereviewPage.js').then((m) => ({ default: m.PrereviewPage })));
const PrereviewStatusPage = lazy(() => import('./pages/PrereviewStatusPage.js').then((m) => ({ default: m.PrereviewStatusPage })));

// TypeScript (NodeNext) reads antd's declarations as CommonJS, so the default import is typed
// as the module object; Vite hands us the ESM default, the locale itself.
const zhCN: Locale = (zhCNModule as unknown as { default?: Locale }).default ?? (zhCNModule as unknown as Locale);

const PRIMARY = '#1d4f91';

const baseTheme: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    borderRadius: 4,
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
};

/** 大字版: a 20px base with near-black text and darker borders for contrast. */
const largeTheme: ThemeConfig = {
  ...baseTheme,
  token: {
    ...baseTheme.token,
    fontSize: 20,
    colorText: '#000000',
    colorTextSecondary: '#1a1a1a',
    colorTextTertiary: '#262626',
    colorTextDescription: '#1a1a1a',
    colorBorder: '#595959',
    colorBorderSecondary: '#8c8c8c',
    colorPrimary: '#0b3b78',
    colorLink: '#0b3b78',
  },
};

export function App() {
  const [largeFont, setLargeFont] = useLargeFont();
  const location = useLocation();
  // the widget's frame (/chat?embed=1, web/public/widget.js) shows the chat alone
  const embedded = location.pathname === '/chat' && new URLSearchParams(location.search).get('embed') === '1';
  return (
    <ConfigProvider locale={zhCN} theme={largeFont ? largeTheme : baseTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        {embedded ? (
          <ChatPage embedded largeFont={largeFont} onLargeFontChange={setLargeFont} />
        ) : (
          <Layout className="site">
            <Layout.Header className="site-header">
              <Link to="/" className="site-brand" aria-label="小政 政务服务知识库 首页">
                <span className="site-logo" aria-hidden="true">
                  政
                </span>
                <span className="site-title">
                  小政<span className="site-subtitle">政务服务知识库</span>
                </span>
              </Link>
              <div className="site-tools">
                <Link to="/chat" className="site-chat-link">
                  问小政
                </Link>
                <Link to="/life-events" className="site-chat-link">
                  一件事
                </Link>
                <Link to="/allocation" className="site-chat-link">
                  资源分配
                </Link>
                <UserArea />
                <label className="large-font-toggle">
                  <span>大字版</span>
                  <Switch checked={largeFont} onChange={setLargeFont} aria-label="适老化大字版" data-testid="large-font-toggle" />
                </label>
              </div>
            </Layout.Header>
            <Layout.Content className="site-content">
              <Routes>
                <Route path="/" element={<SearchPage />} />
                <Route path="/entries/:id" element={<EntryPage />} />
                <Route path="/entries/:id/guide" element={<ItemGuideRoute />} />
                <Route path="/guide/:token" element={<ResumeGuideRoute />} />
                <Route path="/life-events" element={<LifeEventsPage />} />
                <Route path="/life-events/:id" element={<LifeEventGuideRoute />} />
                <Route path="/chat" element={<ChatPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route
                  path="/prereview/status"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <PrereviewStatusPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/prereview/:itemId"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <PrereviewPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/admin/*"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <AdminRoutes />
                    </Suspense>
                  }
                />
                <Route
                  path="/hotline/*"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <HotlineRoutes />
                    </Suspense>
                  }
                />
                <Route
                  path="/documents/*"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <DocumentsRoutes />
                    </Suspense>
                  }
                />
                <Route
                  path="/allocation/*"
                  element={
                    <Suspense fallback={<Spin className="page-spin" />}>
                      <AllocationRoutes />
                    </Suspense>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Layout.Content>
            <Layout.Footer className="site-footer">
              <div>小政 · 开源 AI 公务员 · 政务服务知识库</div>
              <div>信息仅供参考，具体以实施机关公布的办事指南和正式文件为准</div>
              <div>
                <Link to="/hotline/new">12345 网上诉求</Link> · <Link to="/hotline/track">诉求进度查询</Link>
              </div>
            </Layout.Footer>
          </Layout>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
