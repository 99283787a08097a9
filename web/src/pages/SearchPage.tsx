import { Input } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, search } from '../api.js';
import { SearchFilters } from '../components/SearchFilters.js';
import { SearchResults, type SearchState } from '../components/SearchResults.js';
import { formFromParams, paramsFromForm, requestFromForm, type SearchForm } from '../search-params.js';

const SUGGESTIONS = ['公积金提取', '营业执照', '社保卡补办', '居住证', '高校毕业生补贴', '个体工商户'];

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const form = formFromParams(params);
  const [draft, setDraft] = useState(form.q);
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const key = paramsFromForm(form).toString();

  useEffect(() => setDraft(formFromParams(new URLSearchParams(key)).q), [key]);

  useEffect(() => {
    const f = formFromParams(new URLSearchParams(key));
    document.title = f.q ? `${f.q} - 搜索 - 小政` : '小政 · 政务服务知识搜索';
    if (!f.q.trim()) {
      setState({ status: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    search(requestFromForm(f), ctrl.signal).then(
      (data) => setState({ status: 'done', data }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ status: 'error', message: err instanceof ApiError ? err.message : '搜索服务暂时不可用，请稍后再试' });
      },
    );
    return () => ctrl.abort();
  }, [key, attempt]);

  const update = useCallback(
    (patch: Partial<SearchForm>) => setParams(paramsFromForm({ ...formFromParams(params), ...patch })),
    [params, setParams],
  );

  const submit = (q: string) => {
    if (!q.trim()) return;
    if (q.trim() === form.q) setAttempt((n) => n + 1);
    else update({ q });
  };

  const searched = state.status !== 'idle';
  return (
    <div className={`search-page${searched ? ' has-results' : ''}`}>
      <section className="search-hero">
        {!searched && (
          <>
            <h1 className="hero-title">政务服务 一搜即得</h1>
            <p className="hero-sub">查询办事指南、政策文件、法律法规和常见问题</p>
          </>
        )}
        <form
          role="search"
          className="search-box"
          onSubmit={(e) => {
            e.preventDefault();
            submit(draft);
          }}
        >
          <Input.Search
            size="large"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={submit}
            placeholder="请输入事项名称、政策或问题，如：公积金提取"
            enterButton="搜索"
            allowClear
            maxLength={500}
            aria-label="搜索内容"
            name="q"
          />
        </form>
        {!searched && (
          <div className="suggestions">
            <span className="muted">热门搜索：</span>
            {SUGGESTIONS.map((s) => (
              <Link key={s} className="suggestion" to={`/?${new URLSearchParams({ q: s })}`}>
                {s}
              </Link>
            ))}
          </div>
        )}
      </section>
      <div className="search-body">
        <SearchFilters form={form} onChange={update} />
        <SearchResults state={state} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    </div>
  );
}
