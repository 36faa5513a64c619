// `ouderbot try`: three phones side by side. The page only shows the chats and passes on
// what the person types, taps or uploads; the bot (through the local Telegram) does the rest.
(function () {
  "use strict";
  var POLL_MS = 700;
  var phones = {};
  var shown = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "onclick") node.addEventListener("click", value);
      else if (name === "onsubmit") node.addEventListener("submit", value);
      else if (name === "onchange") node.addEventListener("change", value);
      else node.setAttribute(name, value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  function phone(role, person) {
    var messages = el("div", { "class": "messages", "aria-live": "polite" });
    var input = el("input", { type: "text", name: "text", placeholder: "Typ een bericht…",
      "aria-label": "Bericht van " + person.name });
    var file = el("input", { type: "file", accept: ".csv,text/csv", "aria-label": "Stuur een bestand" });
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      var data = new FormData();
      data.append("file", file.files[0], file.files[0].name);
      fetch("/api/" + role + "/upload", { method: "POST", body: data });
      file.value = "";
    });
    var commands = el("div", { "class": "commands" }, person.commands.map(function (command) {
      return el("button", { type: "button", text: command, onclick: function () {
        post("/api/" + role + "/send", { text: command });
      } });
    }));
    var form = el("form", { "class": "compose", onsubmit: function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      post("/api/" + role + "/send", { text: text });
      input.value = "";
    } }, [
      input,
      el("label", { "class": "upload", title: "Stuur een bestand (CSV)" }, [document.createTextNode("📎"), file]),
      el("button", { type: "submit", text: "Stuur" }),
    ]);
    var section = el("section", { "class": "phone", id: "phone-" + role, "aria-label": person.title }, [
      el("h2", {}, [document.createTextNode(person.title + " "), el("small", { text: person.name })]),
      messages, commands, form,
    ]);
    return { section: section, messages: messages };
  }

  function bubble(role, message) {
    var parts = [document.createTextNode(message.text || "")];
    if (message.file) {
      parts.push(el("div", {}, [el("a", { href: "/api/file/" + encodeURIComponent(message.file.id),
        download: message.file.name, text: "📄 " + message.file.name })]));
    }
    if (message.photo) parts.push(el("img", { src: "/api/file/" + encodeURIComponent(message.photo), alt: "" }));
    if (message.edited) parts.push(el("div", { "class": "edited", text: "bewerkt" }));
    if (message.buttons.length) {
      parts.push(el("div", { "class": "buttons" }, message.buttons.map(function (row) {
        return el("div", { "class": "row" }, row.map(function (button) {
          if (button.data === null || button.data === undefined) {
            return el("button", { type: "button", text: button.text + " ↗", disabled: "" });
          }
          return el("button", { type: "button", text: button.text, onclick: function () {
            post("/api/" + role + "/press", { message_id: message.id, data: button.data });
          } });
        }));
      })));
    }
    return el("div", { "class": "message" + (message.from_bot ? "" : " mine") }, parts);
  }

  function render(state) {
    Object.keys(state.people).forEach(function (role) {
      var person = state.people[role];
      if (!phones[role]) {
        phones[role] = phone(role, person);
        document.getElementById("phones").appendChild(phones[role].section);
      }
      var key = JSON.stringify(person.messages);
      if (shown[role] === key) return;
      shown[role] = key;
      var box = phones[role].messages;
      var atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
      box.replaceChildren.apply(box, person.messages.map(function (m) { return bubble(role, m); }));
      if (atEnd) box.scrollTop = box.scrollHeight;
    });
    link("board-link", state.links.board);
    link("presenter-link", state.links.presenter);
    document.getElementById("simulated").textContent =
      state.simulated + " vragen van nagebootste ouders";
  }

  function link(id, href) {
    var a = document.getElementById(id);
    if (href) { a.href = href; a.removeAttribute("aria-disabled"); }
    else { a.removeAttribute("href"); a.setAttribute("aria-disabled", "true"); }
  }

  function poll() {
    fetch("/api/state").then(function (response) { return response.json(); })
      .then(render)
      .catch(function () { /* the bot stopped; keep what is shown */ })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
})();
