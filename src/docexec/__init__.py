"""docexec: runs the guide's snippets while MkDocs builds the site.

One module per concern:

- ``pages``: finds snippet includes in a page and writes outputs under them;
- ``cache``: keys and stores what a snippet produced;
- ``runner`` and ``worker``: run snippets in isolated processes, with time limits;
- ``model``: chooses the model the snippets use (real Flan-T5 or the offline stand-in);
- ``standin``: creates the small offline T5 checkpoint;
- ``valori``: the values a page cites from its snippets' runs (glued into the prose);
- ``plugin``: the MkDocs plugin that ties them together.
"""

# Part of every cache key: bump it when a change here alters what a snippet's
# recorded result would be (how it runs, what is captured, how it is stored).
# 2: the values a page can cite are recorded with each result (valori.py); figures are
# checked once, before they are stored, not at each read.
# 3: the device on a provenance line is the one the snippet used, not the worker's.
HOOK_VERSION = "3"
