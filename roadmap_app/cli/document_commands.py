"""`portfolio export`: the portfolio for employers as Markdown, HTML or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_app.cli.commands import Context
from roadmap_app.domain.portfolio_document import to_html, to_markdown
from roadmap_app.services.errors import InvalidInputError, UserError
from roadmap_app.services.records import quoted

FORMATS = ("md", "html", "pdf")


def portfolio_export(args: argparse.Namespace, ctx: Context) -> int:
    fmt = args.format.strip().lower()
    if fmt not in FORMATS:
        raise InvalidInputError(f"unknown format {quoted(args.format)}; use one of: {', '.join(FORMATS)}")
    if fmt == "pdf" and not args.output:
        raise InvalidInputError("a PDF needs a file to go to; give one with -o FILE")
    content = ctx.services.portfolio_document.content(ctx.profile.id)
    out = Path(args.output) if args.output else None
    try:
        if fmt == "pdf":
            assert out is not None
            # Qt only here: every other command runs without it.
            from roadmap_app.ui.portfolio_pdf import write_pdf

            write_pdf(to_html(content), out)
        else:
            text = to_markdown(content) if fmt == "md" else to_html(content)
            if out is None:
                sys.stdout.write(text)
                return 0
            out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {out} ({exc.strerror}); choose another file with -o") from exc
    print(f"wrote {out}")
    return 0
