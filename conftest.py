"""Repository-level pytest configuration: make the working tree importable."""
