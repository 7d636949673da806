"""Data, metrics, charts and build pipeline of the book *Scaling Law and Convergence in AI*."""
