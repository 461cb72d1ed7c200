"""Import spaCy without letting thinc import torch.

thinc (spaCy's layer library) runs `import torch` at import time whenever torch is
installed, only to offer its PyTorch layers; our pipeline (en_core_web_sm, a CNN on numpy)
never uses them. Measured with `python -X importtime -c "import spacy"` on 2 cores: 3.0-3.3 s,
of which 1.7-2.3 s is `thinc.compat` importing torch; without it `import spacy` takes
~0.9 s, and a process that answers with the ONNX encoder never loads torch at all
(~300 MB less resident memory).

spaCy's package also imports its command line (`spacy.cli`: weasel, requests, httpx, the
download and project commands) only to offer `spacy.info`: 0.24 s of the 0.7 s left. While
spaCy is imported, `spacy.cli` is a stand-in whose `info` imports the real one when called;
afterwards the stand-in is dropped, so `import spacy.cli` later loads the real package.

The refusal is limited to the thread importing spaCy and to the time of that import, so
another thread that needs torch meanwhile (an ONNX export, the torch backend) imports it as
usual. Once torch is imported anywhere, spaCy's import finds it there and nothing is
refused.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
import types
from collections.abc import Sequence
from typing import Any

CLI = ("spacy.cli", "spacy.cli.info")


class _DeclineTorch(importlib.abc.MetaPathFinder):
    """Makes `import torch` fail with ImportError, in one thread only."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if threading.get_ident() == self.thread and fullname.split(".")[0] == "torch":
            raise ModuleNotFoundError(f"torch is not imported with spaCy ({fullname})",
                                      name=fullname)
        return None


def _info(*args: Any, **kwargs: Any) -> str | dict[str, Any]:
    """spacy.info, from the real command line, imported on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _CliLater(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `spacy.cli` and `spacy.cli.info` as stand-ins, in one thread only."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: types.ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if threading.get_ident() == self.thread and fullname in CLI:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return types.ModuleType(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        # A stand-in module: ModuleType declares no such attributes, they are its own.
        module.info = _info  # type: ignore[attr-defined]
        module.__path__ = []
        module.stand_in = True  # type: ignore[attr-defined]


def import_spacy() -> types.ModuleType:
    """The spacy module, imported without torch unless torch is already loaded, and
    without its command line."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    finders = [_CliLater()] + ([] if "torch" in sys.modules else [_DeclineTorch()])
    sys.meta_path[:0] = finders
    try:
        import spacy
    finally:
        for finder in finders:
            sys.meta_path.remove(finder)
        for name in CLI:
            if getattr(sys.modules.get(name), "stand_in", False):
                del sys.modules[name]
        if getattr(getattr(sys.modules.get("spacy"), "cli", None), "stand_in", False):
            del sys.modules["spacy"].cli
    return spacy
