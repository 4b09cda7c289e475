print("bench-classify: not built yet")
