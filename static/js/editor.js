/* The writer's desk in the article form: toolbar and shortcuts, the live preview beside the
   text with the checks a save would make, citing from the sources register, images dropped
   or pasted in, text kept in the browser until it is saved, and a pasted Docusaurus file's
   front matter moved into the form. It replaces django-markdownx's script for this field
   (the same endpoints); without JavaScript the body stays a plain textarea. The text logic
   lives in editor-text.js (window.EditorText). */
(function () {
  "use strict";

  var T = window.EditorText;
  var textarea = document.querySelector("textarea#id_body");
  var template = document.getElementById("desk-template");
  if (!T || !textarea || !template) return;

  /* markdownx skips a field it believes it set up; should it have run first, a copy of the
     textarea sheds its listeners. */
  if (textarea.hasAttribute("data-markdownx-init")) {
    var fresh = textarea.cloneNode(true);
    fresh.value = textarea.value;
    textarea.replaceWith(fresh);
    textarea = fresh;
  }
  textarea.setAttribute("data-markdownx-init", "");

  var form = textarea.form;
  var strings = document.getElementById("desk-strings").dataset;
  var previewUrl = textarea.getAttribute("data-markdownx-urls-path") || "/markdownx/markdownify/";
  var uploadUrl = textarea.getAttribute("data-markdownx-upload-urls-path") || "/markdownx/upload/";
  var searchUrl = "/sources/editor/search.json";
  var storageKey = "bronpunt-desk:" + location.pathname;
  var initialBody = textarea.value;
  var dirty = false;
  var submitting = false;

  function say(message, values) {
    return String(message || "").replace(/%\((\w+)\)s/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function csrfToken() {
    var input = form && form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  /* --- Layout: the desk around the textarea -------------------------------------------- */

  var wrapper = textarea.closest(".markdownx") || textarea.parentNode;
  var preview = wrapper.querySelector(".markdownx-preview") || document.createElement("div");
  var desk = template.content.firstElementChild.cloneNode(true);
  wrapper.parentNode.insertBefore(desk, wrapper);
  desk.querySelector(".desk-write").appendChild(textarea);
  preview.classList.add("markdownx-preview", "desk-preview");
  preview.setAttribute("role", "region");
  preview.setAttribute("aria-labelledby", "desk-preview-title");
  preview.tabIndex = 0;
  desk.querySelector(".desk-side").appendChild(preview);
  wrapper.remove();
  var flex = desk.closest(".flex-container");
  if (flex) flex.classList.add("desk-row");
  textarea.classList.add("desk-text");
  textarea.setAttribute("aria-describedby", [textarea.getAttribute("aria-describedby"), "desk-keys"].filter(Boolean).join(" "));
  textarea.style.removeProperty("height");

  var notice = desk.querySelector(".desk-notice");
  function tell(message) {
    notice.textContent = message;
  }

  /* --- Edits that keep the browser's undo ------------------------------------------------ */

  function apply(result) {
    var old = textarea.value;
    var next = result.text;
    var head = 0;
    while (head < old.length && head < next.length && old[head] === next[head]) head++;
    var tail = 0;
    while (
      tail < old.length - head &&
      tail < next.length - head &&
      old[old.length - 1 - tail] === next[next.length - 1 - tail]
    )
      tail++;
    textarea.focus();
    textarea.setSelectionRange(head, old.length - tail);
    var inserted = next.slice(head, next.length - tail);
    var done = inserted
      ? document.execCommand("insertText", false, inserted)
      : document.execCommand("delete", false);
    if (!done || textarea.value !== next) {
      textarea.value = next;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(result.start, result.end);
  }

  function edit(change) {
    apply(change(textarea.value, textarea.selectionStart, textarea.selectionEnd));
  }

  function block(content, placeholder) {
    edit(function (text, start, end) {
      var result = T.insertBlock(text, start, end, content);
      if (placeholder) {
        var at = result.start - content.length + content.indexOf(placeholder);
        return { text: result.text, start: at, end: at + placeholder.length };
      }
      return result;
    });
  }

  function admonition(kind) {
    var selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd).trim();
    var inner = selected || strings.placeholderNote;
    if (selected) {
      edit(function (text, start, end) {
        var replaced = text.slice(0, start) + text.slice(end);
        var result = T.insertBlock(replaced, start, start, ":::" + kind + "\n" + inner + "\n:::");
        return result;
      });
    } else {
      block(":::" + kind + "\n" + inner + "\n:::", inner);
    }
  }

  function footnote() {
    edit(function (text, start, end) {
      var label = String(T.nextFreeNumber(text));
      var reference = "[^" + label + "]";
      var withReference = text.slice(0, start) + reference + text.slice(end);
      var added = T.addDefinition(withReference, "[^" + label + "]: " + strings.placeholderNote, sourcesHeading());
      var at = added.at + ("[^" + label + "]: ").length;
      return { text: added.text, start: at, end: at + strings.placeholderNote.length };
    });
  }

  function sourcesHeading() {
    var language = document.getElementById("id_language");
    var code = language && language.value === "en" ? "en" : "nl";
    return code === "en" ? strings.sourcesHeadingEn : strings.sourcesHeadingNl;
  }

  var cell = strings.placeholderCell;
  var actions = {
    bold: function () {
      edit(function (t, s, e) {
        return T.wrap(t, s, e, "**", "**", strings.placeholderText);
      });
    },
    italic: function () {
      edit(function (t, s, e) {
        return T.wrap(t, s, e, "*", "*", strings.placeholderText);
      });
    },
    code: function () {
      edit(function (t, s, e) {
        return T.wrap(t, s, e, "`", "`", "code");
      });
    },
    link: function () {
      edit(function (t, s, e) {
        var result = T.wrap(t, s, e, "[", "](https://)", strings.placeholderLink);
        var url = result.end + 2;
        return s === e ? result : { text: result.text, start: url, end: url + 8 };
      });
    },
    heading: function () {
      edit(function (t, s, e) {
        return T.prefixLines(t, s, e, "## ");
      });
    },
    list: function () {
      edit(function (t, s, e) {
        return T.prefixLines(t, s, e, "- ");
      });
    },
    quote: function () {
      edit(function (t, s, e) {
        return T.prefixLines(t, s, e, "> ");
      });
    },
    footnote: footnote,
    note: function () {
      admonition("note");
    },
    warning: function () {
      admonition("warning");
    },
    table: function () {
      var row = "| " + cell + " | " + cell + " |";
      block(row + "\n| --- | --- |\n| " + strings.placeholderText + " | " + strings.placeholderText + " |", cell);
    },
    truncate: function () {
      block("<!--truncate-->");
    },
    indent: function () {
      edit(T.indent);
    },
    outdent: function () {
      edit(T.outdent);
    },
    cite: openCite,
    image: function () {
      fileInput.click();
    },
    fullscreen: toggleFullscreen,
  };

  desk.querySelector(".desk-bar").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button && actions[button.dataset.action]) actions[button.dataset.action]();
  });

  /* Ctrl (Cmd on a Mac) with a letter; Tab is left alone, so it leaves the text. */
  var keys = {
    b: "bold",
    i: "italic",
    k: "link",
    e: "code",
    BracketRight: "indent",
    BracketLeft: "outdent",
    "shift+h": "heading",
    "shift+Digit8": "list",
    "shift+Digit9": "quote",
    "shift+f": "footnote",
    "shift+b": "cite",
    "shift+o": "note",
    "shift+u": "warning",
    "shift+g": "table",
    "shift+m": "truncate",
    "shift+Enter": "fullscreen",
  };

  function shortcut(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
    var key = /^(Digit\d|Bracket(Left|Right)|Enter)$/.test(event.code) ? event.code : event.key.toLowerCase();
    if (event.code === "Enter") key = "Enter";
    return keys[(event.shiftKey ? "shift+" : "") + key] || (event.shiftKey ? null : keys[key]);
  }

  textarea.addEventListener("keydown", function (event) {
    var action = shortcut(event);
    if (action) {
      event.preventDefault();
      actions[action]();
    } else if (event.key === "Escape" && desk.classList.contains("desk-fullscreen")) {
      event.preventDefault();
      toggleFullscreen();
    }
  });

  /* --- Full screen ----------------------------------------------------------------------- */

  var fullscreenButton = desk.querySelector("[data-action='fullscreen']");
  function toggleFullscreen() {
    var on = !desk.classList.contains("desk-fullscreen");
    desk.classList.toggle("desk-fullscreen", on);
    document.documentElement.classList.toggle("desk-is-fullscreen", on);
    fullscreenButton.setAttribute("aria-pressed", String(on));
    textarea.focus();
    measure();
  }
  desk.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && desk.classList.contains("desk-fullscreen") && event.target !== textarea) {
      toggleFullscreen();
    }
  });

  /* --- Live preview and checks ----------------------------------------------------------- */

  var problemsList = desk.querySelector(".desk-problems");
  var summary = desk.querySelector(".desk-summary");
  var words = desk.querySelector(".desk-words");
  var minutes = desk.querySelector(".desk-minutes");
  var timer = null;
  var pending = null;
  var latest = 0;

  function showCounts(report) {
    words.textContent =
      report.word_count === 1 ? strings.wordsOne : say(strings.words, { n: report.word_count });
    minutes.textContent = say(strings.minutes, { n: report.reading_minutes });
  }

  function showProblems(problems) {
    problemsList.textContent = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.className = "desk-problem desk-" + problem.severity;
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.line = problem.line;
      var where = document.createElement("strong");
      where.textContent = say(strings.line, { line: problem.line });
      var kind = document.createElement("span");
      kind.className = "desk-kind";
      kind.textContent = strings[problem.severity] || problem.severity;
      button.append(where, " ", kind, " ", problem.message);
      item.appendChild(button);
      problemsList.appendChild(item);
    });
    summary.textContent = !problems.length
      ? strings.clean
      : problems.length === 1
        ? strings.problemsOne
        : say(strings.problems, { n: problems.length });
    desk.classList.toggle("desk-has-errors", problems.some(function (p) { return p.severity === "error"; }));
  }

  problemsList.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-line]");
    if (!button) return;
    goToLine(parseInt(button.dataset.line, 10));
  });

  function goToLine(line) {
    var at = T.lineStart(textarea.value, line);
    var end = textarea.value.indexOf("\n", at);
    textarea.focus();
    textarea.setSelectionRange(at, end === -1 ? textarea.value.length : end);
    var offsets = lineOffsets([line]);
    textarea.scrollTop = Math.max(0, offsets[0] - textarea.clientHeight / 3);
  }

  var retried = false;

  function refresh() {
    clearTimeout(timer);
    timer = null;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    body.append("content", textarea.value);
    body.append("format", "json");
    var language = document.getElementById("id_language");
    if (language && language.value) body.append("language", language.value);
    var ticket = ++latest;
    pending = fetch(previewUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (report) {
        if (ticket !== latest) return;
        preview.innerHTML = report.html;
        showProblems(report.problems);
        showCounts(report);
        desk.classList.remove("desk-preview-failed");
        measure();
      })
      .catch(function () {
        if (ticket !== latest) return;
        // One quiet retry: a busy server or a dropped connection is no reason to worry anyone.
        if (!retried) {
          retried = true;
          timer = setTimeout(refresh, 1000);
          return;
        }
        tell(strings.previewFailed);
      })
      .then(function () {
        if (ticket === latest && !timer) retried = false;
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  /* --- Scroll kept in step: headings are the anchors, straight lines between them -------- */

  var anchors = null;
  var mirror = document.createElement("div");
  mirror.className = "desk-mirror";
  mirror.setAttribute("aria-hidden", "true");
  desk.querySelector(".desk-write").appendChild(mirror);

  /* The y offset of the start of each 1-based line inside the textarea's content. */
  function lineOffsets(lines) {
    var style = getComputedStyle(textarea);
    [
      "fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "paddingTop",
      "paddingLeft", "paddingRight", "borderTopWidth", "borderLeftWidth", "borderRightWidth",
      "boxSizing", "tabSize", "wordSpacing",
    ].forEach(function (name) {
      mirror.style[name] = style[name];
    });
    mirror.style.width = textarea.clientWidth + "px";
    var text = textarea.value;
    mirror.textContent = "";
    var markers = [];
    var last = 0;
    lines.forEach(function (line) {
      var at = T.lineStart(text, line);
      mirror.appendChild(document.createTextNode(text.slice(last, at)));
      var marker = document.createElement("span");
      mirror.appendChild(marker);
      markers.push(marker);
      last = at;
    });
    return markers.map(function (marker) {
      return marker.offsetTop;
    });
  }

  function measure() {
    var lines = T.headingLines(textarea.value);
    var headings = preview.querySelectorAll("h1, h2, h3, h4, h5, h6");
    var source = [0];
    var shown = [0];
    if (lines.length && lines.length === headings.length) {
      var offsets = lineOffsets(lines);
      var top = preview.getBoundingClientRect().top - preview.scrollTop;
      headings.forEach(function (heading, index) {
        source.push(offsets[index]);
        shown.push(heading.getBoundingClientRect().top - top);
      });
    }
    source.push(Math.max(textarea.scrollHeight - textarea.clientHeight, 1));
    shown.push(Math.max(preview.scrollHeight - preview.clientHeight, 1));
    anchors = { source: source, shown: shown };
  }

  function map(value, from, to) {
    for (var i = 1; i < from.length; i++) {
      if (value <= from[i] || i === from.length - 1) {
        var span = from[i] - from[i - 1] || 1;
        var part = Math.min(Math.max((value - from[i - 1]) / span, 0), 1);
        return to[i - 1] + part * (to[i] - to[i - 1]);
      }
    }
    return 0;
  }

  var leader = null;
  var release = null;
  function follow(from, to, key) {
    from.addEventListener("scroll", function () {
      if (leader && leader !== from) return;
      leader = from;
      clearTimeout(release);
      release = setTimeout(function () {
        leader = null;
      }, 120);
      if (!anchors) measure();
      var other = key === "source" ? "shown" : "source";
      to.scrollTop = map(from.scrollTop, anchors[key], anchors[other]);
    });
  }
  follow(textarea, preview, "source");
  follow(preview, textarea, "shown");
  window.addEventListener("resize", function () {
    anchors = null;
  });

  /* --- Citing from the register ---------------------------------------------------------- */

  var citeDialog = document.getElementById("desk-cite");
  var query = document.getElementById("desk-cite-query");
  var results = document.getElementById("desk-cite-results");
  var citeStatus = citeDialog.querySelector(".desk-cite-status");
  var newError = citeDialog.querySelector(".desk-new-error");
  var found = [];
  var saved = { start: 0, end: 0 };
  var searchTimer = null;

  function openCite() {
    saved = { start: textarea.selectionStart, end: textarea.selectionEnd };
    newError.textContent = "";
    citeDialog.showModal();
    query.select();
    search();
  }

  function search() {
    clearTimeout(searchTimer);
    citeStatus.textContent = strings.searching;
    var asked = query.value;
    fetch(searchUrl + "?q=" + encodeURIComponent(asked), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (asked !== query.value) return;
        found = data.results;
        showResults();
      })
      .catch(function () {
        citeStatus.textContent = strings.searchFailed;
      });
  }

  function showResults() {
    results.textContent = "";
    found.forEach(function (source, index) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.index = index;
      var publisher = document.createElement("strong");
      publisher.textContent = source.publisher;
      var title = document.createElement("span");
      title.className = "desk-result-title";
      title.textContent = source.title;
      var details = document.createElement("span");
      details.className = "desk-result-details";
      details.textContent = [source.authors, source.year, source.url].filter(Boolean).join(" · ");
      button.append(publisher, " ", title, details);
      item.appendChild(button);
      results.appendChild(item);
    });
    citeStatus.textContent = !found.length
      ? strings.foundNone
      : found.length === 1
        ? strings.foundOne
        : say(strings.found, { n: found.length });
  }

  query.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 200);
  });
  query.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && results.querySelector("button")) {
      event.preventDefault();
      results.querySelector("button").focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (found.length) cite(found[0]);
    }
  });
  results.addEventListener("keydown", function (event) {
    var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
    var index = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && index < buttons.length - 1) {
      event.preventDefault();
      buttons[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (index > 0 ? buttons[index - 1] : query).focus();
    }
  });
  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-index]");
    if (button) cite(found[parseInt(button.dataset.index, 10)]);
  });

  citeDialog.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "close") citeDialog.close();
    if (button.dataset.action === "cite-new") citeNew();
  });
  citeDialog.addEventListener("close", function () {
    textarea.focus();
  });

  function citeNew() {
    var source = {
      publisher: document.getElementById("desk-new-publisher").value.trim(),
      title: document.getElementById("desk-new-title").value.trim(),
      url: document.getElementById("desk-new-url").value.trim(),
    };
    if (!source.publisher || !source.title) {
      newError.textContent = strings.newIncomplete;
      (source.publisher ? document.getElementById("desk-new-title") : document.getElementById("desk-new-publisher")).focus();
      return;
    }
    ["desk-new-publisher", "desk-new-title", "desk-new-url"].forEach(function (id) {
      document.getElementById(id).value = "";
    });
    cite(source);
  }

  function cite(source) {
    citeDialog.close();
    textarea.setSelectionRange(saved.start, saved.end);
    var result = T.citeSource(textarea.value, saved.start, saved.end, source, sourcesHeading());
    apply(result);
    tell(say(result.reused ? strings.reused : strings.cited, { label: result.label }));
  }

  /* --- Images: dropped, pasted or chosen ------------------------------------------------- */

  var fileInput = desk.querySelector(".desk-file");
  var imageDialog = document.getElementById("desk-image");
  var altInput = document.getElementById("desk-image-alt");
  var IMAGE_TYPES = /^image\/(jpeg|png|gif|webp)$/;

  function askAlt() {
    return new Promise(function (resolve) {
      altInput.value = "";
      var answer = "";
      function done() {
        imageDialog.removeEventListener("close", done);
        resolve(answer);
      }
      imageDialog.addEventListener("close", done);
      imageDialog.onclick = function (event) {
        var button = event.target.closest("button[data-action]");
        if (!button) return;
        answer = button.dataset.action === "image-ok" ? altInput.value.trim() : "";
        imageDialog.close();
      };
      altInput.onkeydown = function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          answer = altInput.value.trim();
          imageDialog.close();
        }
      };
      imageDialog.showModal();
      altInput.focus();
    });
  }

  function upload(file) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    body.append("image", file);
    return fetch(uploadUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok || !data.url) throw new Error(data.error || strings.uploadFailed);
        return data.url;
      });
    });
  }

  function addImages(files) {
    var images = Array.prototype.filter.call(files, function (file) {
      return IMAGE_TYPES.test(file.type);
    });
    if (!images.length) {
      tell(strings.notImage);
      return;
    }
    var at = { start: textarea.selectionStart, end: textarea.selectionEnd };
    images.reduce(function (previous, file) {
      return previous.then(function () {
        tell(strings.uploading);
        return Promise.all([upload(file), askAlt()])
          .then(function (answers) {
            var alt = answers[1].replace(/[\[\]\\]/g, "");
            textarea.setSelectionRange(at.start, at.end);
            var result = T.insertBlock(textarea.value, at.start, at.end, "![" + alt + "](" + answers[0] + ")");
            apply(result);
            at = { start: result.start, end: result.end };
            tell(strings.uploaded);
          })
          .catch(function (error) {
            if (imageDialog.open) imageDialog.close();
            tell(strings.uploadFailed + " " + (error.message || ""));
          });
      });
    }, Promise.resolve());
  }

  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) addImages(fileInput.files);
    fileInput.value = "";
  });
  textarea.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") !== -1) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  });
  textarea.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      event.preventDefault();
      addImages(event.dataTransfer.files);
    }
  });

  /* --- Pasting: images, and a whole Docusaurus file -------------------------------------- */

  textarea.addEventListener("paste", function (event) {
    var data = event.clipboardData;
    if (!data) return;
    if (data.files && data.files.length) {
      event.preventDefault();
      addImages(data.files);
      return;
    }
    var pasted = data.getData("text/plain");
    var split = pasted && T.splitFrontMatter(pasted);
    if (!split) return;
    event.preventDefault();
    edit(function (text, start, end) {
      var cursor = start + split.body.length;
      return { text: text.slice(0, start) + split.body + text.slice(end), start: cursor, end: cursor };
    });
    fillFromFrontMatter(split.data);
  });

  function setField(id, value) {
    var field = document.getElementById(id);
    if (!field || field.readOnly || field.disabled || value === undefined || value === "") return false;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function names(value) {
    var list = Array.isArray(value) ? value : value ? [value] : [];
    return list
      .map(function (item) {
        if (item && typeof item === "object") return item.value || "";
        return String(item);
      })
      .filter(Boolean);
  }

  /* Chooses, in an autocomplete field of the form, the entries the admin's own search finds
     for these names; answers the names it found nothing for. */
  function choose(fieldName, wanted) {
    var select = document.getElementById("id_" + fieldName);
    if (!select || !wanted.length) return Promise.resolve(wanted);
    var missing = [];
    return wanted
      .reduce(function (previous, name) {
        return previous.then(function () {
          var url =
            "/admin/autocomplete/?app_label=posts&model_name=post&field_name=" +
            fieldName +
            "&term=" +
            encodeURIComponent(name);
          return fetch(url, { credentials: "same-origin" })
            .then(function (response) {
              return response.ok ? response.json() : { results: [] };
            })
            .then(function (data) {
              var lowered = name.toLowerCase();
              var match =
                data.results.filter(function (r) {
                  return r.text.toLowerCase() === lowered || T.slugify(r.text) === T.slugify(name);
                })[0] || (data.results.length === 1 ? data.results[0] : null);
              if (!match) {
                missing.push(name);
                return;
              }
              var option = select.querySelector("option[value='" + CSS.escape(String(match.id)) + "']");
              if (!option) {
                option = new Option(match.text, match.id, true, true);
                select.appendChild(option);
              }
              option.selected = true;
            });
        });
      }, Promise.resolve())
      .then(function () {
        if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
        else select.dispatchEvent(new Event("change", { bubbles: true }));
        return missing;
      });
  }

  function fillFromFrontMatter(data) {
    var filled = [];
    if (setField("id_title", data.title)) filled.push(strings.fieldTitle);
    if (data.slug && setField("id_slug", T.slugify(data.slug))) {
      filled.push(strings.fieldSlug);
      var slug = document.getElementById("id_slug");
      if (slug) slug.dataset._changed = "true";
    }
    if (setField("id_description", data.description)) filled.push(strings.fieldDescription);
    var date = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(String(data.date || ""));
    if (date && setField("id_publish_at_0", date[1])) {
      setField("id_publish_at_1", date[2] || "00:00:00");
      filled.push(strings.fieldDate);
    }
    var tags = names(data.tags);
    var authors = names(data.authors);
    Promise.all([choose("tags", tags), choose("authors", authors)]).then(function (missed) {
      if (tags.length > missed[0].length) filled.push(strings.fieldTags);
      if (authors.length > missed[1].length) filled.push(strings.fieldAuthors);
      var message = say(strings.frontMatter, { fields: filled.join(", ") });
      var lost = missed[0].concat(missed[1]);
      if (lost.length) message += " " + say(strings.frontMissing, { names: lost.join(", ") });
      tell(message);
    });
  }

  /* --- Never lose text: kept in this browser until it is saved --------------------------- */

  var recover = desk.querySelector(".desk-recover");
  var saveTimer = null;
  var title = document.getElementById("id_title");

  function readDraft() {
    try {
      return JSON.parse(localStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function keep() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (submitting) return;
    try {
      if (textarea.value === initialBody && !dirty) localStorage.removeItem(storageKey);
      else
        localStorage.setItem(
          storageKey,
          JSON.stringify({ body: textarea.value, title: title ? title.value : "", at: Date.now() })
        );
    } catch (error) {
      /* storage full or off: the beforeunload question still protects the text */
    }
  }

  var draft = readDraft();
  if (draft && draft.body !== initialBody) {
    recover.hidden = false;
    recover.querySelector(".desk-recover-when").textContent = new Date(draft.at).toLocaleString(
      document.documentElement.lang || undefined
    );
    recover.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.dataset.action === "restore") {
        if (title && draft.title && !title.value) setField("id_title", draft.title);
        apply({ text: draft.body, start: draft.body.length, end: draft.body.length });
        dirty = true;
        tell(strings.restored);
      } else {
        try {
          localStorage.removeItem(storageKey);
        } catch (error) {
          /* nothing kept then */
        }
        textarea.focus();
      }
      recover.hidden = true;
    });
  } else if (draft) {
    localStorage.removeItem(storageKey);
  }

  textarea.addEventListener("input", function () {
    dirty = dirty || textarea.value !== initialBody;
    anchors = null;
    schedule();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(keep, 500);
  });
  if (form) {
    form.addEventListener("input", function (event) {
      if (event.target !== textarea && event.target.closest && !event.target.closest(".desk-dialog")) dirty = true;
    });
    form.addEventListener("submit", function () {
      submitting = true;
      clearTimeout(saveTimer);
      try {
        localStorage.removeItem(storageKey);
      } catch (error) {
        /* nothing kept */
      }
    });
  }
  window.addEventListener("pagehide", function () {
    if (saveTimer) keep();
  });
  window.addEventListener("beforeunload", function (event) {
    if (saveTimer) keep();
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  /* --- What the admin's own widgets leave unnamed on this page: select2's search box (drawn
     again on every change) and its mouse-only "remove all" cross, and a file field under a
     legend instead of a label. ----------------------------------------------------------- */

  function named(text) {
    return text.replace(/:\s*$/, "").trim();
  }

  function labelSearchBoxes() {
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (input) {
      var container = input.closest(".select2");
      var select = container && container.previousElementSibling;
      var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
      if (label) input.setAttribute("aria-label", named(label.textContent));
    });
    document.querySelectorAll(".select2-selection__clear:not([aria-hidden])").forEach(function (cross) {
      cross.setAttribute("aria-hidden", "true");
    });
    document.querySelectorAll(".form-row fieldset > legend").forEach(function (legend) {
      legend.parentNode.querySelectorAll("input[type='file']:not([aria-label])").forEach(function (input) {
        if (!input.labels || !input.labels.length) input.setAttribute("aria-label", named(legend.textContent));
      });
    });
  }
  if (form && window.MutationObserver) {
    new MutationObserver(labelSearchBoxes).observe(form, { childList: true, subtree: true });
    labelSearchBoxes();
  }

  refresh();
})();
