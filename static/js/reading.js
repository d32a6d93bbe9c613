// Reading aids on an article, added by script so the page works without it: a link to copy
// beside each heading, and a copy button on each code block. Labels come from the article's
// data attributes (translated in the template).
(function () {
  "use strict";
  var article = document.querySelector("article.post[data-anchor-label]");
  if (!article) return;
  var body = article.querySelector(".post-body");
  if (!body) return;

  body.querySelectorAll("h2[id], h3[id], h4[id]").forEach(function (heading) {
    var link = document.createElement("a");
    link.className = "heading-anchor";
    link.href = "#" + encodeURIComponent(heading.id);
    link.setAttribute("aria-label", article.dataset.anchorLabel + ": " + heading.textContent);
    link.textContent = "#";
    heading.appendChild(link);
  });

  if (!navigator.clipboard) return;
  body.querySelectorAll("pre > code").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = article.dataset.copyLabel;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.innerText).then(function () {
        button.textContent = article.dataset.copiedLabel;
        setTimeout(function () { button.textContent = article.dataset.copyLabel; }, 2000);
      });
    });
    code.parentNode.parentNode.insertBefore(button, code.parentNode);
  });
})();
