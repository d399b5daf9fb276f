"""The `edukg` command: ingest documents, run canned queries, export, manage the embedded store."""

from __future__ import annotations

import json
import os
import sys
from importlib.resources import files
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from edukg import catalog, lookup, queryfile, rdf, sparql
from edukg.export import cell_text, export_graph, result_csv, result_json, write_csv, write_json
from edukg.store import QueryRejected, QueryResult, StoreError, open_store, search

EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_STORE = 3

console = Console(stderr=True, soft_wrap=True)


class StoreErrorsAsMessages(click.Group):
    """Show store failures as one clear message instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QueryRejected as problem:
            console.print(f"[red]Query refused:[/red] {problem}")
            sys.exit(EXIT_USAGE)
        except StoreError as problem:
            console.print(f"[red]Graph store error:[/red] {problem}")
            sys.exit(EXIT_STORE)


@click.group(cls=StoreErrorsAsMessages)
@click.version_option(package_name="edukg")
def main() -> None:
    """edukg: a knowledge graph of education reforms.

    \b
    Typical session:
      edukg ingest examples/corpus        # read documents, extract facts, load the graph
      edukg queries                       # the canned queries and their parameters
      edukg query adopters_of_measure -p measure=集团化办学
      edukg find "group schooling"        # ids of the nodes a name, alias or text matches
      edukg export --format json -o graph.json
      edukg app                           # the explorer in your browser

    The graph lives in the embedded store in $EDUKG_DATA_DIR (default: your user data
    folder), started on demand. Set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use Neo4j.
    """


# --------------------------------------------------------------------------- ingest


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--workers", type=int, default=None, help="Processes for the NLP (default: all cores)."
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Follow symlinks that lead out of the folders given (by default they are reported).",
)
@click.option(
    "--source-url",
    metavar="URL",
    help="The web address the one FILE given was published at (for citations).",
)
@click.option(
    "--publisher",
    metavar="NAME",
    help="Who published the one FILE given (for citations).",
)
def ingest(
    paths: tuple[Path, ...],
    workers: int | None,
    follow_symlinks: bool,
    source_url: str | None,
    publisher: str | None,
) -> None:
    """Read files or folders (txt, md, html, pdf, docx) and load their facts into the graph.

    Unchanged files are skipped; a changed file replaces the facts of its earlier version, and
    a document the store holds incompletely is loaded again. Every path not read is reported
    with why; for unreadable files the exit code is then 1.

    \b
    Citations give a document's web address and publisher, not its local path. An HTML page
    states them itself (<link rel=canonical>, og:url; meta ArticleSource, ContentSource,
    source, author, og:site_name). Otherwise say them:
      edukg ingest notice.pdf --source-url https://jyj.example.gov.cn/a/1.html \\
          --publisher 某市教育局
    or, for a folder, put a sources.csv in it (UTF-8, header row file,url,publisher; file
    relative to that folder):
      file,url,publisher
      notice.pdf,https://jyj.example.gov.cn/a/1.html,某市教育局
    Given for a file already ingested and unchanged, they update its document.
    """
    sources = {}
    if source_url or publisher:
        from edukg.ingest.sources import source_info

        if len(paths) != 1 or not paths[0].is_file():
            raise click.UsageError(
                "--source-url and --publisher name one FILE's address; for a folder, list its "
                "files' addresses in a sources.csv inside it (see edukg ingest --help)"
            )
        try:
            sources[paths[0]] = source_info(source_url, publisher)
        except ValueError as problem:
            raise click.BadParameter(str(problem), param_hint="--source-url") from problem
    report = _ingest_with_progress(_open_store(), paths, workers, follow_symlinks, sources)
    _print_ingest_summary(report)
    if report.has_errors:
        sys.exit(EXIT_SKIPPED)


def _open_store():
    """The configured store; a warning first when the embedded store's files are damaged."""
    store = open_store()
    if problem := store.problem():
        console.print(f"[yellow]{escape(problem)}[/yellow]")
    return store


def _ingest_with_progress(
    store, paths, workers: int | None = None, follow_symlinks=False, sources=None
):
    from edukg.ingest.pipeline import ingest_paths

    with Progress(
        TextColumn("[bold]Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        return ingest_paths(
            store,
            paths,
            workers=workers,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
            on_wait=lambda message: console.print(f"[yellow]{escape(message)}[/yellow]"),
            follow_symlinks=follow_symlinks,
            sources=sources,
        )


def _print_ingest_summary(report) -> None:
    table = Table(title=f"Ingest summary ({report.seconds:.1f} s)", show_header=False)
    table.add_row("files found", str(report.found))
    table.add_row("unchanged (skipped)", str(report.unchanged))
    for key, value in report.totals.items():
        if value:
            table.add_row(key.replace("_", " "), str(value))
    console.print(table)
    for item in report.skipped:
        colour = "red" if item.is_error else "yellow"
        console.print(f"[{colour}]skipped[/{colour}] {escape(item.source)}: {escape(item.reason)}")


# --------------------------------------------------------------------------- queries


@main.command("queries")
def list_queries() -> None:
    """List the canned and saved queries with their parameters."""
    table = Table("name", "group", "title", "parameters")
    for name, query in sorted(_catalog().items()):
        params = ", ".join(
            f"{p.name}:{p.type}" + (f"={p.default}" if p.default not in (None, "") else "")
            for p in query.params
        )
        table.add_row(*map(escape, (name, query.group or "", query.title, params)))
    Console().print(table)


def _catalog() -> dict[str, queryfile.CannedQuery]:
    """The query catalog; files left out of it are named on stderr, each with its reason."""
    problems: list[str] = []
    queries = catalog.load_catalog(problems=problems)
    for problem in problems:
        console.print(f"[yellow]skipped[/yellow] {escape(problem)}")
    return queries


def _key_values(items: tuple[str, ...]) -> dict[str, str]:
    """`-p KEY=VALUE` options as a dict (values stay strings; queries coerce them)."""
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="-p")
        pairs[key.strip()] = value
    return pairs


def param_option(help_text: str):
    """The `-p KEY=VALUE` option (repeatable) of `query` and `sparql`, read into a dict."""
    return click.option(
        "-p",
        "--param",
        "raw_params",
        multiple=True,
        metavar="KEY=VALUE",
        callback=lambda _ctx, _param, values: _key_values(values),
        help=help_text,
    )


@main.command()
@click.argument("name")
@param_option("A query parameter; repeat for several.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--limit", type=int, default=10_000, show_default=True, help="At most this many rows."
)
def query(name: str, raw_params: dict[str, str], fmt: str, limit: int) -> None:
    """Run the canned query NAME (see `edukg queries`), read-only."""
    queries = _catalog()
    if name not in queries:
        raise click.UsageError(f"no query named {name!r}; `edukg queries` lists them")
    try:
        params = queryfile.coerce_params(queries[name], raw_params)
    except ValueError as problem:
        raise click.UsageError(str(problem)) from problem
    store = _open_store()
    params = _resolve_nodes(store, queries[name], params, raw_params)
    result = catalog.run_canned(store, queries[name], params, row_limit=limit)
    _print_result(result, fmt)
    if not result.rows and lookup.is_empty(store):
        console.print(EMPTY_GRAPH)
    if result.truncated:
        shown = len(result.rows)
        more = (
            f"-p {catalog.PAGE_PARAM}=N" if params.get(catalog.PAGE_PARAM) == shown else "--limit N"
        )
        console.print(f"[yellow]Only the first {shown} rows are shown: {more} for more.[/yellow]")


EMPTY_GRAPH = (
    "[yellow]The graph is empty.[/yellow] Fill it with `edukg ingest PATH...` (files or "
    "folders), e.g. `edukg ingest examples/corpus` for the demo corpus."
)


def _resolve_nodes(store, query: queryfile.CannedQuery, params: dict, given: dict) -> dict:
    """Parameters that name a node, given on the command line as a name, an alias (zh or en)
    or an id, turned into the node's id (see edukg.lookup); an unknown or ambiguous name is
    a usage error that lists the closest matches."""
    resolved = dict(params)
    for param in query.params:
        kinds = lookup.node_kinds(param)
        if kinds is None or param.name not in given:
            continue
        try:
            resolved[param.name] = lookup.resolve(store, str(params[param.name]), kinds)
        except lookup.LookupProblem as problem:
            if lookup.is_empty(store):
                console.print(EMPTY_GRAPH)
                sys.exit(EXIT_USAGE)
            raise click.UsageError(f"-p {param.name}: {problem}") from problem
    return resolved


@main.command()
@click.argument("text")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(lookup.SEARCH_KINDS, case_sensitive=False),
    help="Only nodes of this kind; repeat for several.",
)
@click.option(
    "--limit", type=int, default=20, show_default=True, help="At most this many of each kind."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--reindex",
    is_flag=True,
    help="First build the search index of nodes loaded by an older edukg (once per graph).",
)
def find(text: str, kinds: tuple[str, ...], limit: int, fmt: str, reindex: bool) -> None:
    """Print the ids (with kinds and names) of the nodes TEXT matches: names and aliases in
    Chinese or English, 文号, and the text of documents; Traditional input is converted.
    Use an id (or the name itself) as a query parameter: `edukg query NAME -p measure=ID`."""
    store = _open_store()
    if reindex:
        console.print(f"{search.index_missing(store)} nodes indexed for search")
    chosen = [k for k in lookup.SEARCH_KINDS if k.lower() in {x.lower() for x in kinds}]
    hits = lookup.find(store, text, kinds=chosen or None, limit=limit)
    if fmt == "json":
        fields = ("id", "kind", "name", "name_en", "detail", "matched", "score")
        click.echo(
            json.dumps(
                [{f: getattr(h, f) for f in fields} for h in hits], ensure_ascii=False, indent=2
            )
        )
    else:
        table = Table(title=None)
        # ids are what the user copies: never cut or wrapped
        table.add_column("id", no_wrap=True, min_width=max((len(h.id) for h in hits), default=2))
        for column in ("kind", "name", "also"):
            table.add_column(column, overflow="fold")
        for hit in hits:
            also = [x for x in (hit.detail, hit.matched) if x and x != hit.name]
            table.add_row(*map(escape, (hit.id, hit.kind, hit.name, " · ".join(also))))
        if hits:
            Console().print(table)
    if hits:
        return
    if lookup.is_empty(store):
        console.print(EMPTY_GRAPH)
    elif search.unindexed(store):
        console.print(
            "The graph was loaded by an older edukg and has no search index yet: run "
            "`edukg find --reindex TEXT` once."
        )
    else:
        console.print(f"Nothing matches {escape(text)!r}.")
    sys.exit(EXIT_SKIPPED)


def _print_result(result, fmt: str) -> None:
    if fmt == "json":
        click.echo(result_json(result))
    elif fmt == "csv":
        click.echo(result_csv(result), nl=False)
    else:
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*(cell_text(v) for v in row))
        Console().print(table)
        console.print(f"{len(result.rows)} rows")


# --------------------------------------------------------------------------- export


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", *rdf.FORMATS]),
    default="json",
    show_default=True,
    help="JSON, CSV tables, or RDF: Turtle (ttl) or JSON-LD (jsonld).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A file (default: standard output). CSV is two tables, nodes.csv and edges.csv: "
    "give a folder, or a FILE.zip for an archive of both.",
)
@click.option(
    "--bom",
    is_flag=True,
    help="CSV: start each table with a UTF-8 byte-order mark, so that Excel reads Chinese right.",
)
def export(fmt: str, output: Path | None, bom: bool) -> None:
    """Export the whole graph: JSON ({"nodes": [...], "edges": [...]}), CSV, or RDF in the
    vocabulary of schema/ontology.ttl (see docs/semantic-layer.md)."""
    if fmt == "csv" and output is None:
        raise click.UsageError(
            "a CSV export is two tables (nodes.csv and edges.csv), which one stream cannot "
            "hold: give -o FOLDER, or -o FILE.zip for an archive of both"
        )
    graph = export_graph(_open_store())
    if fmt == "csv":
        write_csv(graph, output, bom=bom)
    elif output:
        with output.open("w", encoding="utf-8") as stream:
            _write_graph(graph, fmt, stream)
    else:
        _write_graph(graph, fmt, sys.stdout)
    if output:
        console.print(f"{len(graph['nodes'])} nodes, {len(graph['edges'])} edges → {output}")


def _write_graph(graph: rdf.GraphDict, fmt: str, stream) -> None:
    if fmt == "json":
        write_json(graph, stream)
    else:
        stream.write(rdf.serialise(rdf.to_rdf(graph), fmt))


# --------------------------------------------------------------------------- RDF


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", *rdf.FORMATS]),
    help="Default: from the suffix (.ttl, .jsonld, .json; other RDF syntaxes such as .nt too).",
)
def import_graph(file: Path, fmt: str | None) -> None:
    """Load a graph written by `edukg export` (Turtle, JSON-LD or JSON) into the store.

    Nodes are matched by id, edges by their ends (and key); what the file says replaces what
    the store holds for them, and the rest of the graph stays. An export imported into an
    empty store gives the same graph.
    """
    try:
        graph = rdf.read_graph(file, fmt)
    except rdf.GraphFileError as problem:
        raise click.BadParameter(str(problem), param_hint="FILE") from problem
    summary = rdf.load_graph(open_store(), graph)
    console.print(f"{summary.nodes} nodes, {summary.edges} edges imported from {escape(str(file))}")
    if summary.edges_unmatched:
        console.print(
            f"[yellow]{summary.edges_unmatched} edges skipped: their end nodes are neither in "
            "the file nor in the store[/yellow]"
        )


@main.command("sparql")
@click.argument("query_arg", metavar="QUERY")
@param_option("Bind ?KEY before the query runs; a node id (region:110101) binds the node's IRI.")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Query this RDF file (Turtle, JSON-LD...) instead of the graph in the store.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="How SELECT results are printed.",
)
def sparql_query(query_arg: str, raw_params: dict[str, str], data: Path | None, fmt: str) -> None:
    """Run a SPARQL query over the graph as RDF (the graph `export --format ttl` writes).

    QUERY is a file, the name of an example in queries/sparql/ (e.g. adopters_of_measure), or the
    query itself. The export's prefixes (edukg:, dcterms:, skos:, prov:, schema:, region:,
    measure:...) need no PREFIX line. SELECT prints a table (or JSON, CSV), ASK true or false,
    CONSTRUCT and DESCRIBE Turtle.
    """
    try:
        graph = rdf.parse(data) if data else rdf.to_rdf(export_graph(open_store()))
        answer = sparql.run(graph, sparql.query_text(query_arg), raw_params)
    except (rdf.GraphFileError, sparql.SparqlError) as problem:
        raise click.UsageError(str(problem)) from problem
    if isinstance(answer, bool):
        click.echo("true" if answer else "false")
    elif isinstance(answer, QueryResult):
        _print_result(answer, fmt)
    else:
        click.echo(answer.serialize(format="turtle"), nl=False)


# --------------------------------------------------------------------------- db


@main.group()
def db() -> None:
    """Start, stop or inspect the embedded graph store; set up either store's schema."""


def _embedded_server():
    from edukg.store.server import EmbeddedServer, default_data_dir

    return EmbeddedServer(default_data_dir())


@db.command()
def start() -> None:
    """Start the embedded store (in $EDUKG_DATA_DIR)."""
    server = _embedded_server()
    server.start()
    console.print(f"embedded store running (pid {server.status().pid}) in {server.data_dir}")
    problem = server.problem()
    if problem:
        console.print(f"[red]{escape(problem)}[/red]")


@db.command()
def stop() -> None:
    """Stop the embedded store; the graph stays on disk."""
    server = _embedded_server()
    was_running = server.is_running()
    server.stop()
    console.print("embedded store stopped" if was_running else "embedded store was not running")


@db.command()
def status() -> None:
    """Say whether the embedded store runs, where, how big the graph is, and whether its files
    are damaged or missing or its disk full (with the command that fixes it)."""
    state = _embedded_server().status()
    for key, value in vars(state).items():
        click.echo(f"{key}: {value}")
    if not state.running:
        sys.exit(EXIT_STORE)


@db.command()
def check() -> None:
    """Check the embedded store: its files (with the server's own redis-check-aof) and each
    document's facts (counted against the number written with them). Lists the documents to
    redo; the exit code is 1 when anything is wrong. `edukg db repair` fixes what it finds."""
    from edukg.store.falkordb_store import FalkorDBStore
    from edukg.store.loader import check_documents

    server = _embedded_server()
    valid = True
    if server.aof_dir.exists():  # when it is not, the store's `problem()` says why
        valid, words = server.check_files()
        console.print(f"store files: {'valid' if valid else 'NOT valid'}\n{escape(words)}")
    server.start()
    problem = server.problem()
    if problem:
        console.print(f"[red]{escape(problem)}[/red]")
    damaged = check_documents(FalkorDBStore(server))
    for doc in damaged:
        console.print(f"[red]to redo[/red] {escape(doc.source)}: {escape(doc.reason)}")
    console.print(f"{len(damaged)} documents to redo")
    if problem or damaged or not valid:
        console.print("Run `edukg db repair` to repair the store and re-ingest what was lost.")
        sys.exit(EXIT_SKIPPED)


@db.command()
def repair() -> None:
    """Repair the embedded store and re-ingest what was lost.

    \b
    1. stop the store; cut a damaged append-only file back to its last whole write
       (redis-check-aof --fix, run by the server's own binary);
    2. start it; if it still cannot load its files, move them aside (appendonlydir.damaged-*)
       and start an empty graph;
    3. ingest again every file and folder ever ingested into it (unchanged, complete
       documents are skipped) and the documents found incomplete; then rewrite its files.
    """
    from edukg.repair import repair_store

    left = repair_store(
        _embedded_server(),
        ingest=lambda store, paths: _print_ingest_summary(_ingest_with_progress(store, paths)),
        say=lambda text: console.print(escape(text)),
    )
    for doc in left:
        console.print(f"[red]still incomplete[/red] {escape(doc.source)}: {escape(doc.reason)}")
    console.print(
        f"repaired: {len(left)} documents still incomplete" if left else "repaired: store complete"
    )
    if left:
        sys.exit(EXIT_SKIPPED)


@db.command()
def init() -> None:
    """Create the indexes and constraints of schema/ in the store in use (Neo4j when NEO4J_URI
    is set, else the embedded store). Safe to repeat; loading and importing do it too."""
    store = open_store()
    store.ensure_schema()
    console.print(f"indexes and constraints in place ({store.backend})")


# --------------------------------------------------------------------------- eval


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("docs_dir", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--details/--no-details",
    default=True,
    show_default=True,
    help="List the misses and false hits of every document.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead.")
def evaluate(gold_dir: Path, docs_dir: Path, details: bool, as_json: bool) -> None:
    """Score extraction against gold files (GOLD_DIR/*.gold.json) for the documents in DOCS_DIR.

    The documents are ingested into a fresh temporary embedded store, so your graph is
    untouched. Prints precision, recall and F1 per field, per document and micro-averaged.
    """
    from edukg import evaluation

    results = evaluation.evaluate_folder(gold_dir, docs_dir, ingest=_ingest_with_progress)
    totals = evaluation.micro_average(results)
    if as_json:
        click.echo(json.dumps(evaluation.as_json(results, totals), ensure_ascii=False, indent=2))
        return
    _print_scores(results, totals, details)


def _print_scores(results, totals, details: bool) -> None:
    from edukg.evaluation import FIELDS, year_total

    def year_cell(score) -> str:
        return f"{score.correct}/{score.scored}" if score.scored else "–"

    out = Console()
    table = Table("document", *FIELDS, "years", title="F1 per document; adoption years right")
    for result in results:
        table.add_row(
            result.doc,
            *(f"{result.fields[f].score.f1:.2f}" for f in FIELDS),
            year_cell(result.years),
        )
    years = year_total(results)
    table.add_row(
        "[bold]micro-average",
        *(f"[bold]{totals[f].f1:.2f}" for f in FIELDS),
        f"[bold]{year_cell(years)}",
    )
    out.print(table)
    summary = Table(
        "field", "precision", "recall", "F1", "gold", "predicted", "hits", title="Micro-averaged"
    )
    for name in FIELDS:
        s = totals[name]
        summary.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.gold),
            str(s.predicted),
            str(s.true_positives),
        )
    out.print(summary)
    out.print(
        f"adoption years: {years.accuracy:.3f} accuracy ({years.correct} of {years.scored} "
        "matched (region, measure) pairs with a gold year)"
    )
    if details:
        for result in results:
            for name in FIELDS:
                found = result.fields[name]
                for miss in found.misses:
                    out.print(f"{result.doc}  {name}  [red]missed[/red]  {miss}")
                for hit in found.false_hits:
                    out.print(f"{result.doc}  {name}  [yellow]false[/yellow]  {hit}")
            for wrong in result.years.wrong:
                out.print(f"{result.doc}  year  [magenta]wrong[/magenta]  {wrong}")


# --------------------------------------------------------------------------- app


# What `edukg app` sets on Streamlit; .streamlit/config.toml sets the same for `streamlit run
# app.py` in a checkout.
APP_SETTINGS = {
    "browser.gatherUsageStats": "false",
    # No "Deploy" button nor main menu, whose entries Streamlit writes in English only.
    "client.toolbarMode": "minimal",
    # A reader's server does not reload its sources when they change: Streamlit's watcher walks
    # the app's folder for each new session and resolves every imported module after each run,
    # a third of a second of every page opened.
    "server.fileWatcherType": "none",
}


@main.command()
@click.option(
    "--host",
    default="localhost",
    show_default=True,
    help="Address to listen on. Keep localhost unless behind an authenticating proxy.",
)
@click.option("--port", default=8501, show_default=True, type=int)
def app(host: str, port: int) -> None:
    """Open the Streamlit explorer (starts the embedded store if needed)."""
    open_store().close()
    command = [
        sys.executable,
        "-P",  # the current folder (a checkout, with its edukg/ folder) must not hide edukg
        "-m",
        "streamlit",
        "run",
        str(files("edukg.explorer") / "app.py"),
        "--server.address",
        host,
        "--server.port",
        str(port),
    ]
    for name, value in APP_SETTINGS.items():
        command += [f"--{name}", value]
    # Streamlit takes this process's place, so a signal to `edukg app` reaches the server.
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
