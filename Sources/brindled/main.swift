print("brindled: not built yet")
