// Code blocks and tables (each in a .table-scroll box) wider than the column scroll sideways.
// A region that scrolls must be reachable by keyboard (WCAG 2.1.1), so each one that
// overflows becomes focusable; one that fits stays out of the tab order.
(function () {
  "use strict";
  var selector = ".post-body pre, .post-body .table-scroll";

  function update() {
    document.querySelectorAll(selector).forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.setAttribute("tabindex", "0");
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
      }
    });
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  update();
})();
