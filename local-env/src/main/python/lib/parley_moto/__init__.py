"""Patches the project applies to moto 5.2.5 in its local cloud (see each module's docstring)."""
