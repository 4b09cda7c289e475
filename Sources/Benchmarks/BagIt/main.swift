print("bench-bagit: not built yet")
