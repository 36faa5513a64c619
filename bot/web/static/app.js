// The moderation board: shows the queue and asks the server to act. The server owns
// every rule; this page only renders what /app/api/board says, once a second.
(function () {
  "use strict";
  var POLL_MS = 1000;
  var catalogue = JSON.parse(document.getElementById("texts").textContent);
  var language = pickLanguage(window.Ouder.language);
  var state = {
    data: null, keys: {}, ticked: {}, openGroups: {}, expanded: {}, writing: null, busy: false,
  };
  var $ = function (id) { return document.getElementById(id); };

  function pickLanguage(code) {
    code = (code || "").slice(0, 2).toLowerCase();
    return catalogue.texts[code] ? code : catalogue["default"];
  }

  function t(key, params) {
    var text = catalogue.texts[language][key] || catalogue.texts[catalogue["default"]][key] || key;
    if (Array.isArray(text)) text = text[pluralForm(params.count)] || text[text.length - 1];
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return params && name in params ? String(params[name]) : "{" + name + "}";
    });
  }

  // The language's plural rule as a table (bot/web/routes.py, PLURAL_TABLE).
  function pluralForm(count) {
    var table = catalogue.plural[language] || catalogue.plural[catalogue["default"]];
    var n = Math.abs(count);
    return table[n < table.length ? n : 100 + (n % 100)];
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "onclick") node.addEventListener("click", value);
      else if (name === "onchange") node.addEventListener("change", value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function age(seconds) {
    var minutes = Math.floor(seconds / 60);
    if (minutes < 1) return t("age_now");
    if (minutes < 60) return t("age_minutes", { minutes: minutes });
    return t("age_hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  }

  // A question's text: its own direction (Arabic right to left), clamped to a few lines
  // when long, with "meer…" to read it all (so the buttons stay on a phone's screen).
  var CLAMP_CHARS = 160;
  function questionText(tag, cls, text, key, textLanguage) {
    var long = text.length > CLAMP_CHARS;
    var open = !!state.expanded[key];
    var node = el(tag, {
      "class": cls + (long && !open ? " clamped" : ""), dir: "auto", text: text,
    });
    var shown = node;
    if (textLanguage && textLanguage !== "nl") {
      // The server says which language a question is in; Dutch is the default.
      node.setAttribute("lang", textLanguage);
      shown = el("span", { "class": "with-language" }, [
        node,
        el("span", {
          "class": "language", "data-key": "language-" + key, text: textLanguage.toUpperCase(),
        }),
      ]);
    }
    if (!long) return shown;
    var more = el("button", {
      type: "button", "class": "more", "data-key": "more-" + key,
      "aria-expanded": open ? "true" : "false", text: open ? t("less") : t("more_text"),
      onclick: function (event) {
        event.preventDefault();
        event.stopPropagation();
        state.expanded[key] = !state.expanded[key];
        var nowOpen = state.expanded[key];
        node.classList.toggle("clamped", !nowOpen);
        more.textContent = nowOpen ? t("less") : t("more_text");
        more.setAttribute("aria-expanded", nowOpen ? "true" : "false");
      },
    });
    return el("div", { "class": "clamp-box" }, [shown, more]);
  }

  // ------------------------------------------------------------------ server

  function api(method, path, body) {
    var options = {
      method: method,
      headers: { Authorization: "tma " + window.Ouder.initData },
      cache: "no-store",
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch("/app/api/" + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, body: json };
      });
    });
  }

  function stop(messageKey) {
    state.stopped = true;
    $("held").hidden = true;
    $("queue").hidden = true;
    $("counts").textContent = "";
    $("presenter").hidden = true;
    $("message").textContent = t(messageKey);
  }

  function poll() {
    if (state.stopped) return;
    api("GET", "board").then(function (result) {
      if (result.status === 401) return stop("unauthorized");
      if (result.status === 403) return stop("forbidden");
      if (result.status !== 200) throw new Error("status " + result.status);
      $("message").textContent = "";
      render(result.body);
    }).catch(function () {
      $("message").textContent = t("offline");
    }).then(function () {
      if (!state.stopped) window.setTimeout(poll, POLL_MS);
    });
  }

  function act(path, body, onDone) {
    if (state.busy) return;
    state.busy = true;
    api("POST", path, body || {}).then(function (result) {
      state.busy = false;
      if (result.status === 200) onDone(result.body);
      else if (result.status === 401) stop("unauthorized");
      else if (result.status === 403) stop("forbidden");
      else if (result.body.error === "taken") notify(t("taken"));
      else if (result.body.error === "empty") notify(t("empty_answer"));
      else if (result.body.error === "too_long") notify(t("long_answer"));
      else if (result.status === 409) notify(t("stale"));
      else notify(t("failed"));
      refreshNow();
    }).catch(function () {
      state.busy = false;
      notify(t("failed"));
    });
  }

  function refreshNow() {
    api("GET", "board").then(function (result) {
      if (result.status === 200) render(result.body);
    }).catch(function () { /* the next poll tries again */ });
  }

  // ---------------------------------------------------------------- notices

  var noticeTimer = null;
  function notify(text, undo) {
    $("notice-text").textContent = text;
    var button = $("notice-undo");
    button.hidden = !undo;
    button.onclick = undo ? function () {
      act("undo", { undo: undo }, function () { notify(t("undone")); });
    } : null;
    $("notice").hidden = false;
    window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(function () { $("notice").hidden = true; }, undo ? 12000 : 5000);
  }

  // ----------------------------------------------------------------- render

  function changed(part, value) {
    var key = JSON.stringify(value, function (name, v) {
      return name === "age" ? Math.floor(v / 60) : v;
    });
    if (state.keys[part] === key) return false;
    state.keys[part] = key;
    return true;
  }

  function keepFocus(render) {
    var active = document.activeElement;
    var key = active && active.getAttribute && active.getAttribute("data-key");
    render();
    if (key) {
      var again = document.querySelector('[data-key="' + key + '"]');
      if (again) again.focus();
    }
  }

  function render(data) {
    state.data = data;
    if (changed("lang", data.me.language)) {
      language = pickLanguage(data.me.language);
      document.documentElement.lang = language;
      staticTexts();
      state.keys = { lang: state.keys.lang };
    }
    if (!data.webinar) {
      $("held").hidden = true;
      $("queue").hidden = true;
      $("presenter").hidden = true;
      $("webinar").textContent = "";
      $("counts").textContent = "";
      $("message").textContent = t("no_webinar");
      state.keys = { lang: state.keys.lang };
      return;
    }
    $("webinar").textContent = data.webinar.title;
    $("counts").textContent = t("counts", data.counts);
    var presenter = $("presenter");
    presenter.href = data.presenter;
    presenter.hidden = false;
    $("held").hidden = false;
    $("queue").hidden = false;
    if (changed("held", data.held)) keepFocus(function () { renderHeld(data.held); });
    if (changed("groups", data.groups)) keepFocus(function () { renderGroups(data.groups); });
    if (changed("history", data.history)) keepFocus(function () { renderHistory(data.history || []); });
  }

  // Answered and removed questions, newest first, each with a button to put it back.
  function renderHistory(history) {
    var list = $("history-list");
    list.textContent = "";
    $("history").hidden = !history.length;
    history.forEach(function (item) {
      list.appendChild(el("li", { "class": "history-item" }, [
        el("div", { "class": "group-text" }, [
          questionText("p", "question-text", item.text, "history-" + item.id),
          el("p", { "class": "meta" }, [
            el("span", { "class": "number", text: "#" + item.number }),
            el("span", { "class": "badge", text: t("history_" + item.how) }),
          ]),
        ]),
        el("button", {
          type: "button", "class": "take", "data-key": "restore-" + item.id,
          text: t("restore"),
          onclick: function () {
            act("questions/" + item.id + "/restore", {}, function (result) {
              notify(t(result.held ? "done_restore" : "done_restore_queue", { number: item.number }));
            });
          },
        }),
      ]));
    });
  }

  function staticTexts() {
    document.title = t("title");
    $("title").textContent = t("title");
    $("held-heading").textContent = t("held_heading");
    $("queue-heading").textContent = t("queue_heading");
    $("history-heading").textContent = t("history_heading");
    $("presenter").textContent = t("presenter");
    $("presenter").title = t("presenter_hint");
    $("notice-undo").textContent = t("undo");
  }

  function meta(member, extra) {
    // The question's own number: the same on the chat card, /rij and the exports.
    var parts = [el("span", { "class": "number", text: "#" + member.number })];
    (extra || []).forEach(function (part) { parts.push(part); });
    parts.push(el("span", { text: t("votes", { votes: member.votes }) }));
    parts.push(el("span", { text: age(member.age) }));
    if (member.later) parts.push(el("span", { "class": "badge", text: t("later_badge") }));
    if (member.visible) parts.push(el("span", { "class": "badge", text: t("visible_badge") }));
    return el("p", { "class": "meta" }, parts);
  }

  function renderHeld(held) {
    var body = $("held-body");
    body.textContent = "";
    if (!held) {
      state.writing = null;
      body.appendChild(el("p", { "class": "empty", text: t("held_empty") }));
      return;
    }
    if (state.writing !== held.id) { state.writing = null; state.previewing = false; }
    var number = { number: held.number };
    function action(name) {
      return el("button", {
        type: "button", "class": "action action-" + name, "data-key": "held-" + name,
        text: t(name),
        onclick: function () {
          act("questions/" + held.id + "/" + name, {}, function (result) {
            notify(t("done_" + name, number), result.undo);
          });
        },
      });
    }
    var heldText = questionText("blockquote", "held-text", held.text, "held-" + held.id, held.language);
    // The quote itself (it may sit in a box with "meer…" or with its language).
    var quote = heldText.tagName === "BLOCKQUOTE" ? heldText : heldText.querySelector("blockquote");
    quote.id = "held-text";
    body.appendChild(heldText);
    body.appendChild(meta(held, [
      el("span", { "class": "badge held-parents", text: t("held_parents", { count: held.others }) }),
    ]));
    body.appendChild(renderMerged(held));
    var actions = el("div", { "class": "actions" }, [
      action("asked"), action("back"), action("later"), action("remove"),
      held.visible ? action("hide") : action("show"),
      el("button", {
        type: "button", "class": "action", "data-key": "held-write", text: t("write"),
        onclick: function () { state.writing = held.id; renderHeld(held); $("answer").focus(); },
      }),
    ]);
    body.appendChild(actions);
    if (state.writing === held.id && state.previewing) {
      // Nothing reaches a parent before this: the answer as it will be sent, then
      // "Versturen" or "Aanpassen".
      body.appendChild(el("div", { "class": "write preview" }, [
        el("p", { "class": "meta", text: t("preview_heading") }),
        el("blockquote", { "class": "held-text", id: "answer-preview", dir: "auto", text: state.draft || "" }),
        el("div", { "class": "actions" }, [
          el("button", {
            type: "button", "class": "action primary", "data-key": "send", text: t("send"),
            onclick: function () {
              act("questions/" + held.id + "/written", { text: state.draft || "" }, function () {
                state.draft = "";
                state.writing = null;
                state.previewing = false;
                window.Ouder.confirmClosing(false);
                notify(t("done_written", number));
              });
            },
          }),
          el("button", {
            type: "button", "class": "action", "data-key": "edit-answer", text: t("edit_answer"),
            onclick: function () { state.previewing = false; renderHeld(held); $("answer").focus(); },
          }),
          el("button", {
            type: "button", "class": "action", "data-key": "cancel", text: t("cancel"),
            onclick: function () {
              state.writing = null;
              state.previewing = false;
              window.Ouder.confirmClosing(false); // not sending: nothing to lose
              renderHeld(held);
            },
          }),
        ]),
      ]));
    } else if (state.writing === held.id) {
      var area = el("textarea", {
        id: "answer", rows: "4", "data-key": "answer", placeholder: t("answer_placeholder"),
        "aria-label": t("write"),
      });
      area.value = state.draft || "";
      area.addEventListener("input", function () {
        state.draft = area.value;
        window.Ouder.confirmClosing(area.value.trim() !== "");
      });
      body.appendChild(el("div", { "class": "write" }, [
        area,
        el("div", { "class": "actions" }, [
          el("button", {
            type: "button", "class": "action primary", "data-key": "preview", text: t("preview"),
            onclick: function () {
              state.draft = area.value;
              if (!state.draft.trim()) { notify(t("empty_answer")); return; }
              state.previewing = true;
              renderHeld(held);
            },
          }),
          el("button", {
            type: "button", "class": "action", "data-key": "cancel", text: t("cancel"),
            onclick: function () {
              state.writing = null;
              window.Ouder.confirmClosing(false); // not sending: nothing to lose
              renderHeld(held);
            },
          }),
        ]),
      ]));
    }
    var similar = held.similar || [];
    var box = el("div", { "class": "similar" }, [
      el("h3", { text: similar.length ? t("similar_heading") : t("similar_empty") }),
    ]);
    var list = el("ul", { "class": "similar-list" });
    similar.forEach(function (member) {
      var id = "merge-" + member.id;
      if (!(member.id in state.ticked)) state.ticked[member.id] = true;
      list.appendChild(el("li", {}, [
        el("input", {
          type: "checkbox", id: id, "data-key": id, checked: state.ticked[member.id],
          onchange: function (event) {
            state.ticked[member.id] = event.target.checked;
            updateMerge();
          },
        }),
        el("label", { "for": id }, [
          questionText("span", "similar-text", member.text, "similar-" + member.id, member.language),
          meta(member),
        ]),
      ]));
    });
    if (similar.length) {
      box.appendChild(list);
      var merge = el("button", {
        type: "button", "class": "action", id: "merge", "data-key": "merge",
        onclick: function () {
          var ids = similar.filter(function (m) { return state.ticked[m.id]; })
            .map(function (m) { return m.id; });
          act("questions/" + held.id + "/merge", { ids: ids }, function (result) {
            notify(t("done_merge", { count: (result.merged || []).length }), result.undo);
          });
        },
      });
      box.appendChild(merge);
    }
    body.appendChild(box);
    function updateMerge() {
      var count = similar.filter(function (m) { return state.ticked[m.id]; }).length;
      var button = $("merge");
      if (button) {
        button.textContent = t("merge", { count: count });
        button.disabled = count === 0;
      }
    }
    updateMerge();
  }

  // What was merged into the held question, with one undo button per merge: as long as
  // the question is held, not only for the moment a notice shows.
  function renderMerged(held) {
    var merged = held.merged || [];
    var box = el("div", { "class": "merged", hidden: !merged.length });
    if (!merged.length) return box;
    box.appendChild(el("h3", { text: t("merged_heading", { count: merged.length }) }));
    var byMerge = {};
    merged.forEach(function (row) { (byMerge[row.merge] = byMerge[row.merge] || []).push(row); });
    Object.keys(byMerge).forEach(function (mergeId) {
      var rows = byMerge[mergeId];
      var list = el("ul", { "class": "merged-list" }, rows.map(function (row) {
        return el("li", {}, [
          el("span", { "class": "number", text: "#" + row.number }),
          questionText("span", "question-text", row.text, "merged-" + row.id),
        ]);
      }));
      var numbers = rows.map(function (row) { return row.number; }).join(", ");
      box.appendChild(list);
      box.appendChild(el("button", {
        type: "button", "class": "action", "data-key": "unmerge-" + mergeId,
        text: t("unmerge", { numbers: numbers }),
        onclick: function () {
          var undo = { action: "merge", question: held.id, ids: [], merge: Number(mergeId) };
          act("undo", { undo: undo }, function () { notify(t("undone")); });
        },
      }));
    });
    return box;
  }

  function pickButton(member, key, label, group) {
    if (member.reserved) {
      return el("span", { "class": "badge reserved", text: t("reserved") });
    }
    return el("button", {
      type: "button", "class": "take", "data-key": key, text: label,
      "aria-label": label + ": " + member.text.slice(0, 80),
      onclick: function () {
        // "Neem deze groep" keeps the group's other questions for this gespreksleider.
        act("questions/" + member.id + "/pick", group ? { group: true } : {}, function () {
          notify(t("done_pick", { number: member.number }));
          window.scrollTo({ top: 0, behavior: "smooth" });
        });
      },
    });
  }

  function renderGroups(groups) {
    var list = $("groups");
    list.textContent = "";
    if (!groups.length) {
      list.appendChild(el("li", { "class": "empty", text: t("queue_empty") }));
      return;
    }
    groups.forEach(function (group) {
      var head = group.representative;
      var others = group.members.slice(1);
      var extra = others.length
        ? [el("span", { "class": "badge group-count", text: t("group_parents", { count: group.count }) })]
        : [];
      // The grouping engine marks broad groups ("general") and uncertain ones ("maybe").
      if (group.kind === "general" || group.kind === "maybe") {
        extra.push(el("span", { "class": "badge kind", text: t("kind_" + group.kind) }));
      }
      var item = el("li", { "class": "group kind-" + group.kind, "data-group": group.id }, [
        el("div", { "class": "group-head" }, [
          el("div", { "class": "group-text" }, [
            questionText("p", "question-text", head.text, "q-" + head.id, head.language),
            meta(head, extra),
          ]),
          pickButton(head, "take-" + head.id, others.length ? t("take_group") : t("take"), others.length > 0),
        ]),
      ]);
      if (others.length) {
        var details = el("details", { "data-key": "details-" + group.id }, [
          el("summary", { "data-key": "summary-" + group.id, text: t("more", { count: others.length }) }),
          el("ul", { "class": "members" }, others.map(function (member) {
            return el("li", { "class": "member", "data-question": member.id }, [
              el("div", { "class": "group-text" }, [
                questionText("p", "question-text", member.text, "q-" + member.id, member.language),
                meta(member),
              ]),
              pickButton(member, "take-" + member.id, t("take")),
            ]);
          })),
        ]);
        if (state.openGroups[group.id]) details.open = true;
        details.addEventListener("toggle", function () { state.openGroups[group.id] = details.open; });
        item.appendChild(details);
      }
      list.appendChild(item);
    });
  }

  // ------------------------------------------------------------------ start

  staticTexts();
  document.documentElement.lang = language;
  window.Ouder.ready();
  if (!window.Ouder.initData) {
    stop("not_in_telegram");
  } else {
    $("message").textContent = t("loading");
    poll();
  }
})();
