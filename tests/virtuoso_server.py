"""OpenLink Virtuoso (Debian ``virtuoso-opensource``) on 127.0.0.1: a temporary database, free ports, stopped by the test."""
from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from servers import free_port, wait_until_up

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
# Let the anonymous SPARQL user write through the Graph Store Protocol (/sparql-graph-crud): a private test database only.
GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'
INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 4
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 4
MaxClientConnections = 4
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


class VirtuosoServer:
    """``virtuoso-t +foreground`` on free loopback ports with its database in ``folder``; :meth:`stop` ends it."""

    def __init__(self, folder: Path, seconds: float = 90):
        folder.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        ini = folder / "virtuoso.ini"
        ini.write_text(INI.format(folder=folder, sql_port=self.sql_port, http_port=self.http_port, vsp=VSP), encoding="utf-8")
        self.process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_until_up(f"{self.url}/sparql?query=ASK%7B%7D", seconds)
            subprocess.run([ISQL, str(self.sql_port), "dba", "dba", f"exec={GRANTS}"], check=True, timeout=60,
                           capture_output=True)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """End the server (SIGTERM, then SIGKILL after 20 s) and wait for it."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
