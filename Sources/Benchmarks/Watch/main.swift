print("bench-watch: not built yet")
