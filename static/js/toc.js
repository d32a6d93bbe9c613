// The table of contents marks the section being read with aria-current="true", and on wide
// screens (article.css sets --layout: wide), where it is a side panel, it is opened.
// Without this script it is a disclosure the reader opens.
(function () {
  "use strict";
  var article = document.querySelector("article.post");
  var nav = article && article.querySelector(".toc");
  if (!nav || !window.IntersectionObserver) return;
  var details = nav.querySelector("details");
  var entries = [];
  nav.querySelectorAll("a[href^='#']").forEach(function (link) {
    var heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (heading) entries.push({ link: link, heading: heading });
  });
  var current = null;
  var wasWide = false;

  function wide() {
    return getComputedStyle(article).getPropertyValue("--layout").trim() === "wide";
  }

  // Keeps the marked entry inside the panel's own scroll area, never scrolling the page.
  function reveal(link) {
    if (nav.scrollHeight <= nav.clientHeight || link.offsetParent !== nav) return;
    var top = link.offsetTop;
    var bottom = top + link.offsetHeight;
    if (top < nav.scrollTop) nav.scrollTop = top - 16;
    else if (bottom > nav.scrollTop + nav.clientHeight) nav.scrollTop = bottom - nav.clientHeight + 16;
  }

  // The current section is the last one whose heading is above the reading line, a third
  // down the screen. Headings out of the text's flow (the notes' own, in the margin) don't count.
  function update() {
    var line = window.innerHeight / 3;
    var found = null;
    entries.forEach(function (entry) {
      if (entry.heading.closest(".has-sidenotes .footnotes")) return;
      if (entry.heading.getBoundingClientRect().top <= line) found = entry;
    });
    if (found === current) return;
    if (current) current.link.removeAttribute("aria-current");
    current = found;
    if (current) {
      current.link.setAttribute("aria-current", "true");
      if (wasWide) reveal(current.link);
    }
  }

  function resize() {
    var isWide = wide();
    if (isWide && !wasWide && details) details.open = true;
    wasWide = isWide;
    update();
  }

  var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -66% 0px" });
  entries.forEach(function (entry) { observer.observe(entry.heading); });
  // A jump (a link, the End key) can pass a heading without it ever crossing the band.
  window.addEventListener("scrollend", update);
  window.addEventListener("resize", resize);
  resize();
})();
