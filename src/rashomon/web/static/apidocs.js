// Offline API reference: renders /openapi.json with DOM calls (textContent only, no innerHTML).
"use strict";

function el(tag, cls, text) {
  var n = document.createElement(tag);
  if (cls) { n.className = cls; }
  if (text !== undefined && text !== null) { n.textContent = String(text); }
  return n;
}

function schemaName(s) {
  if (!s) { return ""; }
  if (s.$ref) { return s.$ref.split("/").pop(); }
  if (s.anyOf) { return s.anyOf.map(schemaName).join(" | "); }
  if (s.type === "array") { return schemaName(s.items) + "[]"; }
  return s.format ? s.type + " (" + s.format + ")" : (s.type || "");
}

function operation(path, method, op) {
  var box = el("section", "op");
  var h = el("h3");
  h.appendChild(el("span", "method " + method, method.toUpperCase()));
  h.appendChild(el("code", null, " " + path));
  box.appendChild(h);
  if (op.summary) { box.appendChild(el("p", "summary", op.summary)); }
  if (op.description) { box.appendChild(el("p", null, op.description)); }
  var params = op.parameters || [];
  if (params.length) {
    var t = el("table", "params");
    var head = el("tr");
    ["parameter", "in", "type", "required", "description"].forEach(function (c) { head.appendChild(el("th", null, c)); });
    t.appendChild(head);
    params.forEach(function (p) {
      var r = el("tr");
      [p.name, p.in, schemaName(p.schema), p.required ? "yes" : "", p.description || ""].forEach(function (c) {
        r.appendChild(el("td", null, c));
      });
      t.appendChild(r);
    });
    box.appendChild(t);
  }
  if (op.requestBody) {
    var body = op.requestBody.content["application/json"];
    box.appendChild(el("p", null, "JSON body: " + schemaName(body && body.schema)));
  }
  var codes = Object.keys(op.responses || {}).join(", ");
  box.appendChild(el("p", "codes", "Responses: " + codes));
  if (method === "get" && path.indexOf("{") < 0) {
    var a = el("a", null, "try it: " + path);
    a.href = path;
    box.appendChild(a);
  }
  return box;
}

document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("apidocs");
  fetch(root.dataset.openapi).then(function (r) { return r.json(); }).then(function (spec) {
    root.textContent = "";
    root.appendChild(el("p", null, spec.info.title + " " + spec.info.version + ": " + (spec.info.description || "")));
    Object.keys(spec.paths).sort().forEach(function (path) {
      Object.keys(spec.paths[path]).forEach(function (method) {
        root.appendChild(operation(path, method, spec.paths[path][method]));
      });
    });
    var schemas = (spec.components || {}).schemas || {};
    root.appendChild(el("h2", null, "Schemas"));
    Object.keys(schemas).sort().forEach(function (name) {
      var s = schemas[name];
      var box = el("section", "schema");
      box.appendChild(el("h3", null, name));
      var ul = el("ul");
      Object.keys(s.properties || {}).forEach(function (k) {
        ul.appendChild(el("li", null, k + ": " + schemaName(s.properties[k])));
      });
      box.appendChild(ul);
      root.appendChild(box);
    });
  }).catch(function (err) { root.textContent = "Could not load the schema: " + err; });
});
