// The presenter view: the question being discussed, polled once a second from the
// signed address this page was opened with (…/now next to it).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("texts").textContent);
  var texts = data.texts;
  var $ = function (id) { return document.getElementById(id); };
  var source = window.location.pathname.replace(/\/$/, "") + "/now";
  var shown = null;
  document.documentElement.lang = data.language;
  document.title = texts.presenter_heading;
  $("label").textContent = texts.presenter_heading;
  $("question").textContent = texts.presenter_waiting;

  // The whole question on one screen: from the stylesheet's size down, until nothing
  // overflows the window (a 1,000-character question on 1280×720 included).
  function fit() {
    var node = $("question");
    node.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(node).fontSize);
    var body = document.body;
    while (size > 12 && (body.scrollHeight > body.clientHeight || node.scrollWidth > node.clientWidth)) {
      size -= 2;
      node.style.fontSize = size + "px";
    }
  }
  window.addEventListener("resize", fit);

  function poll() {
    fetch(source, { cache: "no-store" }).then(function (response) {
      if (response.status === 410 || response.status === 404) {
        $("question").textContent = texts.presenter_closed;
        $("question").className = "question waiting";
        return null;
      }
      return response.json();
    }).then(function (body) {
      if (!body) return;
      $("title").textContent = body.title;
      var question = body.question;
      var key = question ? question.id : null;
      if (key !== shown) {
        shown = key;
        // The question's own number, as on the card and the board.
        $("label").textContent = question
          ? texts.presenter_number.replace("{number}", String(question.number))
          : texts.presenter_heading;
        $("question").textContent = question ? question.text : texts.presenter_waiting;
        $("question").className = question ? "question" : "question waiting";
        fit();
      }
      window.setTimeout(poll, 1000);
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
