// The colour scheme. A reader's choice (light or dark) is kept in localStorage, never in a
// cookie, and set as data-theme on <html>; without a choice (System) the system's preference
// holds. Loaded without defer in <head>, so the stored choice is applied before the first
// paint. The toggle in the header shows only under the "js" class set here (site.css), so
// never without script, and is wired up once the page is parsed.
(function () {
  "use strict";
  var KEY = "scheme";
  var root = document.documentElement;

  function stored() {
    try {
      var value = localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : "system";
    } catch (e) {
      return "system"; // storage refused (a privacy setting): the system's scheme
    }
  }

  function apply(scheme) {
    if (scheme === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", scheme);
    var radio = document.querySelector('#scheme-toggle input[value="' + scheme + '"]');
    if (radio) radio.checked = true;
  }

  function store(scheme) {
    try {
      if (scheme === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, scheme);
    } catch (e) {
      // Not remembered; the choice still holds on this page.
    }
  }

  apply(stored());
  root.classList.add("js"); // the toggle shows from the first paint: nothing shifts later

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("scheme-toggle");
    if (!toggle) return;
    apply(root.getAttribute("data-theme") || "system");
    toggle.addEventListener("change", function (event) {
      store(event.target.value);
      apply(event.target.value);
    });
  });
  // Another tab changed the choice, or this page came back from the back-forward cache.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) apply(stored());
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) apply(stored());
  });
})();
