/* The writer's desk: pure functions over the Markdown text, no DOM (editor.js wires them up).
   Every edit takes the text and a selection and returns {text, start, end}: the new text and
   the selection to put back. Code (fenced blocks, inline code) is never read as notes or
   headings. Exposed as window.EditorText; tests run them in Chromium through page.evaluate. */
(function (root) {
  "use strict";

  var DEFINITION = /^([ \t]*)((?:[-*+][ \t]+)?)\[\^([^\]\s]+)\]:[ \t]?(.*)$/;
  var REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;
  var NOTES_HEADING = /^#{1,6}[ \t]+(bronnen|sources|noten|notes|voetnoten|footnotes)[ \t#]*$/i;
  var QUOTES = { "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"' };

  function blank(text) {
    return text.replace(/[^\n]/g, " ");
  }

  /* The text with code blanked out (same length, same line breaks), so indices stay valid. */
  function maskCode(text) {
    var lines = text.split("\n");
    var fence = null;
    for (var i = 0; i < lines.length; i++) {
      var open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]);
      if (fence) {
        if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
        lines[i] = blank(lines[i]);
      } else if (open) {
        fence = open[1];
        lines[i] = blank(lines[i]);
      } else {
        lines[i] = lines[i].replace(/(`+)[^`]*?\1/g, blank);
      }
    }
    return lines.join("\n");
  }

  function lineStarts(text) {
    var starts = [0];
    for (var i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
    return starts;
  }

  /* The index where 1-based `line` begins (the end of the text past the last line). */
  function lineStart(text, line) {
    var starts = lineStarts(text);
    if (line < 1) return 0;
    return line <= starts.length ? starts[line - 1] : text.length;
  }

  function lineAt(text, index) {
    return text.slice(0, index).split("\n").length;
  }

  /* Every footnote definition: label, 1-based line, where it starts and ends (its indented
     continuation lines included), its content and the list bullet it is written with. */
  function definitions(text) {
    var masked = maskCode(text).split("\n");
    var lines = text.split("\n");
    var found = [];
    var offset = 0;
    for (var i = 0; i < lines.length; i++) {
      var match = DEFINITION.exec(masked[i]);
      if (match) {
        var end = offset + lines[i].length;
        var j = i + 1;
        var content = DEFINITION.exec(lines[i])[4];
        while (j < lines.length && /^( {2,}|\t)\S/.test(lines[j])) {
          end += 1 + lines[j].length;
          content += "\n" + lines[j].trim();
          j++;
        }
        found.push({
          label: match[3],
          line: i + 1,
          start: offset,
          end: end,
          content: content,
          bullet: match[2] ? match[2].trim() + " " : "",
        });
      }
      offset += lines[i].length + 1;
    }
    return found;
  }

  /* The labels of the references in the text (not the definitions), in order. */
  function references(text) {
    var masked = maskCode(text);
    var labels = [];
    masked.split("\n").forEach(function (line) {
      if (DEFINITION.test(line)) line = line.replace(/^[^\]]*\]:/, "");
      var match;
      REFERENCE.lastIndex = 0;
      while ((match = REFERENCE.exec(line))) labels.push(match[1]);
    });
    return labels;
  }

  /* The next number no note uses yet: one more than the highest numbered label. */
  function nextFreeNumber(text) {
    var highest = 0;
    var labels = references(text).concat(
      definitions(text).map(function (d) {
        return d.label;
      })
    );
    labels.forEach(function (label) {
      if (/^\d+$/.test(label)) highest = Math.max(highest, parseInt(label, 10));
    });
    return highest + 1;
  }

  function normalise(value) {
    var text = (value || "").normalize("NFKC").replace(/[\u2018\u2019\u201c\u201d]/g, function (q) {
      return QUOTES[q];
    });
    return text.toLowerCase().split(/\s+/).join(" ").replace(/^[ .,;:]+|[ .,;:]+$/g, "");
  }

  /* What identifies a source, as the register has it: publisher and title, normalised. */
  function sourceKey(publisher, title) {
    return normalise(publisher) + "|" + normalise(title);
  }

  function unescape(value) {
    return value.replace(/\\([\\`*_{}\[\]()#+\-.!|])/g, "$1");
  }

  /* The source a note names in our format (**Publisher** - [Title](url)), or null. */
  function parseSource(content) {
    var match = /^\s*\*\*(.+?)\*\*\s*[-:\u2013\u2014]?\s*(.*)$/.exec(content || "");
    if (!match) match = /^\s*([^\[\]()*_`:\u2013\u2014]{1,80}?)(?:\s+-|\s*[:\u2013\u2014])\s+(.*)$/.exec(content || "");
    if (!match) return null;
    var publisher = unescape(match[1]).replace(/[:\-\u2013\u2014]$/, "").trim();
    var rest = match[2];
    var link = /^\[((?:\\.|[^\]\\])*)\]\(<?([^)>\s]*)>?\)/.exec(rest);
    var title = link ? unescape(link[1]) : rest.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    var url = link ? link[2] : "";
    if (!link) {
      var inText = /\]\(<?([^)>\s]+)>?\)/.exec(rest);
      url = inText ? inText[1] : "";
    }
    title = title.trim().replace(/[ .,;:]+$/, "");
    if (!publisher || !title) return null;
    return { publisher: publisher, title: title, url: url };
  }

  function sameUrl(a, b) {
    var clean = function (url) {
      return (url || "").trim().replace(/\/+$/, "").toLowerCase();
    };
    return clean(a) !== "" && clean(a) === clean(b);
  }

  /* The label of the note that already cites `source` (same publisher and title, or the same
     address), or null. */
  function findNoteFor(text, source) {
    var key = sourceKey(source.publisher, source.title);
    var found = definitions(text).filter(function (d) {
      var cited = parseSource(d.content);
      if (!cited) return false;
      return sourceKey(cited.publisher, cited.title) === key || sameUrl(cited.url, source.url);
    });
    return found.length ? found[0].label : null;
  }

  function escapeText(value) {
    return String(value || "").replace(/\s+/g, " ").trim().replace(/([\\`*_\[\]])/g, "\\$1");
  }

  function escapeUrl(value) {
    return String(value || "").trim().replace(/\s/g, "%20").replace(/\(/g, "%28").replace(/\)/g, "%29");
  }

  /* A note's text in our format: **Publisher** - [Title](url), or **Publisher** - Title. */
  function formatSource(source) {
    var publisher = "**" + escapeText(source.publisher) + "**";
    var title = escapeText(source.title);
    var url = escapeUrl(source.url);
    return publisher + " - " + (url ? "[" + title + "](" + url + ")" : title);
  }

  function notesHeadingLine(masked) {
    var lines = masked.split("\n");
    for (var i = lines.length - 1; i >= 0; i--) if (NOTES_HEADING.test(lines[i])) return i + 1;
    return 0;
  }

  /* The text with `definition` (a whole line, without its bullet) added to the notes list:
     after the last note under the "Bronnen" heading, or after the notes that end the text, or
     in a new "Bronnen" list at the end. Returns {text, at, length}: where it went. */
  function addDefinition(text, definition, heading) {
    var masked = maskCode(text);
    var headingLine = notesHeadingLine(masked);
    var all = definitions(text);
    var listed = all.filter(function (d) {
      return headingLine && d.line > headingLine;
    });
    var last = listed.length ? listed[listed.length - 1] : null;
    if (!last && !headingLine && all.length) {
      var tail = all[all.length - 1];
      if (!text.slice(tail.end).trim()) last = tail;
    }
    var insert;
    var at;
    if (last) {
      insert = "\n" + last.bullet + definition;
      at = last.end;
    } else if (headingLine) {
      var headingEnd = text.indexOf("\n", lineStart(text, headingLine));
      at = headingEnd === -1 ? text.length : headingEnd;
      var following = text.slice(at);
      var ending = following === "" ? "\n" : !following.trim() || /^\n[ \t]*\n/.test(following) ? "" : "\n";
      insert = "\n\n" + definition + ending;
    } else {
      var trimmed = text.replace(/\s+$/, "");
      var before = trimmed ? "\n\n" : "";
      var added = before + "## " + (heading || "Bronnen") + "\n\n" + definition + "\n";
      return { text: trimmed + added, at: trimmed.length + added.indexOf(definition), length: definition.length };
    }
    var result = text.slice(0, at) + insert + text.slice(at);
    return { text: result, at: at + insert.indexOf(definition), length: definition.length };
  }

  /* Cites `source` at the selection: a reference to the note that already cites it, or to a
     new note with the next free number, its definition added to the "Bronnen" list. */
  function citeSource(text, start, end, source, heading) {
    var label = findNoteFor(text, source);
    var reused = label !== null;
    if (!reused) label = String(nextFreeNumber(text));
    var reference = "[^" + label + "]";
    var withReference = text.slice(0, start) + reference + text.slice(end);
    var cursor = start + reference.length;
    if (reused) return { text: withReference, start: cursor, end: cursor, label: label, reused: true };
    var added = addDefinition(withReference, "[^" + label + "]: " + formatSource(source), heading);
    if (added.at <= cursor) cursor += added.text.length - withReference.length;
    return { text: added.text, start: cursor, end: cursor, label: label, reused: false };
  }

  /* `block` (an image, a table, an admonition) on lines of its own, never mid-line: at the
     cursor's line when it is empty, else after the paragraph line the cursor is on. */
  function insertBlock(text, start, end, block) {
    var at = end;
    var lineEnd = text.indexOf("\n", at);
    var lineBegin = text.lastIndexOf("\n", at - 1) + 1;
    var current = text.slice(lineBegin, lineEnd === -1 ? text.length : lineEnd);
    if (current.trim() === "") {
      at = lineBegin;
    } else {
      at = lineEnd === -1 ? text.length : lineEnd;
    }
    var before = text.slice(0, at);
    var after = text.slice(at);
    var lead = before === "" ? "" : /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var rest = after.replace(/^[ \t]*\n?/, "");
    var trail = rest === "" ? "\n" : /^\n/.test(rest) ? "\n" : "\n\n";
    var result = before + lead + block + trail + rest;
    var cursor = (before + lead + block).length;
    return { text: result, start: cursor, end: cursor };
  }

  /* Wraps the selection in `before` and `after` (bold, italic, code, a link), or unwraps it
     when it is wrapped already; with nothing selected, inserts `placeholder` selected. */
  function wrap(text, start, end, before, after, placeholder) {
    var selected = text.slice(start, end);
    if (
      selected &&
      text.slice(start - before.length, start) === before &&
      text.slice(end, end + after.length) === after
    ) {
      var unwrapped = text.slice(0, start - before.length) + selected + text.slice(end + after.length);
      return { text: unwrapped, start: start - before.length, end: end - before.length };
    }
    var inner = selected || placeholder || "";
    var result = text.slice(0, start) + before + inner + after + text.slice(end);
    return { text: result, start: start + before.length, end: start + before.length + inner.length };
  }

  function selectedLines(text, start, end) {
    var from = text.lastIndexOf("\n", start - 1) + 1;
    var to = text.indexOf("\n", end > start && text[end - 1] === "\n" ? end - 1 : end);
    return { from: from, to: to === -1 ? text.length : to };
  }

  /* Runs `change` over each selected line and keeps the whole lines selected. */
  function mapLines(text, start, end, change) {
    var range = selectedLines(text, start, end);
    var lines = text.slice(range.from, range.to).split("\n");
    var changed = lines.map(change).join("\n");
    var result = text.slice(0, range.from) + changed + text.slice(range.to);
    if (start === end && lines.length === 1) {
      var moved = Math.max(range.from, start + changed.length - lines[0].length);
      return { text: result, start: moved, end: moved };
    }
    return { text: result, start: range.from, end: range.from + changed.length };
  }

  /* Puts `prefix` before each selected line ("> ", "- ", "## "), or takes it off when every
     line has it already. */
  function prefixLines(text, start, end, prefix) {
    var range = selectedLines(text, start, end);
    var lines = text.slice(range.from, range.to).split("\n");
    var all = lines.every(function (line) {
      return line.indexOf(prefix) === 0;
    });
    return mapLines(text, start, end, function (line) {
      if (all) return line.slice(prefix.length);
      if (/^#{1,6} /.test(prefix)) line = line.replace(/^#{1,6} /, "");
      return prefix + line;
    });
  }

  function indent(text, start, end) {
    return mapLines(text, start, end, function (line) {
      return "  " + line;
    });
  }

  function outdent(text, start, end) {
    return mapLines(text, start, end, function (line) {
      return line.replace(/^( {1,2}|\t)/, "");
    });
  }

  function unquote(value) {
    var text = value.trim();
    if (/^".*"$/.test(text)) {
      try {
        return JSON.parse(text);
      } catch (error) {
        return text.slice(1, -1);
      }
    }
    if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
    return text;
  }

  function yamlValue(value) {
    var text = value.trim();
    if (/^\[.*\]$/.test(text)) {
      return text
        .slice(1, -1)
        .split(",")
        .map(unquote)
        .filter(function (item) {
          return item !== "";
        });
    }
    return unquote(text.replace(/\s+#.*$/, ""));
  }

  /* A Docusaurus file's front matter (the simple YAML of `key: value`, `[a, b]` and `- a`
     lists) and the body after it; null when the text does not start with front matter. */
  function splitFrontMatter(text) {
    var match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
    if (!match) return null;
    var data = {};
    var key = null;
    var lines = match[1].split(/\r?\n/);
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var item = /^\s+-\s+(.*)$/.exec(line) || /^-\s+(.*)$/.exec(line);
      var pair = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(line);
      if (pair) {
        key = pair[1];
        data[key] = pair[2] === undefined || pair[2].trim() === "" ? [] : yamlValue(pair[2]);
      } else if (item && key && Array.isArray(data[key])) {
        var entry = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(item[1]);
        data[key].push(entry ? { key: entry[1], value: unquote(entry[2]) } : unquote(item[1]));
      }
    }
    Object.keys(data).forEach(function (name) {
      if (Array.isArray(data[name]) && data[name].length === 0) data[name] = "";
    });
    return { data: data, body: text.slice(match[0].length).replace(/^\s*\n/, "") };
  }

  /* The slug Bronpunt gives a Docusaurus slug or title: `releases/2.2` becomes `releases-2-2`. */
  function slugify(value) {
    return String(value || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100)
      .replace(/-+$/, "");
  }

  /* The 1-based line numbers of the body's headings (outside code), in order. */
  function headingLines(text) {
    var lines = maskCode(text).split("\n");
    var found = [];
    for (var i = 0; i < lines.length; i++) if (/^ {0,3}#{1,6}[ \t]/.test(lines[i])) found.push(i + 1);
    return found;
  }

  root.EditorText = {
    maskCode: maskCode,
    lineStart: lineStart,
    lineAt: lineAt,
    definitions: definitions,
    references: references,
    nextFreeNumber: nextFreeNumber,
    sourceKey: sourceKey,
    parseSource: parseSource,
    findNoteFor: findNoteFor,
    formatSource: formatSource,
    addDefinition: addDefinition,
    citeSource: citeSource,
    insertBlock: insertBlock,
    wrap: wrap,
    prefixLines: prefixLines,
    indent: indent,
    outdent: outdent,
    splitFrontMatter: splitFrontMatter,
    slugify: slugify,
    headingLines: headingLines,
  };
})(window);
