/*
 * The Try-it runtime, in a module Web Worker (Pyodide 0.28+ refuses classic workers): Python never runs on the page's thread, so a long or
 * endless run cannot freeze the tab, and Stop (tryit.js) ends it by terminating this worker.
 *
 * Messages from the page:
 *   {type: "boot", config}        load Pyodide (config URLs are absolute), unpack the site's
 *                                 own wheel of week4, load the runner shared with the build;
 *                                 answers {type: "ready"} or {type: "failed", message, offline}
 *   {type: "run", id, code}       run code with the runner; answers {type: "result", id, json}
 *
 * With WEEK4_CDN=1 pyodide.mjs comes from the CDN: it is fetched with its integrity hash (SRI)
 * and imported from a blob, so the worker runs only the bytes the build hashed.
 */
"use strict";

var execute = null;

async function fetchOk(url, options) {
  var response = await fetch(url, options);
  if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
  return response;
}

async function loadModule(config) {
  var url = config.pyodide + "pyodide.mjs";
  if (!config.pyodideIntegrity) return import(url);
  var source = await (await fetchOk(url, { integrity: config.pyodideIntegrity })).text();
  var blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(blob);
  } finally {
    URL.revokeObjectURL(blob);
  }
}

async function boot(config) {
  var pyodideModule;
  try {
    pyodideModule = await loadModule(config);
  } catch (error) {
    return { type: "failed", offline: true, message: "the Python runtime (Pyodide) did not load" };
  }
  try {
    var pyodide = await pyodideModule.loadPyodide({ indexURL: config.pyodide });
    var files = await Promise.all([
      fetchOk(config.wheel).then(function (r) { return r.arrayBuffer(); }),
      fetchOk(config.runner).then(function (r) { return r.text(); }),
    ]);
    var sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    pyodide.unpackArchive(files[0], "wheel", { extractDir: sitePackages });
    var namespace = pyodide.globals.get("dict")();
    pyodide.runPython(files[1], { globals: namespace });
    execute = namespace.get("run");
    return { type: "ready" };
  } catch (error) {
    return { type: "failed", offline: false, message: String(error && error.message ? error.message : error) };
  }
}

self.onmessage = async function (event) {
  var message = event.data;
  if (message.type === "boot") {
    self.postMessage(await boot(message.config));
  } else if (message.type === "run") {
    try {
      self.postMessage({ type: "result", id: message.id, json: execute(message.code) });
    } catch (error) {
      self.postMessage({ type: "result", id: message.id, failure: String(error && error.message ? error.message : error) });
    }
  }
};
