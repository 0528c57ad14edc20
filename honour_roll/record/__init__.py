"""The record room: what a movement and a record are, read from YAML and checked (never imports MkDocs)."""
