// The little of Telegram's Mini App bridge the board needs, without loading Telegram's
// script from outside (the board must work offline): initData and theme from
// Telegram.WebApp when a host page provides it, else from the URL fragment
// (#tgWebAppData=...&tgWebAppThemeParams=..., as Telegram clients also pass them), and
// the "ready"/"expand" events Telegram's clients listen for.
(function () {
  "use strict";
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var webApp = window.Telegram && window.Telegram.WebApp;
  var initData = (webApp && webApp.initData) || fragment.get("tgWebAppData") || "";
  var theme = (webApp && webApp.themeParams) || null;
  if (!theme && fragment.get("tgWebAppThemeParams")) {
    try { theme = JSON.parse(fragment.get("tgWebAppThemeParams")); } catch (e) { theme = null; }
  }
  var language = null;
  try {
    var user = JSON.parse(new URLSearchParams(initData).get("user") || "null");
    language = user && user.language_code;
  } catch (e) { language = null; }

  function applyTheme(params) {
    if (!params) return;
    var root = document.documentElement.style;
    Object.keys(params).forEach(function (key) {
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(params[key])) {
        root.setProperty("--tg-" + key.replace(/_/g, "-"), params[key]);
      }
    });
    document.documentElement.classList.add("tg-theme");
  }

  function postEvent(type, data) {
    var body = JSON.stringify(data || {});
    try {
      if (window.TelegramWebviewProxy) {
        window.TelegramWebviewProxy.postEvent(type, body);
      } else if (window.external && "notify" in window.external) {
        window.external.notify(JSON.stringify({ eventType: type, eventData: data || {} }));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data || {} }), "*");
      }
    } catch (e) { /* not inside Telegram */ }
  }

  function receive(type, data) {
    if (type === "theme_changed" && data) applyTheme(data.theme_params);
  }
  if (!webApp) {
    window.Telegram = window.Telegram || {};
    window.Telegram.WebView = window.Telegram.WebView || { receiveEvent: receive };
  }
  window.addEventListener("message", function (event) {
    try {
      var message = JSON.parse(event.data);
      receive(message.eventType, message.eventData);
    } catch (e) { /* not a Telegram event */ }
  });

  applyTheme(theme);
  window.Ouder = {
    initData: initData,
    language: language,
    ready: function () {
      if (webApp && webApp.ready) { webApp.ready(); webApp.expand(); return; }
      postEvent("web_app_ready");
      postEvent("web_app_expand");
    },
  };
})();
