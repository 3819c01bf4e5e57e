(column) => {
  const article = document.querySelector("article.md-content__inner");
  const width = article.getBoundingClientRect().width
    - parseFloat(getComputedStyle(article).paddingLeft)
    - parseFloat(getComputedStyle(article).paddingRight);
  const found = {hidden: [], wide: [], small: [], none: [], contrast: [], nav: []};
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && el.className.baseVal === undefined && el.className
       ? "." + String(el.className).trim().split(/\s+/).join(".") : "");

  // Every page is in the navigation: its own link is highlighted in the sidebar.
  if (!document.querySelector(".md-sidebar--primary .md-nav__link--active")) {
    found.nav.push(location.pathname);
  }

  // An executed block's output is never behind a tab that is closed by default.
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const inputs = [...set.querySelectorAll(":scope > input")];
    const checked = inputs.findIndex((input) => input.checked);
    const result = labels.findIndex((label) => /result|output/i.test(label.textContent));
    if (result >= 0 && checked !== result) found.hidden.push(labels.map((l) => l.textContent).join("|"));
  }

  // Nothing wider than the text column.
  const svgs = [...document.querySelectorAll("article svg.week4-chart, article img")];
  const roots = [...document.querySelectorAll("div.mermaid")].map((d) => d.shadowRoot).filter(Boolean);
  const mermaid = roots.flatMap((root) => [...root.querySelectorAll("svg")]);
  for (const el of [...document.querySelectorAll("article table"), ...svgs, ...mermaid]) {
    const w = el.getBoundingClientRect().width;
    if (w > width + 1) found.wide.push(`${name(el)} ${Math.round(w)} px > ${Math.round(width)} px`);
  }

  // Text in figures at least 12 px at a 720 px column.
  for (const svg of [...document.querySelectorAll("article svg.week4-chart"), ...mermaid]) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width >= width - 2 ? column / width : 1;
    for (const text of svg.querySelectorAll("text, foreignObject div, foreignObject span")) {
      if (!text.textContent.trim()) continue;
      const rect = text.getBoundingClientRect();
      if (rect.width === 0) continue;
      let size = parseFloat(getComputedStyle(text).fontSize);
      if (text instanceof SVGElement) {
        const ctm = text.getScreenCTM();
        size *= ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      }
      size *= scale;
      if (size < 12 - 0.05) found.small.push(`${text.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
    }
  }

  // No "None" or "nan" in a table cell or a figure.
  const words = /(^|[^A-Za-z_])(None|nan|NaN)([^A-Za-z_]|$)/;
  const cells = [...document.querySelectorAll("article td, article th, article svg text")];
  for (const root of roots) cells.push(...root.querySelectorAll("text, span, div"));
  for (const cell of cells) {
    if (cell.closest && cell.closest(".doc")) continue; // the API reference documents None
    if (words.test(cell.textContent) && cell.children.length === 0) found.none.push(cell.textContent.trim().slice(0, 60));
  }

  // Interactive controls contrast at least 4.5:1 with what is behind them.
  const rgba = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let color = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) color = [r * a + color[0] * (1 - a), g * a + color[1] * (1 - a), b * a + color[2] * (1 - a)];
    return color;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const controls = document.querySelectorAll(
    ".week4-tryit__bar button, .week4-explorable button, .week4-explorable select, .week4-explorable label");
  for (const control of controls) {
    if (control.hidden || control.disabled || control.getBoundingClientRect().width === 0) continue;
    const back = background(control);
    const [r, g, b, a] = rgba(getComputedStyle(control).color);
    const fore = [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a)];
    const [hi, lo] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) found.contrast.push(`${name(control)} "${control.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}:1`);
  }
  return found;
}
