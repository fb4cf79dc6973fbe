/* ailit: small enhancements; every page works without them. No third-party code. */
(function () {
  "use strict";
  // "Show password": the checkbox is in the page, hidden until this script can make it work.
  document.querySelectorAll("input[data-reveal]").forEach(function (box) {
    var field = document.getElementById(box.getAttribute("data-reveal"));
    if (!field) { return; }
    box.closest(".reveal").hidden = false;
    box.addEventListener("change", function () {
      field.type = box.checked ? "text" : "password";
    });
  });
  // Print buttons: without JavaScript the browser's own Print menu does the same. A lesson in
  // steps prints whole: its button opens the whole lesson, which prints itself (#print).
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    var whole = button.getAttribute("data-print-whole");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (whole) { location.href = whole; } else { window.print(); }
    });
  });
  if (location.hash === "#print" && document.querySelector("button[data-print]:not([data-print-whole])")) {
    window.print();
  }
  // A lesson in steps: Previous and Next land on "Step 2 of 5", which takes the focus, so the
  // new step is announced and Tab goes on from there (without JavaScript the page just scrolls).
  var step = location.hash === "#step" && document.getElementById("step");
  if (step) { step.focus(); }
  // A form's error summary takes the focus, so the reader hears every problem at once.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) { summary.focus(); }
}());
