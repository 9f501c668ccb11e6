/**
 * The web chat page's only script (no inline script: the page's CSP allows scripts from
 * CareLine itself only). It asks CareLine for a session (a token for this browser's own
 * conversation, new or resumed) and renders the official Web Chat with it. When too many
 * new chats came from this connection, CareLine answers 429 with the line to show, in the
 * page's language.
 */
/* global WebChat, document, location */
(function startCareLineChat() {
  'use strict';

  // Direct Line connection states (botframework-directlinejs ConnectionStatus).
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var ENDED = 5;
  // The session endpoint's answer when this connection started too many chats lately.
  var TOO_MANY_REQUESTS = 429;
  var nonce = document.currentScript && document.currentScript.nonce;

  /** Shows the connection notice; `message` (text from CareLine) replaces its usual line. */
  function showConnectionError(message) {
    var notice = document.getElementById('connection-error');
    if (typeof message === 'string' && message) notice.textContent = message;
    notice.hidden = false;
  }

  /** The localized line a 429 carries, or undefined when its body cannot be read. */
  function refusalMessage(response) {
    return response.json().then(
      function (body) {
        return body && body.error && body.error.message;
      },
      function () {
        return undefined;
      },
    );
  }

  function openSession() {
    return fetch('/api/webchat/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    }).then(function (response) {
      if (response.status === TOO_MANY_REQUESTS) {
        return refusalMessage(response).then(function (message) {
          var error = new Error('session request answered 429');
          error.refusal = message;
          throw error;
        });
      }
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
    openSession().then(render, function (error) {
      showConnectionError(error && error.refusal);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
