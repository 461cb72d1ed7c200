"""spaCy is imported without thinc importing torch, and torch stays importable after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys, threading
from index.claims.extract import ClaimExtractor
doc = ClaimExtractor().nlp()("Twelve officers were killed, officials said.")
import thinc.compat
print("torch" in sys.modules, thinc.compat.has_torch, doc[1].dep_)
import torch  # the refusal was only for spaCy's own import
print(torch.tensor([1.0]).item() == 1.0)
"""


def test_spacy_loads_without_importing_torch_and_torch_still_imports_after():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True)
    first, second = done.stdout.splitlines()
    assert first == "False False nsubjpass"
    assert second == "True"


THREADS = """
import sys, threading
from index.claims.spacy_import import import_spacy
got = {}
def load_torch():
    import torch
    got["torch"] = torch.ones(1).item()
other = threading.Thread(target=load_torch)
other.start()
import_spacy()
other.join()
print(got.get("torch"))
"""


def test_another_thread_imports_torch_while_spacy_is_being_imported():
    done = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True)
    assert done.stdout.strip() == "1.0"


CLI = """
import sys
from index.claims.spacy_import import import_spacy
spacy = import_spacy()
print("spacy.cli" in sys.modules, hasattr(spacy, "cli"))
print(spacy.info()["spacy_version"] == spacy.__version__)
import spacy.cli
print(hasattr(spacy.cli, "download"))
"""


def test_spacy_is_imported_without_its_command_line_which_loads_when_asked_for():
    done = subprocess.run([sys.executable, "-c", CLI], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True)
    assert done.stdout.splitlines() == ["False False", "True", "True"]
