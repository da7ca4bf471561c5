"""`paralign run`: the main job on the shipped corpus."""

from __future__ import annotations

import typer

from paralign.cli.app import app, config_of


@app.command()
def run(ctx: typer.Context) -> None:
    r"""The main job: align the corpus to TMX, export the glossary, check the terminology.

    Writes build/arvak.ru-en.tmx and build/arvak.csv from texts/ and glossary/ (or what
    \[tool.paralign] names) and prints the findings. Exit 0 whenever the job ran.

    Example: paralign run   (in the project folder)
    """
    from paralign.align import align_corpus
    from paralign.checks import CheckSettings, check_bitexts
    from paralign.corpus import corpus_pairs, read_bitexts
    from paralign.files import check_output
    from paralign.glossary_files import load_glossary, save_glossary
    from paralign.report import render
    from paralign.tmx import write_tmx

    config = config_of(ctx)
    src_lang, tgt_lang = config.get("src-lang", "ru"), config.get("tgt-lang", "en")
    build = config.path("build", "build")
    check_output(build, folder=True)
    for written in (build / f"arvak.{src_lang}-{tgt_lang}.tmx", build / "arvak.csv"):
        if build.is_dir():
            check_output(written)
    glossary = load_glossary(config.path("glossary", "glossary/arvak.tbx"))
    pairs = corpus_pairs(config.path("texts", "texts"), src_lang, tgt_lang)
    bitexts = align_corpus(read_bitexts(pairs, src_lang, tgt_lang))
    tmx_path = build / f"arvak.{src_lang}-{tgt_lang}.tmx"
    write_tmx(bitexts, tmx_path)
    save_glossary(glossary, build / "arvak.csv")
    findings = check_bitexts(bitexts, glossary, CheckSettings.from_config(config))
    typer.echo(render(findings, "text", config))
    links = sum(len(b.links) for b in bitexts)
    typer.echo(
        f"wrote {config.relative(tmx_path)} ({links} translation units) and "
        f"{config.relative(build / 'arvak.csv')} ({len(glossary.concepts)} concepts)"
    )
