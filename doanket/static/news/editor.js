// Article editor helpers: insert an uploaded image (with its caption) at the cursor in the body field.
// Without JavaScript the same HTML snippet is shown next to each image, to copy by hand.
(function () {
  "use strict";
  function insertAtCursor(field, text) {
    var start = field.selectionStart || 0;
    var end = field.selectionEnd || 0;
    var before = field.value.slice(0, start);
    var after = field.value.slice(end);
    var block = (before && !before.endsWith("\n") ? "\n" : "") + text + "\n";
    field.value = before + block + after;
    var pos = before.length + block.length;
    field.focus();
    field.setSelectionRange(pos, pos);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.insert-image");
    if (!button) return;
    var field = document.getElementById(button.dataset.target);
    var snippet = button.parentElement.querySelector(".snippet");
    if (field && snippet) insertAtCursor(field, snippet.textContent);
  });
})();
