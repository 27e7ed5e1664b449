"""The commands behind the command line: build, watch, preview, new, library, schema."""
