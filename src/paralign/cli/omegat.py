"""`paralign omegat rules`: paralign's segmentation rules in the form OmegaT 3.6 reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import app, examples

omegat_app = typer.Typer(no_args_is_help=True, help="Files for an OmegaT 3.6 project.")
app.add_typer(omegat_app, name="omegat")


@omegat_app.command(epilog=examples("paralign omegat rules project/omegat/segmentation.conf"))
def rules(
    out: Annotated[Path, typer.Argument(help="Where to write: PROJECT/omegat/segmentation.conf.")],
    srx: Annotated[
        Path | None, typer.Option("--rules", help="SRX 2.0 rules (default: paralign's).")
    ] = None,
) -> None:
    """Write SRX rules as OmegaT's project segmentation.conf, so that OmegaT cuts the
    source into the sentences paralign's TMX holds (console mode reads no SRX file)."""
    from paralign.omegat import write_segmentation_conf
    from paralign.segment import DEFAULT_RULES
    from paralign.segment.srx import load_srx

    document = load_srx(srx or DEFAULT_RULES)
    write_segmentation_conf(document, out)
    count = sum(len(rules) for _, rules in document.language_rules)
    typer.echo(f"wrote {out} ({len(document.maps)} language maps, {count} rules)", err=True)
