// Starts Web Chat against this server's own Direct Line endpoint: no Azure, no internet.
// Kept out of index.html because the Content-Security-Policy forbids inline scripts.
(function () {
  'use strict';

  var locale = navigator.language || 'nl-BE';

  var directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/directline/v3/directline',
    // Any token opens a conversation; the server answers with the one that guards it.
    token: 'local',
    // The local endpoint speaks polling only (no streamUrl), so no WebSocket.
    webSocket: false,
    pollingInterval: 500,
    // Sent with the new conversation so the bot can welcome in the browser's language.
    conversationStartProperties: { locale: locale },
  });

  // Arabic (and other right-to-left languages): the whole chat runs right to left, so numbered
  // lists and bubbles sit where an Arabic reader expects them.
  var dir = /^(ar|fa|he|ur)\b/i.test(locale) ? 'rtl' : 'ltr';

  window.WebChat.renderWebChat(
    {
      directLine: directLine,
      locale: locale,
      dir: dir,
      styleOptions: {
        // The local endpoint has no upload route.
        hideUploadButton: true,
        rootHeight: '100%',
      },
    },
    document.getElementById('webchat'),
  );

  // Web Chat's own texts follow `locale`; say so to screen readers too.
  document.documentElement.lang = locale;
  document.documentElement.dir = dir;
})();
