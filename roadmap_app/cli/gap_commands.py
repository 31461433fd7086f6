"""The job-ad gap check: `roadmap-app gap FILE|- [--json]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roadmap_app.cli.commands import Context, emit_json
from roadmap_app.domain.gap import Gap
from roadmap_app.services.errors import InvalidInputError
from roadmap_app.services.gap import MAX_AD_BYTES, decode_ad


def read_ad(source: str) -> str:
    """The ad's text from a file, or from standard input for '-'."""
    if source == "-":
        return decode_ad(sys.stdin.buffer.read(MAX_AD_BYTES + 1), "standard input")
    path = Path(source)
    hint = "give the path of a text file holding the ad, or - to read standard input"
    if path.is_dir():
        raise InvalidInputError(f"{source} is a folder; {hint}")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_AD_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInputError(f"{source} does not exist; {hint}") from None
    except OSError as exc:
        raise InvalidInputError(f"cannot read {source} ({exc.strerror or exc}); {hint}") from None
    return decode_ad(data, source)


def gap(args: argparse.Namespace, ctx: Context) -> int:
    text = read_ad(args.file)
    result = ctx.services.gap.check(ctx.profile.id, text)
    if args.json:
        emit_json(result.as_dict())
        return 0
    print_gap(result)
    return 0


def print_gap(result: Gap, indent: str = "") -> None:
    """The gap in words: have (with what shows each), missing, not in the roadmap."""
    if not (result.have or result.missing or result.unknown):
        print(f"{indent}The ad names none of the skills the roadmap knows.")
        return
    print(f"{indent}Have ({len(result.have)}):")
    for h in result.have:
        print(f"{indent}  {h.title}  [{h.id}]")
        for shown in h.evidence:
            print(f"{indent}      {shown}")
    print(f"{indent}Missing ({len(result.missing)}):")
    for m in result.missing:
        print(f"{indent}  {m.title}  [{m.id}]")
    print(f"{indent}Not in the roadmap ({len(result.unknown)}): {', '.join(result.unknown) or '-'}")
