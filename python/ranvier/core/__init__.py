"""Simulation machinery shared by every user-facing object: engine access, names, namespaces, clocks,
networks, variable views and preferences."""
