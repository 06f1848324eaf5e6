// rashomon event page: the review panel. The token is asked once per tab (sessionStorage) and
// sent as a Bearer header; a refusal (reader token, revoked token) is shown in the panel.
// Never writes data into the page as HTML: only textContent.
"use strict";

var KEY = "rashomon-token";

function token() { return window.sessionStorage.getItem(KEY) || ""; }

function say(text, bad) {
  var msg = document.getElementById("review-msg");
  msg.textContent = text;
  msg.classList.toggle("bad", !!bad);
}

function send(method, path, body) {
  var headers = {"Content-Type": "application/json"};
  if (token()) { headers.Authorization = "Bearer " + token(); }
  return fetch(path, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined})
    .then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) {
          var e = data && data.error ? data.error : {code: r.status, message: "refused"};
          throw new Error("Refused (" + r.status + " " + e.code + "): " + e.message);
        }
        return data;
      });
    });
}

function write(path, body, next) {
  if (!token()) { say("Enter a token first.", true); return; }
  send("POST", path, body).then(function (data) {
    say("Saved.");
    window.location.assign(next ? next(data) : window.location.pathname);
  }).catch(function (err) { say(err.message, true); });
}

function showHistory(eventId) {
  var list = document.getElementById("review-history");
  send("GET", "/api/events/" + eventId + "/history").then(function (items) {
    list.textContent = "";
    if (!items.length) { var none = document.createElement("li"); none.textContent = "No review yet."; list.appendChild(none); }
    items.forEach(function (h) {
      var li = document.createElement("li");
      var what = h.action === "merge" || h.action === "split" ? h.action + " " + h.event_ids.join(", ")
        : h.action + " " + (h.claim_id || h.field || "") + ": " + JSON.stringify(h.old) + " → " + JSON.stringify(h.new);
      li.textContent = (h.at || "") + " · " + h.who + " · " + what + (h.why ? " (" + h.why + ")" : "");
      li.className = "history-entry";
      list.appendChild(li);
    });
  }).catch(function (err) { list.textContent = err.message; });
}

function on(id, event, fn) {
  var el = document.getElementById(id);
  if (el) { el.addEventListener(event, function (ev) { ev.preventDefault(); fn(ev); }); }
}

function numberOrText(field, value) {
  if (value === "") { return null; }
  return /\.(low|best|high)$/.test(field) ? Number(value) : value;
}

document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("review");
  if (!panel) { return; }
  var id = panel.getAttribute("data-event");
  var base = "/api/events/" + id;
  document.body.classList.toggle("has-token", !!token());
  if (token()) { say("Token set for this tab."); }
  on("review-login", "submit", function () {
    window.sessionStorage.setItem(KEY, document.getElementById("review-token").value.trim());
    document.getElementById("review-token").value = "";
    document.body.classList.toggle("has-token", !!token());
    say(token() ? "Token set for this tab." : "No token.");
  });
  on("review-logout", "click", function () {
    window.sessionStorage.removeItem(KEY);
    document.body.classList.remove("has-token");
    say("Token forgotten.");
  });
  Array.prototype.forEach.call(document.querySelectorAll(".set-status"), function (b) {
    b.addEventListener("click", function () { write(base + "/review", {status: b.getAttribute("data-status")}); });
  });
  on("review-meta", "submit", function () {
    write(base + "/review", {assignee: document.getElementById("review-assignee").value,
                             notes: document.getElementById("review-notes").value});
  });
  on("review-correct", "submit", function () {
    var field = document.getElementById("correct-field").value;
    var values = {};
    values[field] = numberOrText(field, document.getElementById("correct-value").value.trim());
    write(base + "/corrections", {values: values, why: document.getElementById("correct-why").value || null});
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.mark"), function (b) {
    b.addEventListener("click", function () {
      var claim = b.parentNode.parentNode.getAttribute("data-claim");
      write("/api/claims/" + claim + "/mark", {mark: b.getAttribute("data-mark")});
    });
  });
  on("review-merge", "submit", function () {
    var other = document.getElementById("merge-other").value.trim();
    write("/api/events/merge", {event_ids: [id, other]}, function (ev) { return "/events/" + ev.id; });
  });
  on("split-button", "click", function () {
    var picked = Array.prototype.map.call(document.querySelectorAll(".split-pick:checked"), function (c) { return c.value; });
    write(base + "/split", {claim_ids: picked});
  });
  showHistory(id);
});
