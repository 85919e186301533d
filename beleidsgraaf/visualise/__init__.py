"""Network analysis (networkx) and offline interactive HTML maps (vis-network) of the graph."""
