"""`paralign terms mine` and `paralign glossary merge`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import app, examples, settings_of
from paralign.cli.glossary import glossary_app
from paralign.lang import primary
from paralign.model import Bitext, Glossary, ParalignError
from paralign.terms.merge import OnConflict

terms_app = typer.Typer(no_args_is_help=True, help="Term candidates mined from aligned TUs.")
app.add_typer(terms_app, name="terms")


@terms_app.command(
    epilog=examples("paralign terms mine build/arvak.ru-en.tmx -o candidates.csv --min-frequency 3")
)
def mine(
    ctx: typer.Context,
    inputs: Annotated[
        list[Path], typer.Argument(help="TMX files or corpus folders holding ru/ and en/.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="candidates.tbx or .csv.")],
    glossary: Annotated[
        Path | None, typer.Option(help="Known terms (default: the configured glossary).")
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Propose everything, as if no term were known.")
    ] = False,
    min_frequency: Annotated[
        int, typer.Option(min=1, help="TUs a candidate and its pairing must occur in.")
    ] = 2,
    limit: Annotated[int, typer.Option(min=1, help="Candidates to write, best first.")] = 200,
    lang_pair: Annotated[
        str | None, typer.Option(help="Source-target languages, ru-en or en-ru (default: config).")
    ] = None,
) -> None:
    """Propose bilingual term candidates with their evidence, ranked for an editor."""
    from paralign.glossary_files import TABLE_SUFFIXES, TBX_SUFFIXES, load_glossary, save_glossary
    from paralign.jobs import input_pieces
    from paralign.terms import MineSettings, mine_terms
    from paralign.terms.output import proposals_glossary

    suffix = output.suffix.lower()
    if suffix not in TBX_SUFFIXES and suffix not in TABLE_SUFFIXES:
        raise ParalignError(f"{output}: write candidates as .tbx, .xml, .csv or .tsv")
    if output.is_dir():
        raise ParalignError(f"{output}: is a directory, a file is needed")
    project = settings_of(ctx)
    src, tgt = _pair(lang_pair, project.src_lang, project.tgt_lang)
    known = Glossary(()) if no_glossary else load_glossary(glossary or project.glossary)
    sources = [input_pieces(p, src, tgt) for p in inputs]

    def pieces() -> Iterator[Bitext]:
        for each in sources:
            yield from each()

    settings = MineSettings(min_frequency=min_frequency, limit=limit)
    proposals = mine_terms(pieces, known, settings)
    save_glossary(proposals_glossary(proposals), output)
    variants = sum(p.is_variant for p in proposals)
    typer.echo(
        f"wrote {output} ({len(proposals)} candidates, {variants} variants of known concepts)",
        err=True,
    )


def _pair(given: str | None, src: str, tgt: str) -> tuple[str, str]:
    if given is not None:
        parts = given.split("-")
        if len(parts) != 2 or not all(parts):
            raise ParalignError(f"--lang-pair {given!r}: write it as ru-en or en-ru")
        src, tgt = parts
    if {primary(src), primary(tgt)} != {"ru", "en"}:
        raise ParalignError(f"terms mine pairs Russian with English, not {src}-{tgt}")
    return src, tgt


@glossary_app.command(
    epilog=examples("paralign glossary merge candidates.csv glossary/arvak.tbx --on-conflict fail")
)
def merge(
    candidates: Annotated[Path, typer.Argument(help="Edited candidates (.tbx, .csv …).")],
    glossary: Annotated[Path, typer.Argument(help="Glossary to merge them into.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of the glossary.")
    ] = None,
    on_conflict: Annotated[
        OnConflict, typer.Option(help="keep the glossary's, replace its status, or fail.")
    ] = OnConflict.keep,
) -> None:
    """Merge the entries kept in a candidates file into the glossary, atomically."""
    from paralign.terms.merge import merge_files

    changes = merge_files(candidates, glossary, output, on_conflict)
    for change in changes:
        if change.message:
            typer.echo(f"{change.action}: {change.message}", err=True)
    added = sum(c.action == "added" for c in changes)
    concepts = sum(c.action == "new-concept" for c in changes)
    typer.echo(
        f"merged into {output or glossary}: {concepts} new concepts, {added} terms added",
        err=True,
    )
