// Shows a footnote's text beside its reference on hover, keyboard focus and tap (WCAG 1.4.13:
// dismissable with Escape, hoverable, persistent). A first tap opens the note, a second one
// follows the link. A reference whose note stands beside it in the margin (data-beside, set by
// sidenotes.js) gets no popover. A note citing a registered source shows that source's card
// (the list after the notes, templates/sources/_source_cards.html) in place of its link to the
// register. Without this script the link still jumps to the note and back.
(function () {
  "use strict";
  var tip = null;
  var owner = null;
  var hideTimer = null;
  var pressedInside = false;
  var cards = null;

  function noteFor(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  // The card of the source a note links to in the register, as a new element, or null.
  function cardFor(note) {
    if (!cards) {
      cards = {};
      document.querySelectorAll(".source-cards .source-card-link").forEach(function (a) {
        cards[a.getAttribute("href")] = a.parentNode;
      });
    }
    var link = note.querySelector("a.footnote-source");
    var item = link && cards[link.getAttribute("href")];
    if (!item) return null;
    var card = document.createElement("div");
    card.className = "source-card";
    Array.prototype.forEach.call(item.childNodes, function (child) {
      card.appendChild(child.cloneNode(true));
    });
    return card;
  }

  function hide() {
    pressedInside = false;
    if (!tip) return;
    if (owner) owner.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
    owner = null;
  }

  function show(link) {
    var note = noteFor(link);
    if (!note || link.hasAttribute("data-beside")) return;
    clearTimeout(hideTimer);
    if (owner === link) return;
    hide();
    tip = document.createElement("div");
    tip.className = "footnote-popover";
    tip.id = "footnote-popover";
    tip.setAttribute("role", "tooltip");
    var copy = note.cloneNode(true);
    var card = cardFor(note);
    var drop = ".footnote-backref, .sidenote-more, .source-card" + (card ? ", .footnote-source" : "");
    copy.querySelectorAll(drop).forEach(function (el) { el.remove(); });
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    tip.textContent = "";
    Array.prototype.forEach.call(copy.childNodes, function (child) {
      tip.appendChild(child.cloneNode(true));
    });
    if (card) tip.appendChild(card);
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", scheduleHide);
    tip.addEventListener("pointerdown", function () {
      clearTimeout(hideTimer);
      pressedInside = true;
    });
    document.body.appendChild(tip);
    var box = link.getBoundingClientRect();
    var width = Math.min(400, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX - 20,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", tip.id);
    owner = link;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  document.querySelectorAll(".footnote-ref a").forEach(function (link) {
    var pointer = "";
    var wasOpen = false;
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", scheduleHide);
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function () {
      // A press inside the popover (to select its text) keeps it open.
      if (pressedInside) pressedInside = false;
      else scheduleHide();
    });
    link.addEventListener("pointerdown", function (event) {
      pointer = event.pointerType;
      wasOpen = owner === link;
    });
    link.addEventListener("click", function (event) {
      var tap = pointer === "touch" || pointer === "pen";
      pointer = "";
      if (tap && !wasOpen && !link.hasAttribute("data-beside")) {
        event.preventDefault();
        show(link);
      } else {
        hide();
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("pointerdown", function (event) {
    if (tip && !tip.contains(event.target) && !owner.contains(event.target)) hide();
  });

  // Following a reference or a back link moves focus with the view, so that a keyboard or
  // screen reader user continues from the note (or from the reference), not from the top.
  function focusTarget(link) {
    var target = noteFor(link);
    if (!target) return;
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var link = event.target.closest && event.target.closest(".footnote-ref a, a.footnote-backref");
    if (!link) return;
    // After the browser has followed the link and scrolled to the target.
    setTimeout(function () { focusTarget(link); }, 0);
  });
})();
