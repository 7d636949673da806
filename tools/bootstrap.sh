#!/usr/bin/env bash
# Prepare a fresh Debian machine for building and testing the book:
#   1. the Debian packages the PDF and the browser tests need (apt-get as root,
#      otherwise stop and print the exact command to run);
#   2. the Python environment .venv, created from requirements.txt (the book), requirements-test.txt
#      (the tests) and requirements-dev.txt (linters), all exact pins, with the book's own package
#      (src/scaling_book) installed into it.
# Idempotent: a second run with nothing missing only checks and returns.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

# --- 1. Debian packages -------------------------------------------------------
# Each check names the package that provides what is missing.
missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_font() { fc-list : family 2>/dev/null | grep -qF "$1" || missing+=("$2"); }

# Without kpsewhich there is no TeX at all yet: every TeX package below is missing too.
need_tex() {
  if command -v kpsewhich >/dev/null 2>&1; then kpsewhich "$1" >/dev/null 2>&1 || missing+=("$2")
  else missing+=("$2"); fi
}

check_debian_packages() {
  need_cmd fc-list fontconfig
  need_cmd xelatex texlive-xetex
  need_cmd latexmk latexmk
  need_cmd pdffonts poppler-utils
  need_cmd pdftotext poppler-utils
  need_cmd chromium chromium
  # Formulas are rendered to SVG at build time (sphinx.ext.imgmath: latex + dvisvgm), so
  # the HTML shows math with no network and no JavaScript.
  need_cmd latex texlive-latex-base
  need_cmd dvisvgm dvisvgm
  need_tex xeCJK.sty texlive-lang-chinese
  need_tex fncychap.sty texlive-latex-extra
  need_tex pzdr.tfm texlive-fonts-recommended
  need_font "Noto Serif CJK SC" fonts-noto-cjk
  need_font "Noto Sans CJK SC" fonts-noto-cjk
  need_font "FreeSerif" fonts-freefont-otf
  # Inline code and identifiers in the PDF; letters and digits of formulas in the text face.
  need_font "DejaVu Sans Mono" fonts-dejavu-core
  need_tex mathastext.sty texlive-latex-extra
  "$PYTHON" -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
}
check_debian_packages

if [ "${#missing[@]}" -gt 0 ]; then
  # Unique, stable order so the printed command is copy-pasteable and short.
  mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "bootstrap: installing Debian packages: ${pkgs[*]}"
    bash -c "$cmd"
    # Check again, so a package that did not provide what was missing stops here, not in xelatex.
    missing=()
    check_debian_packages
    if [ "${#missing[@]}" -gt 0 ]; then
      echo "bootstrap: still missing after apt-get: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')" >&2
      exit 1
    fi
  else
    echo "bootstrap: missing Debian packages: ${pkgs[*]}" >&2
    echo "Run as root, then retry:" >&2
    echo "  sudo bash -c '$cmd'" >&2
    exit 1
  fi
fi

# --- 2. Python environment ----------------------------------------------------
stamp="$VENV/.requirements.sha256"
REQUIREMENTS=(requirements.txt requirements-test.txt requirements-dev.txt)
want="$(cd "$ROOT" && cat "${REQUIREMENTS[@]}" pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
# A copied or moved checkout's .venv still imports the original's src/ (an editable install records an
# absolute path): reinstall the package from this checkout when it points elsewhere.
installed="$(PYTHONPATH= "$VENV/bin/python" -c 'import scaling_book, os; print(os.path.dirname(os.path.realpath(scaling_book.__file__)))' 2>/dev/null || true)"
own="$(cd "$ROOT/src/scaling_book" && pwd -P)"
if [ -n "$installed" ] && [ "$installed" != "$own" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "bootstrap: the environment imports scaling_book from $installed; reinstalling it from $own"
  PYTHONPATH= "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-deps --no-build-isolation --editable "$ROOT"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing pinned Python packages from ${REQUIREMENTS[*]}"
  # One pip call, so the three files are resolved together and a pin they disagree on stops here.
  req_args=()
  for name in "${REQUIREMENTS[@]}"; do req_args+=(-r "$ROOT/$name"); done
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${req_args[@]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-deps --no-build-isolation --editable "$ROOT"
  echo "$want" > "$stamp"
fi

# --- 3. The CITATION.cff validator, in its own environment ---------------------------------
# cffconvert pins jsonschema<4, which the book's environment cannot share.
CFF_VENV="$ROOT/.venv-cff"
cff_stamp="$CFF_VENV/.requirements.sha256"
cff_want="$(sha256sum "$ROOT/tools/requirements-cff.txt" | cut -d' ' -f1)"
if [ "$(cat "$cff_stamp" 2>/dev/null)" != "$cff_want" ]; then
  echo "bootstrap: installing the CITATION.cff validator into $CFF_VENV"
  [ -x "$CFF_VENV/bin/python" ] || "$PYTHON" -m venv "$CFF_VENV"
  "$CFF_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/tools/requirements-cff.txt"
  echo "$cff_want" > "$cff_stamp"
fi
