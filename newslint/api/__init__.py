"""What rules are built from: the rule API, the registry and plugins, data packs and phrase matching."""
