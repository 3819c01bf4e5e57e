/*
 * Explorable figures: controls that switch between views computed when the site was built.
 *
 * The markup comes from week4.render.explorable: a <figure data-explorable> with labelled
 * native controls (range, select, checkbox; hidden until this script runs), the default
 * view, an aria-live caption, and a <script type="application/json" data-explorable-data>
 * holding, for every setting key ("0.1|20"), the result, the pre-rendered view and the
 * caption. Nothing is simulated here: moving a control looks up a key and swaps the view.
 * No dependencies, no network.
 */
(function () {
  "use strict";

  function setup(root) {
    if (root.hasAttribute("data-explorable-ready")) return;
    var script = root.querySelector("script[data-explorable-data]");
    var view = root.querySelector("[data-explorable-view]");
    var status = root.querySelector("[data-explorable-status]");
    var panel = root.querySelector("[data-explorable-controls]");
    if (!script || !view || !status || !panel) return;
    var data = JSON.parse(script.textContent);
    var inputs = data.controls.map(function (control) {
      return root.querySelector('[data-explorable-control="' + control.name + '"]');
    });

    function positions() {
      return data.controls.map(function (control, i) {
        var input = inputs[i];
        if (control.kind === "toggle") return input.checked ? 1 : 0;
        var index = parseInt(input.value, 10);
        return isNaN(index) ? control.default : index;
      });
    }

    function update() {
      var at = positions();
      var key = at
        .map(function (index, i) {
          return data.controls[i].keys[index];
        })
        .join("|");
      data.controls.forEach(function (control, i) {
        var text = control.texts[at[i]];
        if (control.kind === "range") {
          inputs[i].setAttribute("aria-valuetext", text);
          var output = root.querySelector('[data-explorable-output="' + control.name + '"]');
          if (output) output.textContent = text;
        }
      });
      if (root.getAttribute("data-explorable-key") === key) return;
      root.setAttribute("data-explorable-key", key);
      view.innerHTML = data.views[key];
      if (status.textContent !== data.summaries[key]) status.textContent = data.summaries[key];
    }

    inputs.forEach(function (input) {
      if (!input) return;
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    root.setAttribute(
      "data-explorable-key",
      data.controls
        .map(function (control) {
          return control.keys[control.default];
        })
        .join("|")
    );
    panel.hidden = false;
    root.setAttribute("data-explorable-ready", "");
    update(); // a restored form state (back button) may differ from the default
  }

  function setupAll() {
    document.querySelectorAll("[data-explorable]").forEach(setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setupAll); // Material's instant navigation
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
