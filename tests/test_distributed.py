"""The library entry point mapped over a Dask ``LocalCluster`` gives the CLI's findings (optional extra)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetlint.batch import lint_file
from budgetlint.engine import collect

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_dask_local_cluster_matches_cli():
    # the corpus's own documents, not its sets/ (a set's findings across documents come from the run, not a file)
    files = [p for p in collect([str(CORPUS)]) if p.endswith((".txt", ".pdf")) and Path(p).parent == CORPUS]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            results = client.gather(client.map(lint_file, files, pure=False))
    cli = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--format", "json", "--jobs", "1", *files], capture_output=True, timeout=300
    )
    expected = {f["path"]: sorted(x["fingerprint"] for x in f["findings"]) for f in json.loads(cli.stdout)["files"]}
    got = {r.path: sorted(f.fingerprint() for f in r.findings) for r in results}
    assert got == expected
    assert sum(map(len, got.values())) > 0
