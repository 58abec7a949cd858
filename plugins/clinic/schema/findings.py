"""What the structured-data checks find: one type, apart from the checks.

The checks (``vocabulary``, ``google``) are loaded only when a graph is new;
the findings a build keeps (``build.memo``) are read back without them.
"""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """One thing wrong with a graph.

    ``node_id`` is the ``@id`` of the node (or ``@graph[2]`` for a node
    without one); ``path`` leads from that node to the value, for example
    ``mainEntity[0].acceptedAnswer``.  ``severity`` is ``"error"`` for what
    is wrong and ``"warning"`` for what Google recommends but does not need.
    """

    node_id: str
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # The message names the property itself; the text before it says
        # which nested object holds it, when it is not the node itself.
        container = self.path.rpartition(".")[0]
        where = f"{self.node_id} {container}" if container else self.node_id
        return f"{where}: {self.message}"
