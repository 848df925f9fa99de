// carbonpaper: the copy button of the compute statement. The page works without this script (the
// button stays hidden and the text can be selected by hand); with it, the button copies the text
// of the element its data-copy attribute names. Loaded from the site itself, as the page's
// Content-Security-Policy (script-src 'self') requires.
(function () {
  "use strict";
  function copied(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? "Copied" : "Select the text to copy it";
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  function fallback(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var element = document.getElementById(button.getAttribute("data-copy"));
    if (!element) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = element.textContent.replace(/\s+/g, " ").trim();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { copied(button, true); },
          function () { copied(button, fallback(element)); });
      } else {
        copied(button, fallback(element));
      }
    });
  });
}());
