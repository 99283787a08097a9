import type { ReactNode } from 'react';
import { Citations } from './Citations.js';
import type { ShownMessage } from './conversation-state.js';

export type Speakers = Record<ShownMessage['role'], string>;

/** Who said it, as the citizen sees it; the agent console names the citizen and the agent instead. */
const CITIZEN_VIEW: Speakers = { citizen: '我', assistant: '小政', agent: '人工客服', system: '系统消息' };

/** 'emergency:110,120' → ['110', '120']: the numbers to call come first, as links a phone can dial. */
function emergencyNumbers(reason: string | null | undefined): string[] {
  const m = /^emergency:([\d,]+)$/.exec(reason ?? '');
  return m ? m[1]!.split(',').filter(Boolean) : [];
}

/** One message of the conversation; `footer` holds the rating under an answer. */
export function MessageView({ message, external, footer, speakers = CITIZEN_VIEW }: { message: ShownMessage; external?: boolean; footer?: ReactNode; speakers?: Speakers }) {
  const { role } = message;
  if (role === 'system') {
    return (
      <li className="chat-msg is-system" data-role="system">
        <span className="chat-sr-only">{speakers.system}：</span>
        {message.text}
      </li>
    );
  }
  const dial = emergencyNumbers(message.reason);
  return (
    <li className={`chat-msg is-${role}${message.failed ? ' is-failed' : ''}`} data-role={role} aria-busy={message.streaming || undefined}>
      {role !== 'citizen' && (
        <span className={`chat-avatar is-${role}`} aria-hidden="true">
          {role === 'agent' ? '人' : '政'}
        </span>
      )}
      <div className="chat-bubble-wrap">
        <div className="chat-speaker">{speakers[role]}</div>
        <div className="chat-bubble">
          {dial.length > 0 && (
            <div className="chat-emergency-calls">
              {dial.map((n) => (
                <a key={n} className="chat-emergency" href={`tel:${n}`}>
                  紧急情况请立即拨打 {n}
                </a>
              ))}
            </div>
          )}
          {message.streaming && !message.text ? (
            <span className="chat-typing" aria-label="正在回答">
              <span />
              <span />
              <span />
            </span>
          ) : (
            <div className="chat-text">{message.text}</div>
          )}
          {!message.streaming && <Citations citations={message.citations} external={external} />}
        </div>
        {message.failed && (
          <div className="chat-error" role="alert">
            {message.failed}
          </div>
        )}
        {footer}
      </div>
    </li>
  );
}
