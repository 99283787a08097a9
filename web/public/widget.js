/*!
 * 小政 咨询挂件 (Xiaozheng chat widget). Put one line on any page:
 *   <script src="https://<小政的地址>/widget.js" defer></script>
 * A floating 小政 button opens the chat (/chat?embed=1 from the same server) in a frame.
 * Options as attributes of the script tag: data-label="小政" data-color="#1d4f91"
 * data-position="right|left". No dependencies; styles are set through the DOM, so a host page
 * whose Content-Security-Policy forbids inline styles still shows it (it must allow the frame:
 * frame-src <小政的地址>).
 */
(function () {
  'use strict';
  if (window.__xiaozhengWidget) return;
  window.__xiaozhengWidget = true;

  var script = document.currentScript;
  if (!script) {
    var all = document.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) {
      if (/\/widget\.js(\?|#|$)/.test(all[i].src)) {
        script = all[i];
        break;
      }
    }
  }
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var label = script.getAttribute('data-label') || '小政';
  var color = script.getAttribute('data-color') || '#1d4f91';
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  var narrow = window.matchMedia('(max-width: 600px)');

  function css(el, styles) {
    for (var k in styles) el.style[k] = styles[k];
    return el;
  }

  var button = css(document.createElement('button'), {
    position: 'fixed',
    bottom: '24px',
    zIndex: '2147483000',
    display: 'flex',
    alignItems: 'center',
    gap: '6px',
    padding: '0 18px',
    height: '52px',
    border: '2px solid #fff',
    borderRadius: '26px',
    background: color,
    color: '#fff',
    font: '600 17px/1 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)',
    cursor: 'pointer',
  });
  button.style[side] = '24px';
  button.type = 'button';
  button.id = 'xiaozheng-widget-button';
  button.textContent = '💬 ' + label;
  button.setAttribute('aria-label', '打开' + label + '智能咨询');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'xiaozheng-widget-panel');

  var panel = css(document.createElement('div'), {
    position: 'fixed',
    zIndex: '2147483001',
    display: 'none',
    flexDirection: 'column',
    background: '#fff',
    boxShadow: '0 8px 30px rgba(0,0,0,.3)',
    overflow: 'hidden',
  });
  panel.id = 'xiaozheng-widget-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label + ' 政务咨询');

  var bar = css(document.createElement('div'), {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: '0 6px 0 14px',
    height: '44px',
    flex: 'none',
    background: color,
    color: '#fff',
    font: '600 16px/1 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif',
  });
  var title = document.createElement('span');
  title.textContent = label + ' · 政务咨询';
  var close = css(document.createElement('button'), {
    width: '40px',
    height: '40px',
    border: '0',
    background: 'transparent',
    color: '#fff',
    font: '400 24px/1 sans-serif',
    cursor: 'pointer',
  });
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', '关闭咨询窗口');
  bar.appendChild(title);
  bar.appendChild(close);
  panel.appendChild(bar);

  var frame = null;

  function place() {
    var full = narrow.matches;
    css(panel, {
      top: full ? '0' : 'auto',
      bottom: full ? '0' : '90px',
      left: full ? '0' : side === 'left' ? '24px' : 'auto',
      right: full ? '0' : side === 'right' ? '24px' : 'auto',
      width: full ? '100%' : '390px',
      height: full ? '100%' : 'min(640px, calc(100vh - 120px))',
      borderRadius: full ? '0' : '10px',
    });
  }

  function open() {
    if (!frame) {
      frame = css(document.createElement('iframe'), { flex: '1 1 auto', width: '100%', border: '0' });
      frame.title = label + ' 政务咨询';
      frame.src = origin + '/chat?embed=1';
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
      frame.addEventListener('load', function () {
        frame.contentWindow.postMessage({ type: 'xiaozheng:open' }, origin);
      });
    } else {
      frame.contentWindow.postMessage({ type: 'xiaozheng:open' }, origin);
    }
    place();
    panel.style.display = 'flex';
    button.setAttribute('aria-expanded', 'true');
    if (narrow.matches) button.style.display = 'none';
  }

  function hide() {
    panel.style.display = 'none';
    button.style.display = 'flex';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', function () {
    if (panel.style.display === 'none') open();
    else hide();
  });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });
  // Escape pressed inside the chat frame: the chat asks us to close
  window.addEventListener('message', function (e) {
    if (e.origin === origin && e.data && e.data.type === 'xiaozheng:close' && panel.style.display !== 'none') hide();
  });
  if (narrow.addEventListener) narrow.addEventListener('change', place);

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
