from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from .app import App

current_app: App = make_proxy()  # noqa: F821 (defined elsewhere at run time)
