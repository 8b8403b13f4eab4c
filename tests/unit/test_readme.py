"""The descriptions are generated from one source (bin/party readme, Odoo-free).

Each addon's readme/*.md fragments render into its README.rst, README.zh_CN.rst
and Apps page (static/description/index.html); the top READMEs' addons table
and test count are generated too.  The first test is the check CI runs: it fails
when a fragment was edited and ``bin/party readme`` not run.
"""

import ast
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from party_harness import common, readme, stages

REPO = Path(__file__).resolve().parents[2]
REGENERATE = "run bin/party readme (after bin/party test for the test count) and commit"


def test_generated_files_are_up_to_date_with_their_fragments():
    stale = [str(path.relative_to(REPO)) for path in readme.check(REPO)]
    assert stale == [], f"generated files out of date: {', '.join(stale)}; {REGENERATE}"


def test_every_addon_has_its_readme_and_apps_page():
    for manifest_path in sorted((REPO / "addons").glob("*/__manifest__.py")):
        addon = manifest_path.parent
        manifest = ast.literal_eval(manifest_path.read_text(encoding="utf-8"))
        page = (addon / "static" / "description" / "index.html").read_text(encoding="utf-8")
        assert f'<h2 class="oe_slogan">{manifest["name"]}</h2>' in page, addon.name
        shown = set(re.findall(r'<img src="([^"]+)"', page))
        # the screenshots the manifest announces to the Apps store are on the page
        announced = {Path(image).name for image in manifest.get("images", [])}
        assert announced <= shown, f"{addon.name}: {announced - shown} not on its Apps page"
        assert (addon / "README.rst").read_text(encoding="utf-8").startswith(".. !!")


def test_generated_restructuredtext_renders_without_a_warning():
    docutils_core = pytest.importorskip("docutils.core")  # installed with Odoo
    for path in sorted(REPO.glob("addons/*/README*.rst")):
        warnings = io.StringIO()
        docutils_core.publish_string(
            path.read_text(encoding="utf-8"),
            writer_name="html",
            settings_overrides={"warning_stream": warnings, "report_level": 1},
        )
        assert not warnings.getvalue(), f"{path.relative_to(REPO)}: {warnings.getvalue()}"


@pytest.fixture
def mini_repo(tmp_path):
    """A checkout with one addon (party_branch's manifest, fragments, images) and both
    top READMEs, generated once from a recorded count of 5 + 3 tests."""
    repo = tmp_path / "repo"
    addon = repo / "addons" / "party_branch"
    source = REPO / "addons" / "party_branch"
    shutil.copytree(source / "readme", addon / "readme")
    shutil.copytree(source / "static" / "description", addon / "static" / "description")
    shutil.copy(source / "__manifest__.py", addon / "__manifest__.py")
    for name in ("README.md", "README.zh-CN.md"):
        shutil.copy(REPO / name, repo / name)
    local = tmp_path / "local"
    local.mkdir()
    stages.record_test_count(local, "integration", 5)
    stages.record_test_count(local, "unit", 3)
    readme.generate(repo, local)
    return repo, local


def test_a_fragment_edited_without_regenerating_is_caught(mini_repo):
    repo, local = mini_repo
    assert readme.check(repo) == []
    description = repo / "addons" / "party_branch" / "readme" / "DESCRIPTION.md"
    description.write_text(
        description.read_text(encoding="utf-8") + "\n- A new feature.\n", encoding="utf-8"
    )
    addon = repo / "addons" / "party_branch"
    assert readme.check(repo) == [addon / "README.rst", addon / "static/description/index.html"]
    readme.generate(repo, local)
    assert readme.check(repo) == []
    assert "<li>A new feature.</li>" in (addon / "static/description/index.html").read_text()


def test_a_generated_file_edited_by_hand_is_caught(mini_repo):
    repo, _local = mini_repo
    page = repo / "addons" / "party_branch" / "static" / "description" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Members", "People"))
    assert readme.check(repo) == [page]


def test_the_test_count_is_the_recorded_one_and_new_tests_do_not_fail_the_check(mini_repo):
    repo, local = mini_repo
    text = (repo / "README.md").read_text(encoding="utf-8")
    assert "**8 tests**: 5 through pytest-odoo and 3 unit tests" in text
    assert "**共 8 个测试**" in (repo / "README.zh-CN.md").read_text(encoding="utf-8")
    assert readme.readme_test_counts(repo) == {"integration": 5, "unit": 3}
    # tests added since: the README keeps its figure and the check still passes
    stages.record_test_count(local, "integration", 7)
    assert readme.check(repo) == []
    readme.generate(repo, local)
    assert readme.readme_test_counts(repo) == {"integration": 7, "unit": 3}
    assert "**10 tests**" in (repo / "README.md").read_text(encoding="utf-8")


def test_the_addons_table_links_each_addon_readme(mini_repo):
    repo, _local = mini_repo
    text = (repo / "README.md").read_text(encoding="utf-8")
    assert "[`party_branch`](addons/party_branch/README.rst) | Party Branch Standardization" in text
    assert "party_life" not in text.split("<!-- generated: addons -->")[1].split("<!--")[0]
    zh = (repo / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "[`party_branch`](addons/party_branch/README.zh_CN.rst)" in zh


def test_record_test_count_keeps_the_other_stage(tmp_path):
    stages.record_test_count(tmp_path, "unit", 40)
    stages.record_test_count(tmp_path, "integration", 1200)
    data = json.loads((tmp_path / readme.TEST_COUNTS).read_text(encoding="utf-8"))
    assert data["unit"] == 40 and data["integration"] == 1200 and data["date"]
    assert readme.read_test_counts(tmp_path)["integration"] == 1200


def test_pytest_collected_counts_before_deselection():
    assert stages.pytest_collected("collecting ... \rcollected 1146 items\n") == 1146
    output = "\x1b[1mcollected 1146 items / 1145 deselected / 1 selected\x1b[0m\n"
    assert stages.pytest_collected(output) == 1146
    assert stages.pytest_collected("collected 1 item\n") == 1
    assert stages.pytest_collected("collected 1140 items / 2 errors\n") is None
    assert stages.pytest_collected("==== 3 passed in 0.10s ====\n") is None


def test_only_a_run_over_every_test_path_is_counted():
    assert not stages.names_test_paths(["-k", "test_route_inventory", "-x"])
    assert stages.names_test_paths(["addons/party_branch/tests/test_route_inventory.py"])
    assert stages.names_test_paths(["tests/test_x.py::TestX::test_y"])


def test_markdown_renders_to_restructuredtext_and_html(tmp_path):
    fragment = readme.parse_fragment(
        tmp_path / "DESCRIPTION.md",
        "# Slogan\n\nIntro with `code`, **bold**, *em* and [a link](../../docs/x.md).\n\n"
        "党员在门户\n（`/my/party`）上查看`本人`资料。\n\n"
        "## Part\n\n- first\n  continued\n- second\n\n1. one\n2. two\n\n"
        "| a | b |\n| --- | --- |\n| `x` | 2 |\n",
    )
    assert fragment.slogan == "Slogan"
    kinds = [block.kind for block in fragment.blocks]
    assert kinds == ["para", "para", "heading", "list", "list", "table"]
    assert fragment.blocks[3].items == ["first continued", "second"]
    # a line break between Chinese characters is no space
    assert fragment.blocks[1].text == "党员在门户（`/my/party`）上查看`本人`资料。"
    rst = readme.rst_blocks(fragment.blocks)
    assert rst[0] == ("Intro with ``code``, **bold**, *em* and `a link <../../docs/x.md>`__.")
    # markup next to a Chinese character takes an escaped space, next to （ ） none
    assert rst[2] == "党员在门户（``/my/party``）上查看\\ ``本人``\\ 资料。"
    assert rst[4:7] == ["Part", "====", ""]
    html = "\n".join(readme.html_blocks(fragment.blocks, lambda url: "L:" + url, ""))
    assert '<a href="L:../../docs/x.md">a link</a>' in html
    assert "<li>first continued</li>" in html and "<ol>" in html
    assert "<tr><td><code>x</code></td><td>2</td></tr>" in html


def test_plain_text_is_escaped_for_restructuredtext():
    assert readme.rst_inline("a * b | c_ d\\e") == "a \\* b \\| c\\_ d\\\\e"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- item\n  - nested\n", "nested lists"),
        ("```\ncode\n```\n", "code blocks"),
        ("para\n# late slogan\n", "blank line"),
        ("| a |\n| b |\n", "header row"),
        ("intro\n\n# slogan\n", "first line only"),
    ],
)
def test_unsupported_markdown_is_an_error_naming_the_line(tmp_path, text, message):
    with pytest.raises(common.HarnessError, match=f"DESCRIPTION.md:\\d+: .*{message}"):
        readme.parse_fragment(tmp_path / "DESCRIPTION.md", text)


def test_a_missing_screenshot_is_an_error(mini_repo):
    repo, local = mini_repo
    (repo / "addons/party_branch/static/description/screenshot_members.png").unlink()
    with pytest.raises(common.HarnessError, match="no such image"):
        readme.generate(repo, local)
