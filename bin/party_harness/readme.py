"""``bin/party readme``: every description generated from one source.

Each addon's ``readme/*.md`` fragments are the source (OCA's layout; what
``oca-gen-addon-readme`` reads): ``DESCRIPTION.md``, ``CONFIGURE.md``,
``USAGE.md``, and this suite's ``BENCHMARKS.md``; ``<NAME>.zh_CN.md`` are their
Chinese versions.  From them this module writes, standard library only:

- ``README.rst`` (and ``README.zh_CN.rst`` when a Chinese description exists),
  as OCA's generator does;
- ``static/description/index.html``, the addon's page in Odoo's Apps (the
  description, its screenshots, configuration and usage);
- the generated parts of the top ``README.md`` and ``README.zh-CN.md``, between
  ``<!-- generated: NAME ... -->`` and ``<!-- /generated -->``: the table of the
  addons with their links, and the test count of the last full ``bin/party
  test`` (``.local/test-counts.json``, written by stages.record_test_count).

The fragments are a small Markdown: ``#`` as the first line is the slogan (the
Apps page's subtitle), ``##``/``###`` headings, paragraphs, ``-`` and ``1.``
lists (one level, continuation lines indented), tables, an image alone on its
line (``![alt](static/description/x.png)``), inline ``code``, ``**bold**``,
``*emphasis*`` and ``[links](url)``; paths are relative to the addon's folder.
Anything else is an error naming the fragment and the line.

``check()`` renders everything in memory and lists the files that differ: the
test tests/unit/test_readme.py fails when a fragment was edited without running
``bin/party readme``.  The test count is not checked against the tests (CI does
not fail because a test was added): in check mode the READMEs' own figures are
rendered again, so only the form of the generated text is checked.
"""

from __future__ import annotations

import ast
import html
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import common
from .common import REPO, HarnessError

FRAGMENTS = ("DESCRIPTION", "CONFIGURE", "USAGE", "BENCHMARKS")
LANGS = ("en", "zh_CN")
TEST_COUNTS = "test-counts.json"  # in .local/, written by bin/party test
GENERATED_BY = "bin/party readme"
# Section titles of the generated documents, per language.
TITLES = {
    "en": {
        "CONFIGURE": "Configuration",
        "USAGE": "Usage",
        "BENCHMARKS": "Benchmarks",
        "toc": "Table of contents",
        "bugs": "Bug Tracker",
        "bugs_text": "Bugs are tracked on `GitHub Issues <{website}/issues>`__.",
        "credits": "Credits",
        "authors": "Authors",
        "other_lang": "",
    },
    "zh_CN": {
        "CONFIGURE": "配置",
        "USAGE": "使用",
        "BENCHMARKS": "基准测试",
        "toc": "目录",
        "bugs": "问题反馈",
        "bugs_text": "问题请提交到 `GitHub Issues <{website}/issues>`__。",
        "credits": "致谢",
        "authors": "作者",
        "other_lang": "未译成中文的部分（{missing}）见英文说明 `README.rst <README.rst>`__。",
    },
}


# --------------------------------------------------------------------------
# Markdown fragments
# --------------------------------------------------------------------------


@dataclass
class Block:
    """One block of a fragment: heading, para, list, table or image."""

    kind: str
    text: str = ""  # heading, para; image: its alt text
    level: int = 0  # heading level (2, 3, ...)
    ordered: bool = False  # list
    items: list[str] = field(default_factory=list)  # list items; image: [path]
    rows: list[list[str]] = field(default_factory=list)  # table, the header first


@dataclass
class Fragment:
    """A parsed readme fragment."""

    path: Path
    slogan: str = ""
    blocks: list[Block] = field(default_factory=list)


ITEM_RE = re.compile(r"^(?:(- )|(\d+)\. )(.*)$")
IMAGE_RE = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)\)$")
HEADING_RE = re.compile(r"^(#{1,4}) (.+)$")


def parse_fragment(path: Path, text: str) -> Fragment:
    """Parse the Markdown subset of the module docstring; an error names the line."""
    fragment = Fragment(path)
    lines = text.splitlines()
    index = 0

    def fail(message: str) -> None:
        raise HarnessError(f"{path}:{index + 1}: {message}")

    def table_row(line: str) -> list[str]:
        return [cell.strip() for cell in line.strip().strip("|").split("|")]

    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if line != line.lstrip():
            fail("indented line outside a list (nested lists and code blocks are not supported)")
        heading = HEADING_RE.match(line)
        if heading:
            level = len(heading.group(1))
            if level == 1:
                if fragment.blocks or fragment.slogan:
                    fail("'# ' is the slogan: the first line only")
                fragment.slogan = heading.group(2).strip()
            else:
                fragment.blocks.append(Block("heading", heading.group(2).strip(), level=level))
            index += 1
            continue
        image = IMAGE_RE.match(line.strip())
        if image:
            fragment.blocks.append(Block("image", image.group(1), items=[image.group(2)]))
            index += 1
            continue
        if line.startswith("```"):
            fail("code blocks are not supported in readme fragments")
        if line.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(table_row(lines[index]))
                index += 1
            if len(rows) < 2 or not all(re.fullmatch(r":?-{3,}:?", c) for c in rows[1]):
                fail("a table needs a header row and a | --- | row")
            if any(len(row) != len(rows[0]) for row in rows):
                fail("every row of a table needs as many cells as its header")
            fragment.blocks.append(Block("table", rows=[rows[0], *rows[2:]]))
            continue
        item = ITEM_RE.match(line)
        if item:
            ordered = item.group(1) is None
            block = Block("list", ordered=ordered)
            while index < len(lines):
                line = lines[index]
                item = ITEM_RE.match(line)
                if item and (item.group(1) is None) == ordered:
                    block.items.append(item.group(3).strip())
                elif line.startswith("  ") and line.strip() and block.items:
                    if ITEM_RE.match(line.strip()):
                        fail("nested lists are not supported")
                    block.items[-1] = join_lines(block.items[-1], line.strip())
                elif not line.strip():
                    following = next((n for n in lines[index + 1 :] if n.strip()), "")
                    follow = ITEM_RE.match(following)
                    if not (follow and (follow.group(1) is None) == ordered):
                        break
                elif item:
                    fail("a list mixes '-' and numbered items")
                else:
                    fail("a blank line ends a list (an item's continuation lines are indented)")
                index += 1
            fragment.blocks.append(block)
            continue
        para = []
        while index < len(lines) and lines[index].strip():
            line = lines[index]
            if para and (HEADING_RE.match(line) or ITEM_RE.match(line) or line.startswith("|")):
                fail("a blank line goes before a heading, a list or a table")
            para.append(line.strip())
            index += 1
        text = para[0]
        for following in para[1:]:
            text = join_lines(text, following)
        fragment.blocks.append(Block("para", text))
    return fragment


def _wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def join_lines(text: str, line: str) -> str:
    """Two lines of a paragraph as one: a space between them, none between two Chinese
    characters (a line break there is no word break)."""
    return text + line if _wide(text[-1:]) and _wide(line[:1]) else f"{text} {line}"


# Inline markup: `code`, **bold**, *emphasis*, [text](url).
INLINE_RE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)


def inline_tokens(text: str) -> list[tuple[str, str, str]]:
    """(kind, text, url) of a line: kind is text, code, bold, em or link."""
    tokens, pos = [], 0
    for match in INLINE_RE.finditer(text):
        if match.start() > pos:
            tokens.append(("text", text[pos : match.start()], ""))
        kind = next(k for k in ("code", "bold", "em", "link") if match.group(k) is not None)
        tokens.append((kind, match.group(kind), match.group("url") or ""))
        pos = match.end()
    if pos < len(text):
        tokens.append(("text", text[pos:], ""))
    return tokens


# --------------------------------------------------------------------------
# Rendering: reStructuredText
# --------------------------------------------------------------------------

RST_OPEN_OK = "'\"([{<-/:"
RST_CLOSE_OK = "'\")]}>-/:.,;!?\\"


def _rst_boundary(char: str, allowed: str, categories: tuple[str, ...]) -> bool:
    """Whether inline markup may start after / end before ``char`` without an escape."""
    return not char or char.isspace() or char in allowed or unicodedata.category(char) in categories


def rst_escape(text: str) -> str:
    """Plain text that reStructuredText takes literally."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*`|])", r"\\\1", text)
    return re.sub(r"_(?=\W|$)", r"\\_", text)


def rst_inline(text: str) -> str:
    """A line of fragment text as reStructuredText inline markup."""
    out = ""
    tokens = inline_tokens(text)
    for position, (kind, value, url) in enumerate(tokens):
        if kind == "text":
            out += rst_escape(value)
            continue
        if kind == "code":
            piece = f"``{value}``"
        elif kind == "bold":
            piece = f"**{rst_escape(value)}**"
        elif kind == "em":
            piece = f"*{rst_escape(value)}*"
        else:
            label = rst_escape(value).replace("<", "\\<")
            piece = f"`{label} <{url}>`__"
        if not _rst_boundary(out[-1:], RST_OPEN_OK, ("Ps", "Pi", "Pf", "Pd", "Po")):
            out += "\\ "
        out += piece
        following = tokens[position + 1][1][:1] if position + 1 < len(tokens) else ""
        if not _rst_boundary(following, RST_CLOSE_OK, ("Pe", "Pi", "Pf", "Pd", "Po")):
            out += "\\ "
    return out


def _width(text: str) -> int:
    """Columns a string takes in a monospaced font (East Asian wide characters: 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def rst_heading(title: str, level: int) -> list[str]:
    """Section title underlined for ``level`` (1: the document title)."""
    char = {1: "=", 2: "=", 3: "-", 4: "~"}[level]
    line = char * _width(title)
    return [line, title, line, ""] if level == 1 else [title, line, ""]


def rst_blocks(blocks: list[Block], shift: int = 0) -> list[str]:
    """Fragment blocks as reStructuredText lines; ``shift`` lowers the headings."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            out += rst_heading(rst_inline(block.text), min(block.level + shift, 4))
        elif block.kind == "para":
            out += [rst_inline(block.text), ""]
        elif block.kind == "list":
            for number, item in enumerate(block.items, 1):
                bullet = f"{number}. " if block.ordered else "- "
                out.append(bullet + rst_inline(item))
            out.append("")
        elif block.kind == "image":
            out += [f".. image:: {block.items[0]}", f"   :alt: {block.text}", ""]
        elif block.kind == "table":
            out += [".. list-table::", "   :header-rows: 1", ""]
            for row in block.rows:
                cells = [rst_inline(cell) or "\\ " for cell in row]
                out.append(f"   * - {cells[0]}")
                out += [f"     - {cell}" for cell in cells[1:]]
            out.append("")
    return out


# --------------------------------------------------------------------------
# Rendering: the Apps page (HTML)
# --------------------------------------------------------------------------


def html_inline(text: str, link) -> str:
    """A line of fragment text as HTML; ``link(url)`` makes a relative link absolute."""
    out = ""
    for kind, value, url in inline_tokens(text):
        if kind == "text":
            out += html.escape(value, quote=False)
        elif kind == "code":
            out += f"<code>{html.escape(value, quote=False)}</code>"
        elif kind == "bold":
            out += f"<strong>{html.escape(value, quote=False)}</strong>"
        elif kind == "em":
            out += f"<em>{html.escape(value, quote=False)}</em>"
        else:
            out += f'<a href="{html.escape(link(url))}">{html.escape(value, quote=False)}</a>'
    return out


def html_blocks(blocks: list[Block], link, indent: str, shift: int = 0) -> list[str]:
    """Fragment blocks as HTML lines of the Apps page."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            level = min(block.level + shift + 1, 6)
            out.append(f"{indent}<h{level}>{html_inline(block.text, link)}</h{level}>")
        elif block.kind == "para":
            out.append(f"{indent}<p>{html_inline(block.text, link)}</p>")
        elif block.kind == "list":
            tag = "ol" if block.ordered else "ul"
            out.append(f"{indent}<{tag}>")
            out += [f"{indent}    <li>{html_inline(item, link)}</li>" for item in block.items]
            out.append(f"{indent}</{tag}>")
        elif block.kind == "image":
            src = html.escape(block.items[0].removeprefix("static/description/"))
            alt = html.escape(block.text)
            out.append(
                f'{indent}<div class="oe_demo oe_screenshot">'
                f'<img src="{src}" alt="{alt}" style="max-width: 100%;"/></div>'
            )
        elif block.kind == "table":
            out.append(f'{indent}<table class="table table-sm">')
            for number, row in enumerate(block.rows):
                tag = "th" if number == 0 else "td"
                cells = "".join(f"<{tag}>{html_inline(c, link)}</{tag}>" for c in row)
                out.append(f"{indent}    <tr>{cells}</tr>")
            out.append(f"{indent}</table>")
    return out


# --------------------------------------------------------------------------
# One addon
# --------------------------------------------------------------------------


@dataclass
class Addon:
    """An addon's manifest and its parsed fragments, per language."""

    path: Path
    manifest: dict
    fragments: dict[str, dict[str, Fragment]]  # lang -> fragment name -> fragment

    @property
    def name(self) -> str:
        return self.path.name

    def slogan(self, lang: str) -> str:
        description = self.fragments[lang].get("DESCRIPTION")
        return description.slogan if description else ""


def load_addon(path: Path) -> Addon:
    """Read an addon's manifest and fragments; check the images they show exist."""
    manifest = ast.literal_eval((path / "__manifest__.py").read_text(encoding="utf-8"))
    fragments: dict[str, dict[str, Fragment]] = {lang: {} for lang in LANGS}
    for name in FRAGMENTS:
        for lang in LANGS:
            suffix = ".md" if lang == "en" else f".{lang}.md"
            source = path / "readme" / f"{name}{suffix}"
            if source.is_file():
                fragment = parse_fragment(source, source.read_text(encoding="utf-8"))
                if fragment.slogan and name != "DESCRIPTION":
                    raise HarnessError(f"{source}: only DESCRIPTION.md has a '# ' slogan")
                fragments[lang][name] = fragment
                for block in fragment.blocks:
                    image = block.items[0] if block.kind == "image" else ""
                    if image and not image.startswith("static/description/"):
                        raise HarnessError(f"{source}: images live in static/description/")
                    if image and not (path / image).is_file():
                        raise HarnessError(f"{source}: no such image {image}")
    if "DESCRIPTION" not in fragments["en"]:
        raise HarnessError(f"{path}: no readme/DESCRIPTION.md (the source of its descriptions)")
    if not fragments["en"]["DESCRIPTION"].slogan:
        raise HarnessError(f"{path}/readme/DESCRIPTION.md: the first line is '# <slogan>'")
    return Addon(path, manifest, fragments)


def split_intro(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks before the first heading, and the rest."""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            return blocks[:index], blocks[index:]
    return blocks, []


def render_rst(addon: Addon, lang: str) -> str:
    """README.rst (``en``) or README.<lang>.rst of an addon."""
    titles = TITLES[lang]
    fragments = addon.fragments[lang]
    description = fragments["DESCRIPTION"]
    intro, body = split_intro(description.blocks)
    notice = f"!! Generated by {GENERATED_BY} from readme/*.md: edit those, then run it. !!"
    out = [".. " + "!" * len(notice), "   " + notice, "   " + "!" * len(notice), ""]
    out += rst_heading(rst_escape(addon.manifest["name"]), 1)
    out += [f"**{rst_escape(description.slogan)}**", ""]
    out += rst_blocks(intro)
    out += [f"**{titles['toc']}**", "", ".. contents::", "   :local:", ""]
    out += rst_blocks(body)
    missing = [
        titles[n] for n in FRAGMENTS[1:] if n in addon.fragments["en"] and n not in fragments
    ]
    if missing and titles["other_lang"]:
        out += [titles["other_lang"].format(missing="、".join(missing)), ""]
    for name in FRAGMENTS[1:]:
        if name in fragments:
            out += rst_heading(titles[name], 2)
            out += rst_blocks(fragments[name].blocks, shift=1)
    website = addon.manifest.get("website", "")
    if website:
        out += rst_heading(titles["bugs"], 2)
        out += [titles["bugs_text"].format(website=website), ""]
    out += rst_heading(titles["credits"], 2)
    out += rst_heading(titles["authors"], 3)
    out += [f"- {rst_escape(a.strip())}" for a in addon.manifest.get("author", "").split(",")]
    return "\n".join(out).rstrip("\n") + "\n"


def render_index_html(addon: Addon, repo: Path = REPO) -> str:
    """static/description/index.html: the addon's page in Apps."""
    description = addon.fragments["en"]["DESCRIPTION"]
    intro, body = split_intro(description.blocks)
    website = addon.manifest.get("website", "").rstrip("/")

    def link(url: str) -> str:
        """Relative links (to the repository's files) lead to the repository's site."""
        if "://" in url or url.startswith(("/", "#", "mailto:")):
            return url
        try:
            base = addon.path.resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            return website or url
        target = posixpath.normpath(posixpath.join(base, url))
        return f"{website}/blob/HEAD/{target}" if website and not target.startswith("..") else url

    def section(lines: list[str]) -> list[str]:
        return [
            '<section class="oe_container">',
            '    <div class="oe_row oe_spaced">',
            *lines,
            "    </div>",
            "</section>",
        ]

    indent = " " * 8
    name = html.escape(addon.manifest["name"])
    out = [f"<!-- Generated by {GENERATED_BY} from readme/*.md: edit those, then run it. -->"]
    out += section(
        [
            f'{indent}<h2 class="oe_slogan">{name}</h2>',
            f'{indent}<h3 class="oe_slogan">{html_inline(description.slogan, link)}</h3>',
            *html_blocks(intro, link, indent),
        ]
    )
    if body:
        out += section(html_blocks(body, link, indent))
    for fragment_name in ("CONFIGURE", "USAGE"):
        fragment = addon.fragments["en"].get(fragment_name)
        if fragment:
            title = TITLES["en"][fragment_name]
            heading = [f"{indent}<h3>{title}</h3>"]
            out += section(heading + html_blocks(fragment.blocks, link, indent, shift=1))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# The top READMEs: generated regions
# --------------------------------------------------------------------------

REGION_RE = re.compile(
    r"<!-- generated: (?P<name>[\w-]+)(?P<attrs>[^>]*?) -->(?P<body>.*?)<!-- /generated -->",
    re.S,
)
ATTR_RE = re.compile(r"(\w+)=(\S+)")
TOP_READMES = {"en": "README.md", "zh_CN": "README.zh-CN.md"}


def read_test_counts(local: Path) -> dict | None:
    """The count of the last full ``bin/party test`` (.local/test-counts.json), or None."""
    path = local / TEST_COUNTS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all(isinstance(data.get(k), int) for k in ("integration", "unit")):
        return None
    return data


def test_count_text(counts: dict, lang: str) -> str:
    """The README's sentence on the number of tests."""
    total = counts["integration"] + counts["unit"]
    if lang == "zh_CN":
        return (
            f"**共 {total:,} 个测试**：pytest-odoo 运行 {counts['integration']:,} 个，"
            f"单元测试 {counts['unit']:,} 个（{counts['date']} 由 `bin/party test` 统计）"
        )
    return (
        f"**{total:,} tests**: {counts['integration']:,} through pytest-odoo and "
        f"{counts['unit']:,} unit tests (collected by `bin/party test` on {counts['date']})"
    )


def addons_table(addons: list[Addon], lang: str) -> str:
    """The table of the addons, each linked to its README."""
    if lang == "zh_CN":
        lines = ["| 模块 | 应用名称 | 范围 |", "| --- | --- | --- |"]
    else:
        lines = ["| addon | name in Apps | area |", "| --- | --- | --- |"]
    for addon in addons:
        readme = "README.rst"
        if lang != "en" and "DESCRIPTION" in addon.fragments[lang]:
            readme = f"README.{lang}.rst"
        slogan = addon.slogan(lang) or addon.slogan("en")
        link = f"[`{addon.name}`](addons/{addon.name}/{readme})"
        lines.append(f"| {link} | {addon.manifest['name']} | {slogan} |")
    return "\n".join(lines)


def render_top_readme(text: str, path: Path, lang: str, addons: list[Addon], counts) -> str:
    """The README with its generated regions rendered again.

    ``counts`` None: the test count is rendered again from the figures the README
    holds (check mode, or no full run recorded yet)."""
    names = set()

    def region(match: re.Match) -> str:
        name, attrs = match.group("name"), dict(ATTR_RE.findall(match.group("attrs")))
        names.add(name)
        if name == "addons":
            return (
                f"<!-- generated: addons -->\n\n{addons_table(addons, lang)}\n\n<!-- /generated -->"
            )
        if name == "test-count":
            values = counts
            if values is None:
                try:
                    values = {k: int(attrs[k]) for k in ("integration", "unit")}
                    values["date"] = attrs["date"]
                except (KeyError, ValueError) as error:
                    raise HarnessError(
                        f"{path}: the test-count region lacks integration=, unit= or date= "
                        "(run bin/party test, then bin/party readme)"
                    ) from error
            attrs = (
                f"integration={values['integration']} unit={values['unit']} date={values['date']}"
            )
            body = test_count_text(values, lang)
            return f"<!-- generated: test-count {attrs} -->{body}<!-- /generated -->"
        raise HarnessError(f"{path}: unknown generated region {name!r}")

    result = REGION_RE.sub(region, text)
    for required in ("addons", "test-count"):
        if required not in names:
            raise HarnessError(f"{path}: no '<!-- generated: {required} -->' region")
    return result


# --------------------------------------------------------------------------
# Everything
# --------------------------------------------------------------------------


def suite_addons(repo: Path) -> list[Addon]:
    """The addons of ``repo/addons`` (those with a manifest), with their fragments."""
    paths = sorted(p.parent for p in (repo / "addons").glob("*/__manifest__.py"))
    return [load_addon(path) for path in paths]


def render_all(repo: Path, counts: dict | None) -> dict[Path, str | None]:
    """Every generated file and its text (None: the file must not exist)."""
    addons = suite_addons(repo)
    files: dict[Path, str | None] = {}
    for addon in addons:
        files[addon.path / "README.rst"] = render_rst(addon, "en")
        files[addon.path / "static" / "description" / "index.html"] = render_index_html(addon, repo)
        zh_path = addon.path / "README.zh_CN.rst"
        has_zh = "DESCRIPTION" in addon.fragments["zh_CN"]
        files[zh_path] = render_rst(addon, "zh_CN") if has_zh else None
    for lang, name in TOP_READMES.items():
        path = repo / name
        text = path.read_text(encoding="utf-8")
        files[path] = render_top_readme(text, path, lang, addons, counts)
    return files


def stale_files(files: dict[Path, str | None]) -> list[Path]:
    """The generated files whose content on disk is not what they render to."""
    stale = []
    for path, text in files.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
    return stale


def check(repo: Path = REPO) -> list[Path]:
    """The generated files that are out of date (nothing written)."""
    return stale_files(render_all(repo, None))


def generate(repo: Path = REPO, local: Path | None = None) -> list[Path]:
    """Write every generated file that changed; return them."""
    counts = read_test_counts(local if local is not None else common.LOCAL)
    files = render_all(repo, counts)
    changed = stale_files(files)
    for path in changed:
        text = files[path]
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return changed


def readme_test_counts(repo: Path = REPO) -> dict[str, int] | None:
    """The figures README.md states now (its test-count region), or None."""
    try:
        text = (repo / TOP_READMES["en"]).read_text(encoding="utf-8")
    except OSError:
        return None
    for match in REGION_RE.finditer(text):
        if match.group("name") == "test-count":
            attrs = dict(ATTR_RE.findall(match.group("attrs")))
            if attrs.get("integration", "").isdigit() and attrs.get("unit", "").isdigit():
                return {"integration": int(attrs["integration"]), "unit": int(attrs["unit"])}
    return None


def cmd_readme(args) -> int:
    """``bin/party readme [--check]``."""
    if args.check:
        stale = check(REPO)
        for path in stale:
            print(f"stale: {path.relative_to(REPO)}", flush=True)
        if stale:
            print(
                f"[party] readme: {len(stale)} generated file(s) out of date: run bin/party readme"
            )
            return 1
        print("[party] readme: every generated file is up to date", flush=True)
        return 0
    counts = read_test_counts(common.LOCAL)
    if counts is None:
        print(
            f"[party] readme: no test count recorded ({common.LOCAL / TEST_COUNTS}): the "
            "READMEs keep theirs; bin/party test records one",
            flush=True,
        )
    changed = generate(REPO, common.LOCAL)
    for path in changed:
        print(f"written: {path.relative_to(REPO)}", flush=True)
    print(f"[party] readme: {len(changed)} file(s) written", flush=True)
    return 0
