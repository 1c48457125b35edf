"""Write measured figures into a marked section of a Markdown file under docs/."""

from __future__ import annotations

from pathlib import Path


def repo_root() -> Path:
    """The checkout this package runs from (src layout), else the working directory."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "src" / "flashpoint").exists():
            return parent
    return Path.cwd()


def default_shared() -> Path:
    """Evaluation data sit in ../shared beside the checkout."""
    return repo_root().parent / "shared"


def replace_section(path: Path, key: str, body: str, title: str) -> None:
    """Put ``body`` between <!-- key:start --> and <!-- key:end -->, adding the section
    at the end when it is not there yet; the rest of the file is left as it is."""
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {title}\n"
    if start in text and end in text:
        before = text.split(start, 1)[0]
        after = text.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
