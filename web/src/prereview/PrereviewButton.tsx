import { Button } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import './prereview.css';

/** On an item's guide: go to 材料预审 for it, or follow an application already made. */
export function PrereviewButton({ itemId }: { itemId: string }) {
  const navigate = useNavigate();
  return (
    <div className="prereview-entry">
      <Button type="primary" onClick={() => navigate(`/prereview/${encodeURIComponent(itemId)}`)}>
        材料预审
      </Button>
      <Link to="/prereview/status">查询办理进度</Link>
      <span className="muted">上传材料，提交前自动检查是否齐全、有效</span>
    </div>
  );
}
