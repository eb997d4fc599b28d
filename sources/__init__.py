"""Sources: the only package that talks to the network (feeds and article pages over HTTP)."""
