/*
 * Arrowheads that read in dark mode. Mermaid 11 prefixes its marker ids with the diagram's
 * id ("__mermaid_0-arrowhead"), so Material 9's theme rule "#arrowhead path" no longer
 * matches and Mermaid's own #333 arrowheads and crosses vanish on the dark palette. Material
 * passes its theme CSS to mermaid.initialize; this adds the rules for the new ids to it.
 * Loaded right after the pinned Mermaid (hooks/assets.py), before Material initialises it.
 */
(function () {
  "use strict";
  var mermaid = window.mermaid;
  if (!mermaid || typeof mermaid.initialize !== "function" || mermaid.week4Theme) return;
  var initialize = mermaid.initialize.bind(mermaid);
  var line = "var(--md-mermaid-sequence-message-line-color)";
  var rules =
    '[id$="-arrowhead"] path,[id$="-filled-head"] path{fill:' + line + " !important;stroke:none !important}" +
    '[id$="-crosshead"] path{fill:none !important;stroke:' + line + " !important}";
  mermaid.initialize = function (config) {
    var merged = Object.assign({}, config);
    merged.themeCSS = (merged.themeCSS || "") + rules;
    return initialize(merged);
  };
  mermaid.week4Theme = true;
})();
