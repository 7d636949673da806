"""Run chapters as plain scripts and write what they display and glue, to compare two versions of the code.

    python tools/chapter_outputs.py OUT_DIR [chapters/…md ...]     # all chapters when none is named
    python tools/chapter_outputs.py --compare OLD_DIR NEW_DIR

Each chapter's code cells run in a fresh interpreter (no kernel, no Sphinx) with the build's
provenance file set, so the glued numbers, the displayed Markdown (tables) and the glued charts
are captured as JSON, one file per chapter. ``--compare`` lists every difference; the exit code
is 1 when there is one. Used while refactoring to show that the book's outputs did not change;
the whole book is compared after a full build (numbers.json, exhibit CSVs, HTML and PDF text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parents[1]

# Runs before the chapter's code: every display() call is written down instead of shown.
PRELUDE = r"""
import base64, hashlib, json, os, sys
import IPython.display, IPython.core.display_functions
_shown = []
def _display(*objects, metadata=None, raw=False, **kwargs):
    for obj in objects:
        if raw:
            bundle = obj
        else:
            import IPython.core.formatters
            bundle, _ = IPython.core.formatters.format_display_data(obj)
        kept = {}
        for mime, value in sorted(bundle.items()):
            if mime.endswith(("application/pdf", "image/png")):
                value = "(binary, not compared: vl-convert's PDF carries its creation time)"
            kept[mime] = value
        if metadata:
            kept["metadata"] = metadata
        _shown.append(kept)
IPython.display.display = _display
IPython.core.display_functions.display = _display
import atexit
atexit.register(lambda: open(os.environ["CHAPTER_OUTPUTS_FILE"], "w").write(json.dumps(_shown, ensure_ascii=False)))
"""


def chapter_script(source: Path) -> str:
    notebook = jupytext.read(source)
    return PRELUDE + "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code") + "\n"


def run_chapter(source: Path, out: Path) -> None:
    docname = source.resolve().relative_to(ROOT).with_suffix("").as_posix()
    with tempfile.TemporaryDirectory() as scratch:
        record = Path(scratch) / "record.jsonl"
        shown = Path(scratch) / "shown.json"
        script = Path(scratch) / "chapter.py"
        script.write_text(chapter_script(source), encoding="utf-8")
        env = {
            **os.environ,
            "SCALING_BOOK_RECORD": str(record),
            "SCALING_BOOK_DOCNAME": docname,
            "CHAPTER_OUTPUTS_FILE": str(shown),
            "SCALING_BOOK_ROOT": str(ROOT),
        }
        result = subprocess.run(
            [sys.executable, str(script)], cwd=source.parent, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise SystemExit(f"{docname} failed:\n{result.stderr[-4000:]}")
        events = (
            [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()] if record.exists() else []
        )
        artifacts = {}
        folder = record.parent / "artifacts"
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file():
                artifacts[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        numbers = {
            event["key"]: {k: event[k] for k in ("value", "unit", "text")}
            for event in events
            if event["event"] == "number"
        }
        outputs = {
            "numbers": numbers,
            "artifacts": artifacts,
            "shown": json.loads(shown.read_text(encoding="utf-8")) if shown.exists() else [],
        }
    target = out / (docname.replace("/", "__") + ".json")
    target.write_text(json.dumps(outputs, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{docname}: {len(numbers)} numbers, {len(outputs['shown'])} displays, {len(artifacts)} files")


def compare(old: Path, new: Path) -> int:
    differences = 0
    for old_file in sorted(old.glob("*.json")):
        new_file = new / old_file.name
        if not new_file.exists():
            print(f"{old_file.stem}: missing in {new}")
            differences += 1
            continue
        a, b = (json.loads(path.read_text(encoding="utf-8")) for path in (old_file, new_file))
        for part in ("numbers", "artifacts"):
            for key in sorted(set(a[part]) | set(b[part])):
                if a[part].get(key) != b[part].get(key):
                    print(f"{old_file.stem}: {part} {key}: {a[part].get(key)!r} -> {b[part].get(key)!r}")
                    differences += 1

        # Displays: compare as multisets, since glue order may change when a view computes first.
        def key(item: dict[str, object]) -> str:
            return json.dumps(
                {
                    mime: "(binary)" if mime.endswith(("application/pdf", "image/png")) else value
                    for mime, value in item.items()
                },
                sort_keys=True,
                ensure_ascii=False,
            )

        old_shown, new_shown = sorted(map(key, a["shown"])), sorted(map(key, b["shown"]))
        if old_shown != new_shown:
            only_old = sorted(set(old_shown) - set(new_shown))
            only_new = sorted(set(new_shown) - set(old_shown))
            print(f"{old_file.stem}: displays differ ({len(only_old)} only before, {len(only_new)} only after)")
            for item in only_old[:3]:
                print(f"   before: {item[:400]}")
            for item in only_new[:3]:
                print(f"   after:  {item[:400]}")
            differences += 1
    print(f"{differences} difference(s)")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    parser.add_argument("out", nargs="?")
    parser.add_argument("chapters", nargs="*")
    args = parser.parse_args()
    if args.compare:
        return compare(Path(args.compare[0]), Path(args.compare[1]))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sources = [Path(c).resolve() for c in args.chapters] or sorted((ROOT / "chapters").rglob("*.md"))
    for source in sources:
        run_chapter(source, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
