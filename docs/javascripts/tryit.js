/*
 * Try-it blocks: edit and run Python that imports week4, in the browser, with Pyodide.
 *
 * hooks/tryit.py renders each block (a textarea with the code, hidden Run/Reset buttons, the
 * output from when the site was built); hooks/assets.py loads Ace, Pyodide and this script,
 * only on pages that have a block, and a JSON config (#week4-tryit-config) with their URLs.
 *
 * Python starts on the first Run (or when the reader heads for it) in a Web Worker
 * (tryit-worker.js): Pyodide loads, the site's own wheel of week4 (the exact code the pages
 * ran) is unpacked into site-packages, and the runner shared with the build (tryit_runner.py)
 * runs the code, capturing what it prints; a Python exception comes back as one short line.
 * The page's thread never runs Python, so an endless loop cannot freeze the tab: Stop
 * terminates the worker and the next Run starts a fresh one. Reset brings back the code and
 * the output (with its label) from when the site was built.
 * Without Ace the textarea stays the editor; without Pyodide (offline) the block says so.
 */
(function () {
  "use strict";

  var config = null;
  var worker = null; // the Web Worker that runs Python (tryit-worker.js)
  var runtime = null; // Promise that resolves once the worker's Python is ready
  var pending = null; // {id, resolve, reject} of the run in progress
  var booting = null; // reject() of the runtime while Python starts
  var nextId = 0;
  var MAX_OUTPUT = 200000;

  function absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  function workerConfig() {
    return {
      pyodide: absolute(config.pyodide),
      wheel: absolute(config.wheel),
      runner: absolute(config.runner),
      pyodideIntegrity: config.pyodideIntegrity || null,
    };
  }

  function stopWorker(reason) {
    if (worker) worker.terminate();
    worker = null;
    runtime = null;
    if (booting) {
      var starting = booting;
      booting = null;
      starting(reason);
    }
    if (pending) {
      var stopped = pending;
      pending = null;
      stopped.reject(reason);
    }
  }

  function boot() {
    if (runtime) return runtime;
    runtime = new Promise(function (resolve, reject) {
      booting = reject;
      try {
        worker = new Worker(absolute(config.worker), { type: "module" });
      } catch (error) {
        reject(error);
        return;
      }
      worker.onmessage = function (event) {
        var message = event.data;
        if (message.type === "ready") {
          booting = null;
          resolve();
        } else if (message.type === "failed") {
          var failure = new Error(message.message);
          failure.offline = message.offline;
          booting = null;
          reject(failure);
        } else if (message.type === "result" && pending && pending.id === message.id) {
          var done = pending;
          pending = null;
          if (message.failure) done.reject(new Error(message.failure));
          else done.resolve(JSON.parse(message.json));
        }
      };
      worker.onerror = function (event) {
        event.preventDefault();
        var failure = new Error(event.message || "the Python worker failed");
        reject(failure);
        if (pending) {
          var done = pending;
          pending = null;
          done.reject(failure);
        }
      };
      worker.postMessage({ type: "boot", config: workerConfig() });
    });
    runtime.catch(function () {
      stopWorker(new Error("restart")); // let the next Run try again, with a fresh worker
    });
    return runtime;
  }

  function execute(code) {
    return new Promise(function (resolve, reject) {
      nextId += 1;
      pending = { id: nextId, resolve: resolve, reject: reject };
      worker.postMessage({ type: "run", id: nextId, code: code });
    });
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
    var stopButton = block.querySelector("[data-tryit-stop]");
    var status = block.querySelector("[data-tryit-status]");
    var label = block.querySelector("[data-tryit-label]");
    var output = block.querySelector("[data-tryit-output] code");
    var original = textarea.value;
    var builtOutput = output.textContent;
    var builtLabel = label.textContent;
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

    function setBusy(busy) {
      runButton.disabled = busy;
      stopButton.hidden = !busy;
    }

    async function run() {
      if (runButton.disabled) return;
      var code = editor ? editor.getValue() : textarea.value;
      setBusy(true);
      block.setAttribute("data-tryit-state", "starting");
      say(runtime ? "Running…" : "Starting Python (the first run downloads about 13 MB)…");
      try {
        await boot();
      } catch (error) {
        if (error.stopped) return; // Stop was pressed while Python started
        block.setAttribute("data-tryit-state", "unavailable");
        say(
          error.offline
            ? "Python could not start: the runtime (Pyodide) did not load. Are you offline? " +
                "The output below is from when the site was built."
            : "Python could not start: " + error.message + ". The output below is from when the site was built.",
          "error"
        );
        setBusy(false);
        return;
      }
      block.setAttribute("data-tryit-state", "running");
      say("Running… (Stop ends the run)");
      var started = performance.now();
      try {
        var result = await execute(code);
        show(result.output, result.error);
        label.textContent = "Output of your run, in this browser";
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        say(result.error ? "Stopped with an error after " + seconds + " s." : "Ran in " + seconds + " s.", result.error ? "error" : "ok");
        block.setAttribute("data-tryit-state", result.error ? "error" : "done");
      } catch (error) {
        if (error.stopped) return;
        show("", "Could not run the code: " + error.message);
        say("The run failed.", "error");
        block.setAttribute("data-tryit-state", "error");
      }
      setBusy(false);
    }

    function stop() {
      var reason = new Error("stopped");
      reason.stopped = true;
      stopWorker(reason);
      setBusy(false);
      say("Stopped. Python starts again on the next Run.", "error");
      block.setAttribute("data-tryit-state", "stopped");
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
      output.textContent = builtOutput;
      label.textContent = builtLabel;
      if (!runButton.disabled) {
        say("");
        block.removeAttribute("data-tryit-state");
      }
    });
    stopButton.addEventListener("click", stop);
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
