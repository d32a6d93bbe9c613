// On wide screens (article.css sets --layout: wide on the article) the notes list is laid out
// in the right margin: each note beside its first reference, pushed down where it would
// overlap the note above, a long one folded behind a button. No note is copied: the list keeps
// its place at the end of the text for screen readers, keyboards and print, and the
// references still link to it. A note citing a registered source gets that source's card
// (copied from the list after the notes), shown below it while the note is pointed at or
// focused, hidden with Escape (article.css); the copy is for the eye only, the list after the
// notes says it to screen readers. Without this script the notes stay at the end.
(function () {
  "use strict";
  var article = document.querySelector("article.post");
  var body = article && article.querySelector(".post-body");
  var section = body && body.querySelector(".footnotes");
  if (!section || !window.ResizeObserver) return;
  var notes = Array.prototype.slice.call(section.querySelectorAll(":scope > ol > li[id]"));
  var GAP = 6; // px between two notes
  var shown = false;
  var pending = 0;

  function wide() {
    return getComputedStyle(article).getPropertyValue("--layout").trim() === "wide";
  }

  // The reference a note stands beside: its first one, if that is in the text and visible.
  function referenceOf(note) {
    var back = note.querySelector("a.footnote-backref");
    var ref = back && document.getElementById(decodeURIComponent(back.hash.slice(1)));
    if (!ref || section.contains(ref) || !ref.getClientRects().length) return null;
    return ref;
  }

  function noteOf(link) {
    var note = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    return note && section.contains(note) ? note : null;
  }

  function textOf(note) {
    var text = note.querySelector(":scope > .sidenote-text");
    if (text) return text;
    text = document.createElement("div");
    text.className = "sidenote-text";
    while (note.firstChild) text.appendChild(note.firstChild);
    note.appendChild(text);
    return text;
  }

  // The card of the source a note links to in the register, as a new element, or null.
  var cards = {};
  document.querySelectorAll(".source-cards .source-card-link").forEach(function (a) {
    cards[a.getAttribute("href")] = a.parentNode;
  });
  function cardFor(note) {
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

  // After the note's text, outside its fold; shown over the notes below it.
  function addCard(note) {
    var card = !note.querySelector(":scope > .source-card") && cardFor(note);
    if (!card) return;
    card.setAttribute("aria-hidden", "true");
    card.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
    textOf(note).after(card);
    note.classList.add("has-card");
    ["mouseleave", "focusout"].forEach(function (type) {
      note.addEventListener(type, function () { note.classList.remove("is-dismissed"); });
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    section.querySelectorAll(".has-card:hover, .has-card:focus-within").forEach(function (note) {
      note.classList.add("is-dismissed");
    });
  });

  function toggle(note, button) {
    var open = !note.classList.contains("is-open");
    note.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", String(open));
    schedule();
  }

  // A note taller than the fold gets a button; reading its hidden part by keyboard opens it.
  function fold(note) {
    var text = textOf(note);
    var button = note.querySelector(":scope > .sidenote-more");
    var open = note.classList.contains("is-open");
    var long = open || text.scrollHeight > text.clientHeight + 1;
    note.classList.toggle("is-folded", long && !open);
    if (long && !button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "sidenote-more";
      button.textContent = article.dataset.unfoldLabel;
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () { toggle(note, button); });
      text.addEventListener("focusin", function () {
        if (!note.classList.contains("is-open")) toggle(note, button);
      });
      text.after(button);
    } else if (!long && button) {
      button.remove();
    }
  }

  function layout() {
    pending = 0;
    var on = wide();
    if (on !== shown) {
      shown = on;
      article.classList.toggle("has-sidenotes", on);
      notes.forEach(function (note) {
        var ref = referenceOf(note);
        if (ref) ref.toggleAttribute("data-beside", on);
        if (on) addCard(note);
      });
    }
    if (!on) return;
    notes.forEach(fold);
    // Read every position first, then write: the notes are out of the text's flow.
    var origin = section.getBoundingClientRect().top;
    var heading = section.querySelector("h2");
    var floor = heading ? heading.offsetTop + heading.offsetHeight : 0;
    var places = notes.map(function (note) {
      var ref = referenceOf(note);
      return { note: note, want: ref ? ref.getBoundingClientRect().top - origin : 0, height: note.offsetHeight };
    });
    places.forEach(function (place) {
      var top = Math.max(place.want, floor + GAP);
      place.note.style.setProperty("--sidenote-top", Math.round(top) + "px");
      floor = top + place.height;
    });
    body.style.setProperty("--sidenotes-height", Math.ceil(floor) + "px");
  }

  function schedule() {
    if (!pending) pending = requestAnimationFrame(layout);
  }

  // Pointing at or focusing a reference marks its note, and the reverse.
  function mark(event) {
    var link = event.target.closest && event.target.closest(".footnote-ref a[data-beside]");
    var note = link && noteOf(link);
    if (!note) return;
    var on = event.type === "mouseover" || event.type === "focusin";
    note.classList.toggle("is-active", on);
    link.classList.toggle("is-active", on);
  }
  ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
    body.addEventListener(type, mark);
  });

  // Following a reference to the note beside it (or back) moves focus there without
  // scrolling the page; a target out of view is scrolled in as little as possible.
  document.addEventListener("click", function (event) {
    if (!shown || event.defaultPrevented || event.button !== 0) return;
    var link = event.target.closest && event.target.closest(".footnote-ref a[data-beside], .footnotes a.footnote-backref");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || !target.getClientRects().length) return;
    event.preventDefault();
    if (!target.hasAttribute("tabindex") && target.tabIndex < 0) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  });

  new ResizeObserver(schedule).observe(body);
  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  if (document.fonts) document.fonts.ready.then(schedule);
  layout();
})();
