import { Alert, Button, Card, List, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useLoad } from '../use-load.js';
import { listLifeEvents } from './api-guide.js';
import './guide.css';

/** 一件事一次办: life events, each one guided flow over the items of several departments. */
export function LifeEventsPage() {
  const [state] = useLoad((signal) => listLifeEvents(signal), 'life-events');
  return (
    <div className="guide-page">
      <header className="guide-header">
        <h1>一件事一次办</h1>
        <p className="guide-subtitle">多个部门的事项一次告知：共同的问题只问一次，材料合并去重，按顺序办理。</p>
      </header>
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'error' && <Alert type="error" showIcon title={state.message} />}
      {state.status === 'done' && (
        <List
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2 }}
          dataSource={state.data}
          locale={{ emptyText: '暂无“一件事”' }}
          renderItem={(e) => (
            <List.Item>
              <Card title={e.name} className="life-event-card" data-event={e.id}>
                {e.summary && <p>{e.summary}</p>}
                <ol className="plain-list">
                  {e.steps.map((s) => (
                    <li key={s.itemId}>
                      {s.title ?? s.itemName}
                      {s.conditional && <Tag className="guide-cond">视情况</Tag>}
                      <span className="guide-muted">（{s.department ?? ''}）</span>
                    </li>
                  ))}
                </ol>
                <Link to={`/life-events/${encodeURIComponent(e.id)}`}>
                  <Button type="primary">开始办理</Button>
                </Link>
              </Card>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
