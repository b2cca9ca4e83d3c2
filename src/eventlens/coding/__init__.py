"""The event coder's parts: acts in the parse (`acts`), their arguments as actors
(`arguments`), and small questions asked of the parse (`syntax`)."""
