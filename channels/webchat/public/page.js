/**
 * The web chat page's only script (no inline script: the page's CSP allows scripts from
 * CareLine itself only). It asks CareLine for a session (a token for this browser's own
 * conversation, new or resumed) and renders the official Web Chat with it.
 */
/* global WebChat, document, location */
(function startCareLineChat() {
  'use strict';

  // Direct Line connection states (botframework-directlinejs ConnectionStatus).
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var ENDED = 5;
  var nonce = document.currentScript && document.currentScript.nonce;

  function showConnectionError() {
    document.getElementById('connection-error').hidden = false;
  }

  function openSession() {
    return fetch('/api/webchat/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    }).then(function (response) {
      if (!response.ok) throw new Error('session request answered ' + response.status);
      return response.json();
    });
  }

  function render(session) {
    var directLine = WebChat.createDirectLine({
      token: session.token,
      conversationId: session.conversationId,
      domain: location.origin + '/v3/directline',
      webSocket: true,
    });
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT || status === ENDED) {
        showConnectionError();
      }
    });
    WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: session.locale,
        nonce: nonce,
        styleOptions: {
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          suggestedActionBorderRadius: 16,
        },
      },
      document.getElementById('webchat'),
    );
  }

  function start() {
    if (typeof WebChat === 'undefined') return showConnectionError();
    openSession().then(render, showConnectionError);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
