"""Release tooling: the Windows lock and the offline install bundle (maintainers, IT)."""
