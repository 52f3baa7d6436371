"""The pluggy plugin system: hook specifications, the plugin manager, built-ins."""

import pluggy

hookimpl = pluggy.HookimplMarker("disclint")
