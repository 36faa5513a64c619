// The page's bridge to Telegram. Inside Telegram (every client names itself in the URL
// fragment: tgWebAppPlatform=android, ios, tdesktop, weba, ...) it loads Telegram's own documented script,
// https://telegram.org/js/telegram-web-app.js, which follows the viewport, the safe areas
// and the theme, and sets Telegram's CSS variables (--tg-theme-*, --tg-viewport-*,
// --tg-safe-area-inset-*). Outside Telegram (the demo, `ouderbot try`, a browser with
// #tgWebAppData=... in the address) nothing is loaded from outside: a small fallback
// reads the fragment, sets the same variables and speaks the same events.
//
// window.Ouder: initData and language (available at once, from the fragment), ready()
// and confirmClosing(on) (ask before closing while an answer is being typed).
(function () {
  "use strict";
  var SCRIPT = "https://telegram.org/js/telegram-web-app.js";
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var platform = fragment.get("tgWebAppPlatform");
  var inside = !!platform && platform !== "unknown";
  var root = document.documentElement;
  var webApp = null; // Telegram.WebApp once Telegram's script is loaded
  var wantReady = false;
  var wantConfirm = false;

  function readInitData() {
    var present = window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData;
    return present || fragment.get("tgWebAppData") || "";
  }
  var initData = readInitData();
  var language = null;
  try {
    var user = JSON.parse(new URLSearchParams(initData).get("user") || "null");
    language = user && user.language_code;
  } catch (e) { language = null; }

  // ---------------------------------------------------------------- the fallback

  function setVar(name, value) { root.style.setProperty(name, value); }

  function applyTheme(params) {
    if (!params) return;
    var any = false;
    Object.keys(params).forEach(function (key) {
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(params[key])) {
        setVar("--tg-theme-" + key.replace(/_/g, "-"), params[key]);
        any = true;
      }
    });
    if (any) root.classList.add("tg-theme");
  }

  function applyInsets(prefix, data) {
    ["top", "bottom", "left", "right"].forEach(function (side) {
      if (data && typeof data[side] === "number") setVar(prefix + side, data[side] + "px");
    });
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
    } catch (e) { /* nobody listening: not inside Telegram */ }
  }

  function receive(type, data) {
    data = data || {};
    if (type === "theme_changed") applyTheme(data.theme_params);
    else if (type === "viewport_changed" && typeof data.height === "number") {
      setVar("--tg-viewport-height", data.height + "px");
      if (data.is_state_stable) setVar("--tg-viewport-stable-height", data.height + "px");
    } else if (type === "safe_area_changed") applyInsets("--tg-safe-area-inset-", data);
    else if (type === "content_safe_area_changed") applyInsets("--tg-content-safe-area-inset-", data);
  }

  function startFallback() {
    window.Telegram = window.Telegram || {};
    window.Telegram.WebView = window.Telegram.WebView || { receiveEvent: receive };
    window.addEventListener("message", function (event) {
      try {
        var message = JSON.parse(event.data);
        receive(message.eventType, message.eventData);
      } catch (e) { /* not a Telegram event */ }
    });
    var theme = fragment.get("tgWebAppThemeParams");
    if (theme) {
      try { applyTheme(JSON.parse(theme)); } catch (e) { /* a broken fragment: no theme */ }
    }
    setVar("--tg-viewport-height", window.innerHeight + "px");
    setVar("--tg-viewport-stable-height", window.innerHeight + "px");
    ["web_app_request_theme", "web_app_request_viewport", "web_app_request_safe_area",
      "web_app_request_content_safe_area"].forEach(function (type) { postEvent(type); });
    if (wantReady) sendReady();
    if (wantConfirm) sendConfirm();
  }

  // -------------------------------------------------------------- Telegram's script

  function startTelegram() {
    webApp = window.Telegram.WebApp;
    if (webApp.initData) initData = webApp.initData;
    // Telegram's script sets --tg-theme-* itself; the class tells the style sheet so.
    function themed() {
      if (webApp.themeParams && Object.keys(webApp.themeParams).length) root.classList.add("tg-theme");
    }
    themed();
    webApp.onEvent("themeChanged", themed);
    if (wantReady) sendReady();
    if (wantConfirm) sendConfirm();
  }

  function sendReady() {
    if (webApp) { webApp.ready(); webApp.expand(); return; }
    postEvent("web_app_ready");
    postEvent("web_app_expand");
  }

  function sendConfirm() {
    if (webApp) {
      if (wantConfirm) webApp.enableClosingConfirmation();
      else webApp.disableClosingConfirmation();
      return;
    }
    postEvent("web_app_setup_closing_behavior", { need_confirmation: wantConfirm });
  }

  var loading = false;
  if (inside) {
    loading = true;
    var script = document.createElement("script");
    script.src = SCRIPT;
    script.onload = function () {
      loading = false;
      if (window.Telegram && window.Telegram.WebApp) startTelegram(); else startFallback();
    };
    script.onerror = function () { loading = false; startFallback(); }; // offline: the fallback
    document.head.appendChild(script);
  } else {
    startFallback();
  }

  window.Ouder = {
    initData: initData,
    language: language,
    insideTelegram: inside,
    ready: function () {
      wantReady = true;
      if (!loading) sendReady();
    },
    // Ask before the Mini App is closed (a swipe down) while `on`: a written answer is
    // being typed and would be lost.
    confirmClosing: function (on) {
      if (wantConfirm === !!on) return;
      wantConfirm = !!on;
      if (!loading) sendConfirm();
    },
  };
})();
