"""The portfolio's Markdown renderer: headings, lists, emphasis, code, quotes, tables and
links as HTML; everything typed escaped, only safe links kept, nothing loaded from elsewhere."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_app.domain.markdown_html import demote_headings, markdown_to_html

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "s", "code", "pre",
    "blockquote", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def test_headings_keep_their_order_under_the_records_own() -> None:
    rendered = markdown_to_html("## Week 1\ntext\n### Detail\n", top_heading=4)
    assert rendered.startswith("<h4>Week 1</h4><p>text</p><h5>Detail</h5>")
    assert markdown_to_html("# A\n###### B", top_heading=4).endswith("<h6>B</h6>")
    assert demote_headings("## Week 1\n```\n# not a heading\n```\n### Detail", 4) == (
        "#### Week 1\n```\n# not a heading\n```\n##### Detail"
    )


def test_lists_nest_by_indentation_and_numbers_keep_their_start() -> None:
    rendered = markdown_to_html("- one\n- two\n  - two a\n  - two b\n- three\n\n3. third\n4. fourth")
    assert rendered == (
        "<ul><li>one</li><li>two<ul><li>two a</li><li>two b</li></ul></li><li>three</li></ul>"
        '<ol start="3"><li>third</li><li>fourth</li></ol>'
    )


def test_emphasis_code_and_strike_through() -> None:
    rendered = markdown_to_html("**F1 0.81**, *baseline*, __bold__, _em_, ~~old~~, `x * y` and snake_case_name")
    assert rendered == (
        "<p><strong>F1 0.81</strong>, <em>baseline</em>, <strong>bold</strong>, <em>em</em>, <s>old</s>, "
        "<code>x * y</code> and snake_case_name</p>"
    )
    assert markdown_to_html(r"\*not emphasis\*") == "<p>*not emphasis*</p>"


def test_fenced_code_quotes_rules_and_tables() -> None:
    rendered = markdown_to_html(
        "```python\nif a < b:\n    print('<b>')\n```\n> quoted\n\n---\n| a | b |\n|---|--:|\n| 1 | **2** |"
    )
    assert "<pre><code>if a &lt; b:\n    print('&lt;b&gt;')</code></pre>" in rendered
    assert "<blockquote><p>quoted</p></blockquote><hr>" in rendered
    assert (
        "<thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td><strong>2</strong></td></tr>" in rendered
    )


def test_links_are_kept_only_to_web_and_mail_addresses() -> None:
    rendered = markdown_to_html(
        "[repo](https://github.com/a/b) <https://x.org> see https://example.org/a_(b). "
        "[mail](mailto:ada@example.org) [js](javascript:alert(1)) [file](file:///etc/passwd)"
    )
    assert re.findall(r'href="([^"]+)"', rendered) == [
        "https://github.com/a/b", "https://x.org", "https://example.org/a_(b)", "mailto:ada@example.org",
    ]  # fmt: skip
    assert "javascript" not in rendered and "file:" not in rendered
    assert ">js<" not in rendered and " js " in rendered.replace("</a>", " ")


def test_raw_html_and_images_show_as_text_and_load_nothing() -> None:
    rendered = markdown_to_html(
        '<script>alert(1)</script> <img src="https://evil.org/x.png" onerror=x> ![chart](https://e.org/c.png)'
    )
    assert "<script" not in rendered and "<img" not in rendered
    assert re.search(r"<[^>]*\bsrc=", rendered) is None and "https://e.org" not in rendered
    assert "&lt;script&gt;" in rendered and "chart" in rendered


PIECES = [*"#*_`~>-+|[]()!:<>/\\\"' \n\t1.aAé\ue000\ue001", "https://", "javascript:", "<script>", "```", "  - "]
markdown_text = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=markdown_text | st.text(max_size=200))
def test_any_text_gives_only_the_tags_made_here_and_safe_links(text: str) -> None:
    rendered = markdown_to_html(text, top_heading=4)
    for tag in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", rendered):
        assert tag.lower() in ALLOWED_TAGS, (text, rendered)
    for attributes in re.findall(r"<[a-zA-Z][a-zA-Z0-9]*([^>]*)>", rendered):
        names = re.findall(r"([a-zA-Z-]+)=", attributes)
        assert set(names) <= {"href", "start", "cellspacing", "cellpadding"}, (text, rendered)
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert href.lower().startswith(("http://", "https://", "mailto:")), (text, rendered)
    assert "\ue000" not in rendered and "\ue001" not in rendered
