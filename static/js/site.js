// Progressive enhancement for the public site; every page also works without this file.
(function () {
  "use strict";

  // Sign-up: show the organisation-type field only to providers and the initiative fields only
  // to initiatives. Without JavaScript both stay visible and the server ignores what does not apply.
  function setUpSignup(form) {
    var radios = form.querySelectorAll('input[name="side"]');
    var sections = form.querySelectorAll("[data-signup-for]");
    function update() {
      var chosen = form.querySelector('input[name="side"]:checked');
      sections.forEach(function (section) {
        section.hidden = Boolean(chosen) && section.getAttribute("data-signup-for") !== chosen.value;
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-signup-form]").forEach(setUpSignup);
    // A print button (the printable handprint) shows only where it can work.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
