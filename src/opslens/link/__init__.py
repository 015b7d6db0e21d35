"""Across articles: the layer that links what the store holds.

    from opslens.link import update
    report = update(store)                 # link the articles stored since the last run
    report = update(store, rebuild=True)   # empty the layer and link every article again
    report = update(store, watchlist=watchlist(options))  # and check alert rules (opslens.link.rules)

`opslens analyze` runs `update` after every stored batch; `opslens link [--rebuild]` runs it by
hand. The steps run in the order below, each over the articles not linked yet (an article is
linked again when it was analysed again). Everything the layer holds is derived from the stored
analyses, except the analyst's entity decisions and the alerts already raised, which a rebuild
keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opslens.link.rules import Watchlist
    from opslens.link.run import LinkReport
    from opslens.store import Store

__all__ = ["update"]


def update(store: Store, *, rebuild: bool = False, watchlist: Watchlist | None = None) -> LinkReport:
    from opslens.link.driver import update_links

    return update_links(store, rebuild=rebuild, watchlist=watchlist)
