"""Build the book: validate data, execute stale chapters, run Sphinx, compile the PDF, publish.

Usage: python -m scaling_book.bookbuild [--html-only] [--force] [--jobs N] [--report FILE] [--epoch-dir DIR]

Everything is built aside in ``_build/.work`` and swapped into ``_build/html`` and
``_build/pdf`` only when complete, so a failed build leaves the last good book in place.
One build runs at a time per checkout (``_build/build.lock``); a killed build's leftovers
are cleared by the next one.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from scaling_book.bookbuild.execute import ExecutionResult, execute_pages
from scaling_book.bookbuild.lock import build_lock
from scaling_book.bookbuild.pages import BuildFailure, Page, book_pages
from scaling_book.bookbuild.records import ChapterRecord, load_cached
from scaling_book.bookbuild.recover import begin_step, clear_interrupted, end_step, epoch_refresh, write_atomic
from scaling_book.bookbuild.sphinx import LATEX_TARGET, latex_to_pdf, sphinx_config, sphinx_problems, start_sphinx
from scaling_book.bookbuild.stage import copy_tree, prune_stale_extras, stage_sources, tree_fingerprint
from scaling_book.inputs.load import validate_all
from scaling_book.inputs.paths import ROOT_ENV, checkout_containing, project_root
from scaling_book.inputs.settings import BookMetadata, SettingsError, book_metadata
from scaling_book.inputs.validate import DataValidationError
from scaling_book.render.citation import CHANGELOG_FILE, release_problem

REEXEC_ENV = "SCALING_BOOK_OWN_SOURCES"  # set when the build re-ran itself with the checkout's own src/


def pdf_file_name(metadata: BookMetadata) -> str:
    """PDF name carrying the version, e.g. scaling-law-and-convergence-in-ai-0.1.0.pdf."""
    slug = re.sub(r"[^a-z0-9]+", "-", metadata.title.lower()).strip("-")
    return f"{slug}-{metadata.version}.pdf"


class Steps:
    """Prints each step with its duration, so slow steps are visible."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.last = self.started
        self.durations: dict[str, float] = {}

    def done(self, name: str, note: str = "") -> None:
        now = time.perf_counter()
        self.durations[name] = round(now - self.last, 3)
        print(f"[{now - self.started:6.1f} s] {name}{': ' + note if note else ''}", flush=True)
        self.last = now


def _check_data(root: Path, work: Path, docnames: list[str]) -> None:
    problems = validate_all()
    if not problems:
        return
    message = str(DataValidationError(problems))
    missing = {problem.file for problem in problems if problem.rule == "file"}
    readers = []
    for docname in docnames:
        cached: ChapterRecord | None = load_cached(work, docname)
        for name in sorted(set(cached.inputs) & missing) if cached else []:
            readers.append(f"  - chapter {docname} reads {name}, which is missing")
    if readers:
        message += "\nChapters affected:\n" + "\n".join(readers)
    raise BuildFailure(message)


def _keep_latex_state_only(latex_dir: Path) -> None:
    """Delete the last LaTeX output except latexmk's and LaTeX's records of the last run (``book.*``).

    With the previous .aux, .toc and .fdb_latexmk, latexmk usually needs one xelatex pass instead of three,
    and still reruns until the cross-references settle. Everything else is written afresh by Sphinx.
    """
    keep = Path(LATEX_TARGET).stem + "."
    for path in latex_dir.iterdir() if latex_dir.is_dir() else []:
        if path.is_dir():
            shutil.rmtree(path)
        elif not path.name.startswith(keep) or path.name in (LATEX_TARGET, Path(LATEX_TARGET).stem + ".pdf"):
            path.unlink()


def _publish(built: Path, target: Path) -> None:
    """Replace ``target`` by ``built`` with two renames, keeping the old copy until the new one is in place."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _report(executed: ExecutionResult, steps: Steps, up_to_date: bool) -> dict[str, object]:
    """What ``--report`` writes: chapters executed (with why and how long), reused earlier runs, step durations."""
    return {
        "executed": executed.executed,
        "restored": executed.restored,
        "reasons": {docname: executed.reasons[docname] for docname in executed.executed},
        "chapter_seconds": {docname: executed.chapters[docname].seconds for docname in executed.executed},
        "durations": steps.durations,
        "up_to_date": up_to_date,
    }


def _read_state(state_file: Path) -> dict[str, str]:
    """Fingerprints of the last published build per builder; an unreadable file means nothing is known."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _wait_for_sphinx(
    work: Path, runs: dict[str, tuple[Path, subprocess.Popen[bytes]]], state: dict[str, str]
) -> list[str]:
    """Wait for every Sphinx run; return their problems, forgetting the state of a builder that had some."""
    problems: list[str] = []
    for builder, (warnings_file, process) in runs.items():
        returncode = process.wait()
        found = sphinx_problems(builder, returncode, warnings_file, work / "logs" / f"sphinx-{builder}.log")
        if found:
            # Sphinx does not re-read a page that only warned, so its state must not survive a failure.
            shutil.rmtree(work / f"doctrees-{builder}", ignore_errors=True)
            state.pop(builder, None)
            problems += [f"[{builder}] {line}" for line in found]
    return problems


def _compile_and_publish_pdf(work: Path, output: Path, html_new: Path, pdf_name: str, metadata: BookMetadata) -> None:
    """Run xelatex, then put the PDF beside the new HTML and publish it to ``_build/pdf``."""
    try:
        pdf = latex_to_pdf(work / "latex", metadata)
    except BuildFailure:
        shutil.rmtree(work / "latex", ignore_errors=True)  # latexmk could otherwise think a retry has nothing to do
        raise
    end_step(work, "xelatex")
    shutil.copyfile(pdf, html_new / pdf_name)
    pdf_new = output / "pdf.new"
    shutil.rmtree(pdf_new, ignore_errors=True)
    pdf_new.mkdir(parents=True)
    shutil.copyfile(pdf, pdf_new / pdf_name)
    _publish(pdf_new, output / "pdf")


def _chapter_first(root: Path, work: Path, pages: list[Page], chapter: str, jobs: int, force: bool) -> None:
    """Execute ``chapter`` before the rest (``--chapter``), so its own result or error comes first."""
    named = [page for page in pages if page.docname == chapter.removesuffix(".md")]
    if not named:
        close = difflib.get_close_matches(chapter, [page.docname for page in pages], n=3)
        raise BuildFailure(
            f"no chapter {chapter!r} in _toc.yml"
            + (f"; did you mean {', '.join(close)}?" if close else "; name it like chapters/overview")
        )
    if named[0].is_notebook:
        execute_pages(root, work, named, jobs=1, force=force)


def build(root: Path, *, html_only: bool, force: bool, jobs: int, chapter: str | None = None) -> dict[str, object]:
    steps = Steps()
    output = root / "_build"
    work = output / ".work"
    try:
        metadata = book_metadata()
    except SettingsError as error:
        raise BuildFailure(str(error)) from None
    pdf_name = pdf_file_name(metadata)

    changelog = root / CHANGELOG_FILE
    problem = release_problem(metadata, changelog.read_text(encoding="utf-8") if changelog.is_file() else "")
    if problem:
        raise BuildFailure(problem)

    pages = book_pages(root)
    notebooks = [page.docname for page in pages if page.is_notebook]
    _check_data(root, work, notebooks)
    steps.done("validated data", f"{len(pages)} pages, {len(notebooks)} notebooks")
    if chapter:
        _chapter_first(root, work, pages, chapter, jobs, force)
        steps.done(f"executed {chapter}", "the other chapters follow (the HTML needs them for cross-references)")
        force = False  # the rest: only what is stale

    executed = execute_pages(root, work, pages, jobs=jobs, force=force)
    steps.done("executed chapters", f"{len(executed.executed)} run, {len(notebooks) - len(executed.executed)} reused")

    staging = stage_sources(root, work, pages, executed.chapters)
    config = sphinx_config(root, staging, metadata, pdf_name)
    fingerprint = hashlib.sha256(
        json.dumps([tree_fingerprint(staging), config], default=str, sort_keys=True).encode()
    ).hexdigest()
    steps.done("staged sources")

    state_file = work / "state.json"
    state = _read_state(state_file)
    builders = ["html"] if html_only else ["html", "latex"]
    published = (output / "html" / "index.html").is_file() and (html_only or (output / "pdf" / pdf_name).is_file())
    if not force and published and all(state.get(builder) == fingerprint for builder in builders):
        steps.done(
            "up to date",
            "nothing changed since the last build"
            + (f"; open {output / 'html' / chapter.removesuffix('.md')}.html" if chapter else ""),
        )
        return _report(executed, steps, up_to_date=True)

    # A step killed half-way (Sphinx writing its doctrees, xelatex its book.aux) leaves state that the
    # next run would trust; each step is marked while it runs and a mark left behind clears that state.
    for builder in builders:
        begin_step(work, f"sphinx-{builder}", work / builder, work / f"doctrees-{builder}")
    if "latex" in builders:
        begin_step(work, "xelatex", work / "latex")
        _keep_latex_state_only(work / "latex")
    runs = {
        builder: start_sphinx(
            builder, staging, work / builder, work / f"doctrees-{builder}", config, work / "logs", metadata
        )
        for builder in builders
    }
    problems = _wait_for_sphinx(work, runs, state)
    for builder in builders:
        end_step(work, f"sphinx-{builder}")
    if problems:
        write_atomic(state_file, json.dumps(state))
        raise BuildFailure(
            f"Sphinx reported {len(problems)} warning(s)/error(s); every warning fails the build:\n"
            + "\n".join(problems)
        )
    steps.done("ran Sphinx", " and ".join(builders))

    prune_stale_extras(staging, work / "html")
    html_new = output / "html.new"
    copy_tree(work / "html", html_new)
    try:
        if not html_only:
            _compile_and_publish_pdf(work, output, html_new, pdf_name, metadata)
            steps.done("compiled PDF with xelatex")
    except BaseException:
        shutil.rmtree(html_new, ignore_errors=True)  # no leftover folder after a failed PDF
        raise
    _publish(html_new, output / "html")
    state.update({builder: fingerprint for builder in builders})
    write_atomic(state_file, json.dumps(state))
    shown = output / "html" / f"{chapter.removesuffix('.md')}.html" if chapter else output / "html" / "index.html"
    steps.done("published", f"{shown}" + ("" if html_only else f" and {output / 'pdf' / pdf_name}"))
    return _report(executed, steps, up_to_date=False)


def build_root() -> Path:
    """The checkout to build: ``$SCALING_BOOK_ROOT``, else the checkout holding the working directory."""
    if os.environ.get(ROOT_ENV):
        return project_root()
    return checkout_containing(Path.cwd()) or project_root()


def _own_sources_first(root: Path, argv: list[str]) -> None:
    """Re-run the build with ``root/src`` first on the path when this process imported another checkout's package.

    A copied checkout's ``.venv`` still imports the original's ``src/`` (an editable install records
    an absolute path); building with it would execute the original's code. ``make setup`` reinstalls.
    """
    own = root / "src" / "scaling_book"
    imported = Path(__file__).resolve().parents[1]
    if not own.is_dir() or own.resolve() == imported or os.environ.get(REEXEC_ENV):
        return
    print(
        f"  the environment imports scaling_book from {imported.parent}; building {root} with its own {own.parent}"
        " (run `make setup` to reinstall the package)",
        flush=True,
    )
    path = os.pathsep.join([str(own.parent), *filter(None, [os.environ.get("PYTHONPATH")])])
    env = {**os.environ, "PYTHONPATH": path, ROOT_ENV: str(root), REEXEC_ENV: "1"}
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, "-m", "scaling_book.bookbuild", *argv], env)


def _fail(failure: BuildFailure) -> int:
    print(
        "\n" + "=" * 78 + "\nBUILD FAILED: the previous book in _build/ was left unchanged.\n" + "=" * 78,
        file=sys.stderr,
    )
    print(str(failure), file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scaling_book.bookbuild", description=__doc__.splitlines()[0])
    parser.add_argument("--html-only", action="store_true", help="skip the LaTeX/PDF build")
    parser.add_argument("--force", action="store_true", help="re-execute every chapter and rebuild everything")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="chapters executed in parallel")
    parser.add_argument("--report", type=Path, help="write executed chapters and step durations as JSON here")
    parser.add_argument(
        "--chapter", help="execute this chapter first (e.g. chapters/overview), then build the rest and name its page"
    )
    parser.add_argument(
        "--epoch-dir",
        type=Path,
        help="first rebuild data/processed/ from the Epoch AI files here; "
        "if the book then fails to build, data/processed/ is restored",
    )
    parser.add_argument(
        "--epoch-newer-dir",
        type=Path,
        help="with --epoch-dir: a folder holding a newer release's extract, taken from the seam on (pipeline --newer)",
    )
    args = parser.parse_args(argv)
    root = build_root()
    _own_sources_first(root, sys.argv[1:] if argv is None else argv)
    os.environ[ROOT_ENV] = str(root)  # every path of this build, its chapters and its Sphinx runs is in this checkout
    try:
        with build_lock(root / "_build"):
            for removed in clear_interrupted(root / "_build", root / "_build" / ".work"):
                print(f"  removed {removed}, left by an interrupted build", flush=True)
            with ExitStack() as refresh:
                if args.epoch_dir:
                    newer = args.epoch_newer_dir.resolve() if args.epoch_newer_dir else None
                    refresh.enter_context(epoch_refresh(root, args.epoch_dir.resolve(), newer))
                report = build(root, html_only=args.html_only, force=args.force, jobs=args.jobs, chapter=args.chapter)
    except BuildFailure as failure:
        return _fail(failure)
    if args.report:
        args.report.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
