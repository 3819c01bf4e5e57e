/*
 * Try-it blocks: edit and run Python that imports week4, in the browser, with Pyodide.
 *
 * hooks/tryit.py renders each block (a textarea with the code, hidden Run/Reset buttons, the
 * output from when the site was built); hooks/assets.py loads Ace, Pyodide and this script,
 * only on pages that have a block, and a JSON config (#week4-tryit-config) with their URLs.
 *
 * Python starts on the first Run (or when the reader heads for it): Pyodide loads, the
 * site's own wheel of week4 (the exact code the pages ran) is unpacked into site-packages
 * with pyodide.unpackArchive, and the runner shared with the build (tryit_runner.py) runs
 * the code, capturing what it prints; a Python exception comes back as one short line.
 * Without Ace the textarea stays the editor; without Pyodide (offline) the block says so.
 */
(function () {
  "use strict";

  var config = null;
  var runtime = null; // Promise of the runner's run() function, once Python starts
  var MAX_OUTPUT = 200000;

  function absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  function download(url, kind) {
    return fetch(absolute(url)).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
      return kind === "text" ? response.text() : response.arrayBuffer();
    });
  }

  function boot() {
    if (runtime) return runtime;
    runtime = (async function () {
      if (typeof window.loadPyodide !== "function") {
        var missing = new Error("the Python runtime (Pyodide) did not load");
        missing.offline = true;
        throw missing;
      }
      var pyodide = await window.loadPyodide({ indexURL: absolute(config.pyodide) });
      var files = await Promise.all([download(config.wheel, "bytes"), download(config.runner, "text")]);
      var sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
      pyodide.unpackArchive(files[0], "wheel", { extractDir: sitePackages });
      var namespace = pyodide.globals.get("dict")();
      pyodide.runPython(files[1], { globals: namespace });
      return namespace.get("run");
    })();
    runtime.catch(function () {
      runtime = null; // let the next Run try again
    });
    return runtime;
  }

  function defineTheme() {
    // One Ace theme for light and dark: its colours are Material's CSS variables
    // (docs/stylesheets/interactive.css), so it follows the palette toggle.
    window.ace.define("ace/theme/week4", ["require", "exports", "module"], function (require, exports) {
      exports.isDark = false;
      exports.cssClass = "ace-week4";
      exports.cssText = "";
    });
  }

  function makeEditor(block, textarea, run) {
    if (!window.ace || typeof window.ace.edit !== "function") return null;
    try {
      var host = document.createElement("div");
      host.className = "week4-tryit__editor";
      textarea.insertAdjacentElement("afterend", host);
      var editor = window.ace.edit(host, {
        value: textarea.value,
        mode: "ace/mode/python",
        theme: "ace/theme/week4",
        minLines: Math.min(Math.max(textarea.rows, 4), 30),
        maxLines: 30,
        showPrintMargin: false,
        tabSize: 4,
        useSoftTabs: true,
        enableKeyboardAccessibility: true,
        textInputAriaLabel: textarea.getAttribute("aria-label"),
      });
      editor.session.setUndoManager(new window.ace.UndoManager());
      editor.commands.addCommand({
        name: "week4Run",
        bindKey: { win: "Ctrl-Enter", mac: "Command-Enter" },
        exec: run,
      });
      textarea.hidden = true;
      block.setAttribute("data-tryit-editor", "ace");
      return editor;
    } catch (error) {
      if (host && host.parentNode) host.parentNode.removeChild(host);
      return null;
    }
  }

  function setup(block) {
    if (block.hasAttribute("data-tryit-ready")) return;
    block.setAttribute("data-tryit-ready", "");
    var textarea = block.querySelector("[data-tryit-code]");
    var runButton = block.querySelector("[data-tryit-run]");
    var resetButton = block.querySelector("[data-tryit-reset]");
    var status = block.querySelector("[data-tryit-status]");
    var label = block.querySelector("[data-tryit-label]");
    var output = block.querySelector("[data-tryit-output] code");
    var original = textarea.value;
    var editor = null;

    function say(text, kind) {
      status.textContent = text;
      status.setAttribute("data-kind", kind || "info");
    }

    function show(text, error) {
      if (text.length > MAX_OUTPUT) text = text.slice(0, MAX_OUTPUT) + "\n[… output cut at " + MAX_OUTPUT + " characters]\n";
      output.textContent = text;
      if (error) {
        if (text && text.slice(-1) !== "\n") output.appendChild(document.createTextNode("\n"));
        var line = document.createElement("span");
        line.className = "week4-tryit__error";
        line.textContent = error;
        output.appendChild(line);
      } else if (!text) {
        output.textContent = "(nothing printed: use print() to see values)";
      }
    }

    async function run() {
      var code = editor ? editor.getValue() : textarea.value;
      runButton.disabled = true;
      block.setAttribute("data-tryit-state", "starting");
      say(runtime ? "Running…" : "Starting Python (the first run downloads about 13 MB)…");
      var execute;
      try {
        execute = await boot();
      } catch (error) {
        block.setAttribute("data-tryit-state", "unavailable");
        say(
          error.offline
            ? "Python could not start: the runtime (Pyodide) did not load. Are you offline? " +
                "The output below is from when the site was built."
            : "Python could not start: " + error.message + ". The output below is from when the site was built.",
          "error"
        );
        runButton.disabled = false;
        return;
      }
      block.setAttribute("data-tryit-state", "running");
      say("Running…");
      await new Promise(function (resolve) {
        setTimeout(resolve, 0); // paint the status before Python holds the main thread
      });
      var started = performance.now();
      try {
        var result = JSON.parse(execute(code));
        show(result.output, result.error);
        label.textContent = "Output of your run, in this browser";
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        say(result.error ? "Stopped with an error after " + seconds + " s." : "Ran in " + seconds + " s.", result.error ? "error" : "ok");
        block.setAttribute("data-tryit-state", result.error ? "error" : "done");
      } catch (error) {
        show("", "Could not run the code: " + error.message);
        say("The run failed.", "error");
        block.setAttribute("data-tryit-state", "error");
      }
      runButton.disabled = false;
    }

    editor = makeEditor(block, textarea, run);
    if (editor) {
      editor.on("focus", function () {
        boot().catch(function () {});
      });
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          run();
        }
      });
    }
    runButton.addEventListener("click", run);
    runButton.addEventListener("pointerenter", function () {
      boot().catch(function () {});
    });
    resetButton.addEventListener("click", function () {
      if (editor) editor.setValue(original, -1);
      else textarea.value = original;
    });
    runButton.hidden = false;
    resetButton.hidden = false;
  }

  function setupAll() {
    var element = document.getElementById("week4-tryit-config");
    if (!element) return;
    config = JSON.parse(element.textContent);
    if (window.ace && typeof window.ace.define === "function") {
      window.ace.config.set("basePath", absolute(config.ace).replace(/\/$/, ""));
      defineTheme();
    }
    document.querySelectorAll("[data-tryit]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
