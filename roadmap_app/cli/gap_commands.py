"""The job-ad gap check: `roadmap-app gap FILE|- [--json]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
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


def _add_unknown(ctx: Context, unknown: Sequence[str], names: Sequence[str]) -> list[dict[str, str]]:
    """Each name the ad asks for and the roadmap does not know, added as an own skill (every name is checked before any is added)."""
    by_name = {n.casefold(): n for n in unknown}
    wanted = [by_name.get(" ".join(n.split()).casefold()) for n in names]
    for name, found in zip(names, wanted, strict=True):
        if found is None:
            listed = ", ".join(unknown) or "none"
            raise InvalidInputError(
                f"the ad names no unknown skill '{' '.join(name.split())}' (unknown here: {listed})"
            )
    added = []
    for name in dict.fromkeys(w for w in wanted if w):
        item = ctx.services.own_items.add_unknown_skill(ctx.profile.id, name)
        added.append({"id": item.id, "title": item.title})
    return added


def gap(args: argparse.Namespace, ctx: Context) -> int:
    text = read_ad(args.file)
    result = ctx.services.gap.check(ctx.profile.id, text)
    added = _add_unknown(ctx, result.unknown, args.add_unknown)
    if added:
        result = ctx.services.gap.check(ctx.profile.id, text)
    if args.json:
        emit_json({**result.as_dict(), **({"added": added} if args.add_unknown else {})})
        return 0
    for item in added:
        print(f"Added your own skill {item['title']}: {item['id']}")
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
