print("brindlectl: not built yet")
