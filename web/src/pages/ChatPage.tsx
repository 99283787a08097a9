import { Alert, Button, Input, Spin, Switch } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useEffect, useRef, useState } from 'react';
import { CallbackForm } from '../chat/CallbackForm.js';
import { shown, type ShownMessage } from '../chat/conversation-state.js';
import { Feedback } from '../chat/Feedback.js';
import { MessageView } from '../chat/MessageView.js';
import { useConversation } from '../chat/use-conversation.js';
import '../chat/chat.css';

const STARTERS = ['身份证换领需要什么材料？', '怎么提取住房公积金？', '办理居住证的条件', '新生儿出生一件事怎么办？'];

const GREETING: ShownMessage = {
  key: 'greeting',
  role: 'assistant',
  text: '您好，我是小政，可以为您解答办事指南、政策文件和法律法规方面的问题，每条回答都会注明出处。请问有什么可以帮您？',
  citations: [],
};

const STATUS: Partial<Record<string, string>> = {
  queued: '正在为您转接人工坐席…',
  agent: '人工客服已接入，正在为您服务',
  closed: '人工服务已结束。继续提问将开始新的对话。',
};

export interface ChatPageProps {
  /** inside the widget's frame: compact, no site header, its own 大字版 switch */
  embedded?: boolean;
  largeFont?: boolean;
  onLargeFontChange?(on: boolean): void;
}

/** 问小政: the citizen's conversation with the assistant, and with a person after a handoff. */
export function ChatPage({ embedded = false, largeFont, onLargeFontChange }: ChatPageProps) {
  const chat = useConversation(embedded ? 'widget' : 'web');
  const { state } = chat;
  const [draft, setDraft] = useState('');
  const input = useRef<TextAreaRef>(null);
  const end = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    document.title = '问小政 - 小政';
  }, []);

  const all: ShownMessage[] = [...state.messages.map(shown), ...state.pending];
  const last = all[all.length - 1];
  const streamed = last?.streaming ? last.text.length : 0;
  useEffect(() => {
    // the widget scrolls the log inside the frame, the page scrolls the window
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [all.length, streamed, state.offer]);

  const focusInput = () => input.current?.focus();

  // inside the widget: its button moves focus to the question box, Escape closes the widget
  useEffect(() => {
    if (!embedded || window.parent === window) return;
    const onMessage = (e: MessageEvent<unknown>) => {
      if (e.source === window.parent && (e.data as { type?: string } | null)?.type === 'xiaozheng:open') input.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') window.parent.postMessage({ type: 'xiaozheng:close' }, '*');
    };
    window.addEventListener('message', onMessage);
    document.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
    };
  }, [embedded]);
  const send = (text: string) => {
    if (!text.trim() || state.busy) return;
    setDraft('');
    focusInput();
    void chat.send(text);
  };

  const quickReplies = state.busy || state.restoring || state.mode !== 'bot' ? [] : !last ? STARTERS : last.role === 'assistant' && !last.failed ? (last.suggestions ?? []) : [];
  const status = STATUS[state.mode];

  return (
    <div className={`chat-page${embedded ? ' is-embedded' : ''}`}>
      <header className="chat-head">
        <div className="chat-head-title">
          <h1>问小政</h1>
          <span className="chat-head-sub">政务咨询 · 回答均注明出处</span>
        </div>
        <div className="chat-head-actions">
          <Button size={embedded ? 'small' : 'middle'} onClick={() => void chat.handoff()} disabled={state.mode !== 'bot' || state.busy || state.restoring}>
            转人工
          </Button>
          <Button
            size={embedded ? 'small' : 'middle'}
            onClick={() => {
              chat.reset();
              setDraft('');
              focusInput();
            }}
          >
            新对话
          </Button>
          {embedded && onLargeFontChange && (
            <label className="chat-large-font">
              <span>大字</span>
              <Switch size="small" checked={largeFont} onChange={onLargeFontChange} aria-label="适老化大字版" />
            </label>
          )}
        </div>
      </header>

      {status && (
        <div className={`chat-status is-${state.mode}`} role="status" data-testid="chat-status">
          {state.mode === 'queued' && <Spin size="small" />}
          <span>{status}</span>
        </div>
      )}

      {state.restoring ? (
        <Spin className="page-spin" />
      ) : (
        <ol ref={log} className="chat-log" role="log" aria-live="polite" aria-relevant="additions" aria-label="对话记录" data-testid="chat-log">
          {all.length === 0 && state.earlier.length === 0 && <MessageView message={GREETING} />}
          {state.earlier.map((m) => (
            <MessageView key={`e-${m.key}`} message={m} external={embedded} />
          ))}
          {state.earlier.length > 0 && (
            <li className="chat-divider" role="separator">
              以上为之前的对话
            </li>
          )}
          {all.map((m) => (
            <MessageView
                key={m.key}
                message={m}
                external={embedded}
                footer={
                  m.failed ? (
                    <Button size="small" onClick={() => send(m.text)} disabled={state.busy}>
                      重新发送
                    </Button>
                  ) : // a handoff's acknowledgement is no answer to rate
                  m.role === 'assistant' && m.id !== undefined && !m.streaming && m.outcome !== 'handoff' && state.sessionId ? (
                    <Feedback rated={state.rated[m.id]} onRate={(useful, reason) => chat.rate(m.id!, useful, reason)} />
                  ) : undefined
                }
              />
          ))}
        </ol>
      )}

      {quickReplies.length > 0 && (
        <div className="chat-quick" role="group" aria-label={last ? '您可以接着问' : '您可以这样问'}>
          {quickReplies.map((s) => (
            <Button key={s} size="small" className="chat-quick-btn" onClick={() => send(s)}>
              {s}
            </Button>
          ))}
        </div>
      )}

      {state.offer && <CallbackForm offer={state.offer} onSubmit={chat.leaveCallback} />}

      {chat.error && <Alert type="error" showIcon closable title={chat.error} onClose={chat.clearError} className="chat-alert" />}

      <div ref={end} className="chat-end" />
      <form
        className="chat-composer"
        onSubmit={(e) => {
          e.preventDefault();
          send(draft);
        }}
      >
        <Input.TextArea
          ref={input}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends; Shift+Enter is a new line; Enter that confirms an IME candidate is neither
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send(draft);
            }
          }}
          placeholder={state.mode === 'agent' ? '回复人工客服…' : '请输入您的问题，按 Enter 发送'}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={1000}
          aria-label="输入您的问题"
          autoFocus={!embedded}
        />
        <Button type="primary" htmlType="submit" disabled={!draft.trim() || state.busy} loading={state.busy}>
          发送
        </Button>
      </form>
    </div>
  );
}
