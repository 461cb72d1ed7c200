"""Import spaCy without letting thinc import torch.

thinc (spaCy's layer library) runs `import torch` at import time whenever torch is
installed, only to offer its PyTorch layers; our pipeline (en_core_web_sm, a CNN on numpy)
never uses them. Measured with `python -X importtime -c "import spacy"` on 2 cores: 3.0-3.3 s,
of which 1.7-2.3 s is `thinc.compat` importing torch; without it `import spacy` takes
~0.9 s, and a process that answers with the ONNX encoder never loads torch at all
(~300 MB less resident memory).

The refusal is limited to the thread importing spaCy and to the time of that import, so
another thread that needs torch meanwhile (an ONNX export, the torch backend) imports it as
usual. Once torch is imported anywhere, spaCy's import finds it there and nothing is
refused.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading


class _DeclineTorch(importlib.abc.MetaPathFinder):
    """Makes `import torch` fail with ImportError, in one thread only."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, fullname, path=None, target=None):
        if threading.get_ident() == self.thread and fullname.split(".")[0] == "torch":
            raise ModuleNotFoundError(f"torch is not imported with spaCy ({fullname})",
                                      name=fullname)
        return None


def import_spacy():
    """The spacy module, imported without torch unless torch is already loaded."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    finder = _DeclineTorch()
    sys.meta_path.insert(0, finder)
    try:
        import spacy
    finally:
        sys.meta_path.remove(finder)
    return spacy
