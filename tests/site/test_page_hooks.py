"""The Try-it fence and the per-page assets hook, without a full build."""

import base64
import hashlib
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

ROOT = Path(__file__).resolve().parents[2]
PAGE = '<html><body><div class="md-source" data-md-component="source"></div>{}</body></html>'


def load(name):
    spec = importlib.util.spec_from_file_location(
        f"week4_hook_{name}", ROOT / "hooks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tryit():
    hook = load("tryit")
    config = SimpleNamespace(docs_dir=str(ROOT / "docs"), mdx_configs={})
    hook.on_config(config)
    hook.on_config(config)  # mkdocs serve configures again: one fence, not two
    fences = config.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert len(fences) == 1
    return hook


def test_a_try_it_block_shows_the_output_of_its_code_run_at_build_time(tryit):
    options = {}
    assert tryit._validate("python", {"tryit": "tryit"}, options, {}, None)
    html = tryit._format('print("a < b")\n', "python", "python", options, None)
    assert html.startswith('<div class="week4-tryit" data-tryit>')
    assert '<textarea class="week4-tryit__code"' in html
    assert "print(&quot;a &lt; b&quot;)\n</textarea>" in html
    assert "<code>a &lt; b\n</code>" in html
    assert "Output when this site was built" in html


def test_only_fences_marked_tryit_are_claimed_and_unknown_options_fail(tryit):
    assert not tryit._validate("python", {"exec": "on"}, {}, {}, None)
    with pytest.raises(SuperFencesException, match="colour"):
        tryit._validate("python", {"tryit": "tryit", "colour": "red"}, {}, {}, None)


def test_a_try_it_block_that_fails_at_build_time_fails_the_build(tryit):
    with pytest.raises(PluginError, match=r"NameError: name 'oops' is not defined \(line 2\)"):
        tryit._format("x = 1\noops\n", "python", "python", {"title": "Try it"}, None)


def project(tmp_path, pins):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": pins}))
    return SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path))


PINS = {"pyodide": "314.0.7", "ace-builds": "1.45.2", "mermaid": "11.17.2"}


def page(url):
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=url + "index.md"))


def node_modules(root):
    """A fake ``node_modules`` at the pins: each file's text is its own path."""
    for name, files in load("assets").FILES.items():
        package = root / "node_modules" / name
        package.mkdir(parents=True)
        (package / "package.json").write_text(json.dumps({"version": PINS[name]}))
        for file in files:
            (package / file).parent.mkdir(parents=True, exist_ok=True)
            (package / file).write_text(file)


def sri(text):
    return "sha384-" + base64.b64encode(hashlib.sha384(text.encode()).digest()).decode()


def test_in_cdn_mode_pages_load_only_the_scripts_they_need_pinned_and_hashed(tmp_path, monkeypatch):
    monkeypatch.setenv("WEEK4_CDN", "1")
    node_modules(tmp_path)
    assets = load("assets")
    assets.on_config(project(tmp_path, PINS))

    plain = assets.on_post_page(PAGE.format("<p>text</p>"), page("plain/"), None)
    assert "<script" not in plain
    assert "data-md-component" not in plain  # no GitHub API call for stars and forks

    diagram = assets.on_post_page(PAGE.format('<pre class="mermaid">'), page("a/"), None)
    mermaid = "https://cdn.jsdelivr.net/npm/mermaid@11.17.2/dist/mermaid.min.js"
    integrity = f'integrity="{sri("dist/mermaid.min.js")}" crossorigin="anonymous"'
    assert f'<script src="{mermaid}" {integrity} defer>' in diagram
    assert "pyodide" not in diagram

    tryit = assets.on_post_page(
        PAGE.format('<div class="week4-tryit" data-tryit>'), page("a/b/"), None
    )
    assert "ace-builds@1.45.2/src-min-noconflict/ace.js" in tryit
    assert sri("src-min-noconflict/ace.js") in tryit
    assert '<script src="../../javascripts/tryit.js" defer></script>' in tryit
    config = json.loads(tryit.split('id="week4-tryit-config">')[1].split("</script>")[0])
    assert config["pyodide"] == "https://cdn.jsdelivr.net/npm/pyodide@314.0.7/"
    assert config["pyodideIntegrity"] == sri("pyodide.mjs")
    assert config["wheel"].startswith("../../assets/wheels/week4-")
    assert config["runner"] == "../../javascripts/tryit_runner.py"
    assert config["worker"] == "../../javascripts/tryit-worker.js"
    assert tryit.index("</script>") < tryit.index("</body>")


def test_a_range_in_package_json_is_refused(tmp_path):
    assets = load("assets")
    with pytest.raises(PluginError, match="exact version"):
        assets.on_config(project(tmp_path, {**PINS, "pyodide": "^314.0.7"}))


def test_self_hosting_is_the_default_needs_node_modules_and_copies_the_files(tmp_path, monkeypatch):
    monkeypatch.delenv("WEEK4_CDN", raising=False)
    assets = load("assets")
    config = project(tmp_path, PINS)
    with pytest.raises(PluginError, match="npm ci"):
        assets.on_config(config)

    node_modules(tmp_path)
    assets.on_config(config)
    html = assets.on_post_page(PAGE.format('<pre class="mermaid">'), page("a/"), None)
    assert '<script src="../assets/vendor/mermaid@11.17.2/dist/mermaid.min.js" defer>' in html
    assert "integrity" not in html
    assert "cdn.jsdelivr" not in "".join(assets._tags({"tryit", "mermaid"}, "a/"))
    assets.on_post_build(config)
    copied = tmp_path / "assets" / "vendor" / "pyodide@314.0.7" / "pyodide.asm.wasm"
    assert copied.read_text() == "pyodide.asm.wasm"


def test_the_benchmark_reads_the_pages_time_by_folder_from_the_build_log(caplog, monkeypatch):
    timing = load("block_timing")
    timing.on_pre_build(None)
    timing._took.update({"reference/a.md": 1.5, "reference/b.md": 0.5, "cqrs/x.md": 0.25})
    timing._took["index.md"] = 0.125
    with caplog.at_level("INFO", logger="mkdocs.plugins.week4.timing"):
        timing.on_post_build(None)
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(
        "bench_site_build", ROOT / "bench" / "bench_site_build.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folders = bench.by_folder([f"INFO    -  {r.getMessage()}" for r in caplog.records])
    assert folders == {"reference/": 2.0, "cqrs/": 0.25, "top level": 0.12}
